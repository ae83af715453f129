import { createRoute, z } from '@hono/zod-openapi';
import { SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const PORTFOLIO_REF = { $ref: '#/components/schemas/Portfolio' } as const;

export const portfolioResourceSchema = z
  .object({
    id: z.string().openapi({ example: 'pf_0a1b2c3d4e5f6071' }),
    name: z.string(),
    portfolio: z.looseObject({}).openapi({ description: 'The definition: members, budget envelope, affordability limits.' }),
    author: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('PortfolioResource');

const tags = ['Portfolios'];
const idParams = z.object({ id: z.string().min(1).max(100).openapi({ param: { name: 'id', in: 'path' }, example: 'pf_0a1b2c3d4e5f6071' }) });
const resource = (description: string) => ({ description, content: { 'application/json': { schema: portfolioResourceSchema } } });
const body = { required: true, content: { 'application/json': { schema: PORTFOLIO_REF } } };

export const listPortfoliosRoute = createRoute({
  method: 'get', path: '/portfolios', tags, security: SECURITY,
  summary: 'Your organisation\'s portfolios, most recently changed first',
  responses: { 200: { description: 'The portfolios', content: { 'application/json': { schema: z.object({ items: z.array(portfolioResourceSchema) }) } } }, ...describeProblemResponses() },
});

export const createPortfolioRoute = createRoute({
  method: 'post', path: '/portfolios', tags, security: SECURITY,
  summary: 'Create a portfolio (片区打捆) of deals or scenarios with a budget envelope',
  description: 'Roles admin, modeler. Every member must be a deal your organisation sees (own or shared); else 422 at `members[i]`.',
  request: { body },
  responses: { 201: resource('Created; Location names it'), ...describeProblemResponses(403, 415, 422) },
});

export const getPortfolioRoute = createRoute({
  method: 'get', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'One portfolio',
  description: 'Any role of the organisation (a `budget` key, e.g. a finance bureau, reads portfolios).',
  request: { params: idParams },
  responses: { 200: resource('The portfolio'), ...describeProblemResponses(404) },
});

export const updatePortfolioRoute = createRoute({
  method: 'put', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'Replace a portfolio\'s definition',
  description: 'Roles admin, modeler.',
  request: { params: idParams, body },
  responses: { 200: resource('The portfolio as replaced'), ...describeProblemResponses(403, 404, 415, 422) },
});

export const deletePortfolioRoute = createRoute({
  method: 'delete', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'Delete a portfolio (kept in the database, recorded in the audit log)',
  description: 'Roles admin, modeler.',
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, ...describeProblemResponses(403, 404) },
});

export const evaluatePortfolioRoute = createRoute({
  method: 'post', path: '/portfolios/{id}/evaluate', tags, security: SECURITY,
  summary: 'Evaluate a portfolio: statements and the fiscal view summed by calendar year, contributions, affordability',
  description: 'Any role of the organisation. PPP-type spending ≤ 10% and government-pay ≤ 5% of the envelope (parameters); the breaching years are listed.',
  request: { params: idParams, query: asOfQuerySchema },
  responses: {
    200: {
      description: 'The portfolio evaluation',
      content: { 'application/json': { schema: z.object({ asOf: z.string(), result: z.looseObject({}).openapi({ description: 'years, members, statements, contributions, affordability' }) }).openapi('PortfolioEvaluation') } },
    },
    ...describeProblemResponses(404, 422),
  },
});
