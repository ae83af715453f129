import { createRoute, z } from '@hono/zod-openapi';
import { dealIdParamSchema, revisionNumber, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const revisionSummarySchema = z
  .object({
    revision: z.number().int().openapi({ example: 1 }),
    contentHash: z.string(),
    author: z.string().nullable().openapi({ description: 'Id of the key that wrote it.' }),
    createdAt: z.string(),
  })
  .openapi('RevisionSummary');

export const revisionSchema = revisionSummarySchema
  .extend({ dealId: z.string(), deal: z.record(z.string(), z.unknown()).openapi({ description: 'The deal (schema Deal) as stored in this revision.' }) })
  .openapi('Revision');

const tags = ['Revisions'];

export const listRevisionsRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/revisions',
  tags,
  summary: 'Every revision of a deal, oldest first',
  security: SECURITY,
  request: { params: dealIdParamSchema },
  responses: {
    200: { description: 'The revisions', content: { 'application/json': { schema: z.object({ dealId: z.string(), items: z.array(revisionSummarySchema) }) } } },
    ...describeProblemResponses(404),
  },
});

export const getRevisionRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/revisions/{rev}',
  tags,
  summary: 'One revision of a deal, as it was saved',
  security: SECURITY,
  request: { params: dealIdParamSchema.extend({ rev: revisionNumber.openapi({ param: { name: 'rev', in: 'path' }, example: 1 }) }) },
  responses: {
    200: { description: 'The revision', content: { 'application/json': { schema: revisionSchema } } },
    ...describeProblemResponses(404),
  },
});
