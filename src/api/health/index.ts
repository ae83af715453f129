import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { describeStorageFault } from '../../db/storage-fault.js';
import { createRouter } from '../create-router.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    reason: z.string().optional().openapi({ description: 'Why the service is degraded, in words an operator can act on' }),
    cause: z.enum(['disk-full', 'read-only', 'locked', 'missing-directory', 'io', 'unavailable']).optional(),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Service'],
  summary: 'Is the service up? (no key needed)',
  description:
    'Answers 200 while the service can answer requests. `status` is `ok`, or `degraded` with a `reason` when the database cannot be written ' +
    '(disk full, read-only file or file system, a lock held too long): reads and evaluations still work, changes answer 503. ' +
    'The write check is a probe cached for a few seconds (HEALTH_PROBE_TTL_MS), so polling is cheap.',
  responses: {
    200: { description: 'Up; `degraded` when changes cannot be saved', content: { 'application/json': { schema: healthSchema } } },
    500: describeProblemResponses()[500],
  },
});

export function createHealthRouter() {
  return createRouter().openapi(healthRoute, async (c) => {
    await c.var.deps.db.run(sql`select 1`);
    const fault = await c.var.deps.storageHealth.check();
    if (fault) return c.json({ status: 'degraded' as const, reason: describeStorageFault(fault), cause: fault.cause }, 200);
    return c.json({ status: 'ok' as const }, 200);
  });
}
