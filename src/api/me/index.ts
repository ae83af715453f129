import { createRoute, z } from '@hono/zod-openapi';
import { ROLES } from '../../db/schema.js';
import { createRouter } from '../create-router.js';
import { SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Keys'],
  summary: 'Who the key belongs to: organisation and role',
  security: SECURITY,
  responses: {
    200: {
      description: 'The key\'s organisation and role',
      content: { 'application/json': { schema: z.object({ keyId: z.string(), organisation: z.string(), role: z.enum(ROLES) }).openapi('Me') } },
    },
    ...describeProblemResponses(),
  },
});

export function createMeRouter() {
  return createRouter().openapi(meRoute, (c) => {
    const { keyId, organisationName, role } = c.var.principal;
    return c.json({ keyId, organisation: organisationName, role }, 200);
  });
}
