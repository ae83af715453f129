import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { createRouter } from '../create-router.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'Is the service up? (no key needed)',
  responses: {
    200: { description: 'Up, and the database answers', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } },
    500: describeProblemResponses()[500],
  },
});

export function createHealthRouter() {
  return createRouter().openapi(healthRoute, (c) => {
    c.var.deps.db.run(sql`select 1`);
    return c.json({ status: 'ok' as const }, 200);
  });
}
