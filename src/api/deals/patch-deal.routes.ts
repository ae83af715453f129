import { createRoute, z } from '@hono/zod-openapi';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { dealResourceSchema, ETAG_HEADER } from './deal-resource.js';

export const JSON_PATCH_MEDIA_TYPE = 'application/json-patch+json';
export const MERGE_PATCH_MEDIA_TYPE = 'application/merge-patch+json';

/** Documented as JSON Schema, checked by the handler (every problem by path): a route schema would check only application/json. */
const jsonPatchSchema = {
  type: 'array' as const,
  items: {
    type: 'object' as const,
    required: ['op', 'path'],
    properties: {
      op: { type: 'string' as const, enum: ['add', 'remove', 'replace', 'move', 'copy', 'test'] },
      path: { type: 'string' as const, example: '/revenue/fz-parking-community/monthlyFee' },
      from: { type: 'string' as const },
      value: {},
    },
  },
  example: [{ op: 'replace', path: '/revenue/fz-parking-community/monthlyFee', value: '180' }],
};

export const patchDealRoute = createRoute({
  method: 'patch',
  path: '/deals/{id}',
  tags: ['Deals'],
  summary: 'Change part of a deal, making a new revision (If-Match required)',
  description:
    'Roles admin, modeler of the owning organisation. The body is a JSON Patch (RFC 6902, `Content-Type: application/json-patch+json`): operations by JSON Pointer, where an array element is named by its index or by its `id` — `/revenue/fz-parking-community/monthlyFee` — or a JSON merge patch (RFC 7396, `application/merge-patch+json`; arrays replace whole). Applied to the current revision and checked as PUT checks a deal; `If-Match: "<revision>"` must name the current revision (412 when stale, 428 without). A failing operation is 422 at `[i]`; a patched deal with problems is 422 at their paths in the deal. A patch that changes nothing makes no revision.',
  security: SECURITY,
  request: {
    params: dealIdParamSchema,
    headers: z.object({ 'if-match': z.string().optional().openapi({ example: '"1"', description: 'The revision you edited, quoted.' }) }),
    body: { required: true, content: { [JSON_PATCH_MEDIA_TYPE]: { schema: jsonPatchSchema }, [MERGE_PATCH_MEDIA_TYPE]: { schema: { type: 'object' as const, example: { discountRate: '0.08' } } } } },
  },
  responses: {
    200: { description: 'The deal at its new revision', headers: ETAG_HEADER, content: { 'application/json': { schema: dealResourceSchema } } },
    ...describeProblemResponses(403, 404, 409, 412, 415, 422, 428),
  },
});
