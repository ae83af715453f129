import { createRoute, z } from '@hono/zod-openapi';
import { SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';
import { XLSX_MEDIA_TYPE } from '../http/respond-with-workbook.js';
import { bodyRef } from '../analysis/analysis-schemas.js';

export const PORTFOLIO_REF = { $ref: '#/components/schemas/Portfolio' } as const;

export const portfolioResourceSchema = z
  .object({
    id: z.string().openapi({ example: 'pf_0a1b2c3d4e5f6071' }),
    name: z.string(),
    owner: z.string().openapi({ description: 'The organisation that owns the portfolio.' }),
    access: z.enum(['owner', 'shared']).openapi({ description: '"shared": shared with your organisation read-only.' }),
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
  summary: 'Your organisation\'s portfolios and those shared with it, most recently changed first',
  responses: { 200: { description: 'The portfolios', content: { 'application/json': { schema: z.object({ items: z.array(portfolioResourceSchema) }) } } }, ...describeProblemResponses() },
});

export const createPortfolioRoute = createRoute({
  method: 'post', path: '/portfolios', tags, security: SECURITY,
  summary: 'Create a portfolio (片区打捆) of deals or scenarios with a budget envelope',
  description: 'Roles admin, modeler, budget (a finance bureau builds its own portfolios). Up to 5,000 members; every member must be a deal your organisation sees (its own or shared with it), else 422 MEMBER_NOT_VISIBLE at `members[i]`.',
  request: { body },
  responses: { 201: resource('Created; Location names it'), ...describeProblemResponses(403, 415, 422) },
});

export const getPortfolioRoute = createRoute({
  method: 'get', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'One portfolio',
  description: 'Any role of the owning organisation, or of one it was shared with (read-only).',
  request: { params: idParams },
  responses: { 200: resource('The portfolio'), ...describeProblemResponses(404) },
});

export const updatePortfolioRoute = createRoute({
  method: 'put', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'Replace a portfolio\'s definition',
  description: 'Roles admin, modeler, budget of the owning organisation (a shared portfolio is read-only: 403).',
  request: { params: idParams, body },
  responses: { 200: resource('The portfolio as replaced'), ...describeProblemResponses(403, 404, 415, 422) },
});

export const deletePortfolioRoute = createRoute({
  method: 'delete', path: '/portfolios/{id}', tags, security: SECURITY,
  summary: 'Delete a portfolio (kept in the database, recorded in the audit log)',
  description: 'Roles admin, modeler, budget of the owning organisation.',
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, ...describeProblemResponses(403, 404) },
});

export const evaluatePortfolioRoute = createRoute({
  method: 'post', path: '/portfolios/{id}/evaluate', tags, security: SECURITY,
  summary: 'Evaluate a portfolio: statements and the fiscal view summed by calendar year, contributions, affordability',
  description: 'Any role of the owning organisation or one it was shared with. Every member must be visible to the owner and to your organisation; a member no longer visible (its deal unshared) is 422 MEMBER_NOT_VISIBLE at `members[i]`, nothing of its content. PPP-type spending ≤ 10% and government-pay ≤ 5% of the envelope (parameters); the breaching years are listed.',
  request: { params: idParams, query: asOfQuerySchema },
  responses: {
    200: {
      description: 'The portfolio evaluation',
      content: { 'application/json': { schema: z.object({ asOf: z.string(), result: z.looseObject({}).openapi({ description: 'years, members, statements, contributions, affordability' }) }).openapi('PortfolioEvaluation') } },
    },
    ...describeProblemResponses(404, 422),
  },
});

export const portfolioWorkbookRoute = createRoute({
  method: 'get', path: '/portfolios/{id}/term-sheet.xlsx', tags, security: SECURITY,
  summary: 'The portfolio as an Excel workbook: members, statements and the fiscal view summed by year, contributions, affordability',
  description:
    'Any role of the owning organisation or one it was shared with, as for evaluate (a `budget` key, e.g. a finance bureau, included). Sheets: 片区汇总 Portfolio (the members, their key indicators, headline totals), the six statements of the members summed by calendar year — the portfolio block on top, each cell a live SUM over the members\' blocks below — among them 财政视图 by level, 出资分担 Contributions (by party, level and kind of source, nominal and PV; totals SUM over the members\' columns) and 财政承受能力 Affordability (the envelope and limits as inputs; by year the budget, PPP-type and government-pay spending linked to the fiscal view, their shares and breach flags as formulas; the engine\'s breaching years beside). A member no longer visible is 422 MEMBER_NOT_VISIBLE at `members[i]`; one that does not evaluate is 422 at its path.',
  request: { params: idParams, query: asOfQuerySchema },
  responses: {
    200: {
      description: 'The workbook (.xlsx); `Content-Disposition` carries the portfolio\'s name (RFC 5987 `filename*`): `<name>-片区汇总.xlsx`',
      headers: { 'Content-Disposition': { schema: { type: 'string' as const }, description: 'attachment; filename="portfolio-<id>.xlsx"; filename*=UTF-8\'\'<portfolio name>-片区汇总.xlsx' } },
      content: { [XLSX_MEDIA_TYPE]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...describeProblemResponses(404, 422),
  },
});

export const stressPortfolioRoute = createRoute({
  method: 'post', path: '/portfolios/{id}/stress', tags, security: SECURITY,
  summary: 'Stress a portfolio: every member under each shock — extra subsidy by year and level, bond coverage, breaching members, the 10% / 5% limits by year',
  description:
    'Any role of the owning organisation or one it was shared with, as for evaluate. Body `{"shocks":[{"id","name","changes":[{"driver":{"driver":"revenue"},"change":"-0.2"}]}]}`; an empty body (or `{}`) runs the standard set (methodology §10.12): demand −20% on every revenue stream, rates +100bp on every loan and bond, a year\'s delay, capex +10%, and the four combined. A shock moves only drivers every member has (revenue, capex, opex, interest-rate, interest-rate-shift, construction-delay, operating-period): a stream\'s price or volume is 422 at `shocks[i].changes[j].driver.driver`. For each shock: the extra subsidy against the base by level and calendar year, each special bond\'s net coverage (自求平衡) beside its base and the bonds below 1, the members breaching (min DSCR below covenant, financial survival, bond coverage, negative NPV) by id, the members whose shocked deal does not evaluate, and the PPP 10% / government-pay 5% test of the portfolio\'s level by year. With `Prefer: respond-async` a job whose progress counts members.',
  request: { params: idParams, query: asOfQuerySchema, body: { required: false, content: { 'application/json': { schema: bodyRef('PortfolioStressRequest') } } } },
  responses: {
    200: {
      description: 'The portfolio under each shock',
      content: { 'application/json': { schema: z.object({ asOf: z.string(), result: z.looseObject({}).openapi({ description: 'name, members, years, level, base { bonds, bondsBelowOne, breachingMembers, affordability }, shocks [{ id, name, changes, extraSubsidy { total, byLevel [{ level, total, years }] }, bonds, bondsBelowOne, breachingMembers, failedMembers, affordability { years, pppBreaches, governmentPayBreaches, holds } }]' }) }).openapi('PortfolioStress') } },
    },
    ...describeProblemResponses(400, 404, 415, 422),
  },
});
