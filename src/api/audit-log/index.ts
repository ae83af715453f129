import { createRoute, z } from '@hono/zod-openapi';
import { listAuditLog } from '../../db/audit-log.js';
import { requireRole } from '../access/deal-access.js';
import { createRouter } from '../create-router.js';
import { pageQuerySchema, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actorKeyId: z.string().nullable(),
    action: z.string().openapi({ example: 'deal.revised' }),
    subjectType: z.string().openapi({ example: 'deal' }),
    subjectId: z.string(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEntry');

const auditLogRoute = createRoute({
  method: 'get',
  path: '/audit-log',
  tags: ['Keys'],
  summary: 'Every change made in your organisation, newest first (admin)',
  security: SECURITY,
  request: { query: pageQuerySchema },
  responses: {
    200: {
      description: 'A page of the audit log',
      content: { 'application/json': { schema: z.object({ items: z.array(auditEntrySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }) } },
    },
    ...describeProblemResponses(403),
  },
});

export function createAuditLogRouter() {
  return createRouter().openapi(auditLogRoute, async (c) => {
    requireRole(c.var.principal, ['admin']);
    const { limit, offset } = c.req.valid('query');
    const page = await listAuditLog(c.var.deps.db, c.var.principal.organisationId, { limit, offset });
    return c.json({ items: page.items.map(({ organisationId: _org, ...entry }) => entry), total: page.total, limit, offset }, 200);
  });
}
