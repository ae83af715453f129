import { z } from '@hono/zod-openapi';

export const pageQuerySchema = z.object({
  limit: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int({ error: 'must be a whole number from 1 to 100' })
    .min(1, { error: 'must be a whole number from 1 to 100' })
    .max(100, { error: 'must be a whole number from 1 to 100' })
    .default(20)
    .openapi({ example: 20 }),
  offset: z.coerce
    .number({ error: 'must be a whole number from 0' })
    .int({ error: 'must be a whole number from 0' })
    .min(0, { error: 'must be a whole number from 0' })
    .max(1_000_000_000, { error: 'must be a whole number from 0' })
    .default(0)
    .openapi({ example: 0 }),
});

export const dealIdParamSchema = z.object({
  id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'deal_3f9a0c1b2d4e5f60' }),
});

export const revisionNumber = z.coerce
  .number({ error: 'must be a revision number: a whole number from 1' })
  .int({ error: 'must be a revision number: a whole number from 1' })
  .min(1, { error: 'must be a revision number: a whole number from 1' })
  .max(1_000_000_000, { error: 'must be a revision number: a whole number from 1' });

export const SECURITY = [{ bearer: [] }];
