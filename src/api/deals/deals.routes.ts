import { createRoute, z } from '@hono/zod-openapi';
import { DEAL_REF } from '../schemas/deal-json-schema.js';
import { dealIdParamSchema, pageQuerySchema, revisionNumber, SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema, sourcedEvaluationSchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { dealResourceSchema, dealSummarySchema, ETAG_HEADER } from './deal-resource.js';
import { dealFromTemplateSchema } from './template-request-schema.js';

export { dealFromTemplateSchema };

const tags = ['Deals'];
const dealResponse = (description: string) => ({ description, headers: ETAG_HEADER, content: { 'application/json': { schema: dealResourceSchema } } });

export const createDealRoute = createRoute({
  method: 'post',
  path: '/deals',
  tags,
  summary: 'Create a deal from a body or from a template (revision 1)',
  description: 'Roles admin, modeler. The body is a Deal, or `{ "template": id, "name"?: text }`.',
  security: SECURITY,
  request: {
    body: { required: true, content: { 'application/json': { schema: { oneOf: [DEAL_REF, { $ref: '#/components/schemas/DealFromTemplate' }] } } } },
  },
  responses: {
    201: { ...dealResponse('Created; Location names it'), headers: { ...ETAG_HEADER, Location: { schema: { type: 'string' } } } },
    ...describeProblemResponses(403, 415, 422),
  },
});

export const listDealsRoute = createRoute({
  method: 'get',
  path: '/deals',
  tags,
  summary: 'Deals of your organisation and deals shared with it, most recently changed first',
  security: SECURITY,
  request: {
    query: pageQuerySchema.extend({
      includeArchived: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').openapi({ example: 'false' }),
    }),
  },
  responses: {
    200: {
      description: 'A page of deals',
      content: {
        'application/json': {
          schema: z.object({ items: z.array(dealSummarySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }).openapi('DealPage'),
        },
      },
    },
    ...describeProblemResponses(),
  },
});

export const getDealRoute = createRoute({
  method: 'get',
  path: '/deals/{id}',
  tags,
  summary: 'A deal at its current revision',
  security: SECURITY,
  request: { params: dealIdParamSchema },
  responses: { 200: dealResponse('The deal; ETag is its revision'), ...describeProblemResponses(404) },
});

export const updateDealRoute = createRoute({
  method: 'put',
  path: '/deals/{id}',
  tags,
  summary: 'Replace a deal, making a new revision (If-Match required)',
  description: 'Roles admin, modeler of the owning organisation. `If-Match: "<revision>"` must name the current revision, else 412. A body equal to the current revision makes no new revision.',
  security: SECURITY,
  request: {
    params: dealIdParamSchema,
    headers: z.object({ 'if-match': z.string().optional().openapi({ example: '"1"', description: 'The revision you edited, quoted.' }) }),
    body: { required: true, content: { 'application/json': { schema: DEAL_REF } } },
  },
  responses: { 200: dealResponse('The deal at its new revision'), ...describeProblemResponses(403, 404, 409, 412, 415, 422, 428) },
});

export const archiveDealRoute = createRoute({
  method: 'delete',
  path: '/deals/{id}',
  tags,
  summary: 'Archive a deal (its revisions stay readable and evaluable)',
  description: 'Roles admin, modeler of the owning organisation. Archiving twice is no error.',
  security: SECURITY,
  request: { params: dealIdParamSchema },
  responses: { 204: { description: 'Archived' }, ...describeProblemResponses(403, 404) },
});

export const evaluateDealRoute = createRoute({
  method: 'post',
  path: '/deals/{id}/evaluate',
  tags,
  summary: 'Evaluate a revision of a deal (the current one by default)',
  description: 'Any role that sees the deal. Results are cached by content hash and as-of date (`Evaluation-Cache: hit|miss`).',
  security: SECURITY,
  request: {
    params: dealIdParamSchema,
    query: asOfQuerySchema.extend({ revision: revisionNumber.optional().openapi({ example: 1 }) }),
  },
  responses: {
    200: { description: 'The evaluation and what was evaluated', content: { 'application/json': { schema: sourcedEvaluationSchema } } },
    ...describeProblemResponses(404, 422),
  },
});
