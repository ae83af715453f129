import { createRoute, z } from '@hono/zod-openapi';
import { refineXmlSafe } from '../../deal/primitives.js';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

/** An organisation's name as keys create --org takes it: a share may register one (no existence oracle), so it is stored text like any other. */
export const organisationName = z
  .string({ error: 'must be the name of an organisation' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' })
  .refine((name) => !name.includes('/'), { error: 'must not contain "/"' })
  .superRefine(refineXmlSafe);

export const shareInputSchema = z.strictObject({ organisation: organisationName.openapi({ example: 'policy-bank' }) }).openapi('ShareInput');
export const shareSchema = z.object({ organisation: z.string(), createdAt: z.string() }).openapi('Share');

const tags = ['Shares'];
const ownerOnly = 'Roles admin, modeler of the owning organisation.';

export const createShareRoute = createRoute({
  method: 'post',
  path: '/deals/{id}/shares',
  tags,
  summary: 'Share a deal read-only with another organisation (e.g. a bank reviewing it)',
  description: `${ownerOnly} Its keys then see the deal, its revisions and scenarios, and can evaluate them. Sharing again is no error (200). The answer never tells whether an organisation exists: a name not known yet is registered with the share and sees it once the operator gives it keys (\`keys create --org\`).`,
  security: SECURITY,
  request: { params: dealIdParamSchema, body: { required: true, content: { 'application/json': { schema: shareInputSchema } } } },
  responses: {
    201: { description: 'Shared', content: { 'application/json': { schema: shareSchema } } },
    200: { description: 'Was already shared', content: { 'application/json': { schema: shareSchema } } },
    ...describeProblemResponses(403, 404, 409, 415, 422),
  },
});

export const listSharesRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/shares',
  tags,
  summary: 'The organisations a deal is shared with',
  description: 'Any role of the owning organisation.',
  security: SECURITY,
  request: { params: dealIdParamSchema },
  responses: {
    200: { description: 'The shares', content: { 'application/json': { schema: z.object({ items: z.array(shareSchema) }) } } },
    ...describeProblemResponses(403, 404),
  },
});

export const deleteShareRoute = createRoute({
  method: 'delete',
  path: '/deals/{id}/shares/{organisation}',
  tags,
  summary: 'Stop sharing a deal with an organisation',
  description: ownerOnly,
  security: SECURITY,
  request: { params: dealIdParamSchema.extend({ organisation: organisationName.openapi({ param: { name: 'organisation', in: 'path' }, example: 'policy-bank' }) }) },
  responses: { 204: { description: 'No longer shared' }, ...describeProblemResponses(403, 404) },
});
