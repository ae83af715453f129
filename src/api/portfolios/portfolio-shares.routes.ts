import { createRoute, z } from '@hono/zod-openapi';
import { SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { organisationName, shareInputSchema, shareSchema } from '../shares/shares.routes.js';

const tags = ['Portfolios'];
const ownerOnly = 'Roles admin, modeler, budget of the owning organisation.';
const idParams = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'pf_0a1b2c3d4e5f6071' }) });

export const createPortfolioShareRoute = createRoute({
  method: 'post', path: '/portfolios/{id}/shares', tags, security: SECURITY,
  summary: 'Share a portfolio read-only with another organisation (e.g. a bank or the city\'s bureau)',
  description: `${ownerOnly} Its keys then read and evaluate the portfolio and download its workbook; a member is evaluated for them only if its deal is visible to them as well (shared with their organisation), else 422 MEMBER_NOT_VISIBLE at \`members[i]\`. Sharing again is no error (200). The answer never tells whether an organisation exists: a name not known yet is registered with the share and sees it once the operator gives it keys (\`keys create --org\`).`,
  request: { params: idParams, body: { required: true, content: { 'application/json': { schema: shareInputSchema } } } },
  responses: {
    201: { description: 'Shared', content: { 'application/json': { schema: shareSchema } } },
    200: { description: 'Was already shared', content: { 'application/json': { schema: shareSchema } } },
    ...describeProblemResponses(403, 404, 415, 422),
  },
});

export const listPortfolioSharesRoute = createRoute({
  method: 'get', path: '/portfolios/{id}/shares', tags, security: SECURITY,
  summary: 'The organisations a portfolio is shared with',
  description: 'Any role of the owning organisation.',
  request: { params: idParams },
  responses: { 200: { description: 'The shares', content: { 'application/json': { schema: z.object({ items: z.array(shareSchema) }) } } }, ...describeProblemResponses(403, 404) },
});

export const deletePortfolioShareRoute = createRoute({
  method: 'delete', path: '/portfolios/{id}/shares/{organisation}', tags, security: SECURITY,
  summary: 'Stop sharing a portfolio with an organisation',
  description: ownerOnly,
  request: { params: idParams.extend({ organisation: organisationName.openapi({ param: { name: 'organisation', in: 'path' }, example: 'policy-bank' }) }) },
  responses: { 204: { description: 'No longer shared' }, ...describeProblemResponses(403, 404) },
});
