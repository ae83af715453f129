import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { archiveDeal, createDeal, findVisibleDeal, listVisibleDeals, reviseDeal } from '../../db/deals.js';
import { describeChange, loadChangeableDeal, loadVisibleDeal, requireRole, WRITER_ROLES } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { evaluateWithCache, respondWithEvaluation, validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { formatRevisionTag, readIfMatchRevision } from '../http/if-match.js';
import { readJsonBodyBytes } from '../http/read-json-body.js';
import { ApiProblem } from '../problems/api-problem.js';
import { readNewDeal } from './create-deal-input.js';
import { presentDeal, presentDealSummary } from './deal-resource.js';
import type { archiveDealRoute, createDealRoute, evaluateDealRoute, getDealRoute, listDealsRoute, updateDealRoute } from './deals.routes.js';


export const staleRevision = (current: number, given: number) =>
  new ApiProblem('STALE_REVISION', { current, given }, { headers: { ETag: formatRevisionTag(current) } });

export const createOneDeal: RouteHandler<typeof createDealRoute, AppEnv> = async (c) => {
  requireRole(c.var.principal, WRITER_ROLES);
  const deal = await readNewDeal(c, await readJsonBodyBytes(c));
  const { id } = await createDeal(c.var.deps.db, { name: deal.name, content: deal }, describeChange(c));
  const head = (await findVisibleDeal(c.var.deps.db, id, c.var.principal.organisationId))!;
  c.header('ETag', formatRevisionTag(1));
  c.header('Location', `/api/v1/deals/${id}`);
  return c.json(presentDeal(head, await loadRevision(c, head)), 201);
};

export const listDeals: RouteHandler<typeof listDealsRoute, AppEnv> = async (c) => {
  const { limit, offset, includeArchived } = c.req.valid('query');
  const page = await listVisibleDeals(c.var.deps.db, c.var.principal.organisationId, { limit, offset, includeArchived: includeArchived === 'true' });
  return c.json({ items: page.items.map(presentDealSummary), total: page.total, limit, offset }, 200);
};

export const getOneDeal: RouteHandler<typeof getDealRoute, AppEnv> = async (c) => {
  const head = await loadVisibleDeal(c, c.req.valid('param').id);
  c.header('ETag', formatRevisionTag(head.revision));
  return c.json(presentDeal(head, await loadRevision(c, head)), 200);
};

export const updateOneDeal: RouteHandler<typeof updateDealRoute, AppEnv> = async (c) => {
  const head = await loadChangeableDeal(c, c.req.valid('param').id);
  const expected = readIfMatchRevision(c.req.valid('header')['if-match']);
  // Preconditions before the body (RFC 9110 §13.2.2): a stale edit is 412 whatever it contains.
  if (expected !== head.revision) throw staleRevision(head.revision, expected);
  const deal = await validateDealOrThrow(c.var.deps, await readJsonBodyBytes(c));
  return await saveRevisionAndRespond(c, head.id, expected, deal);
};

/**
 * Store `deal` as the next revision of deal `dealId` if its current revision is still `expected`
 * (PUT and PATCH), and answer 200 with the deal and its new ETag; 412 if another edit came first,
 * 409 if it was archived meanwhile.
 */
export async function saveRevisionAndRespond(c: Context<AppEnv>, dealId: string, expected: number, deal: Deal) {
  const outcome = await reviseDeal(c.var.deps.db, dealId, expected, { name: deal.name, content: deal }, describeChange(c));
  if (!outcome.ok) {
    if (outcome.reason === 'archived') throw new ApiProblem('DEAL_ARCHIVED', { id: dealId });
    throw staleRevision(outcome.currentRevision, expected);
  }
  const updated = await loadVisibleDeal(c, dealId);
  c.header('ETag', formatRevisionTag(updated.revision));
  return c.json(presentDeal(updated, await loadRevision(c, updated)), 200);
}

export const archiveOneDeal: RouteHandler<typeof archiveDealRoute, AppEnv> = async (c) => {
  const head = await loadChangeableDeal(c, c.req.valid('param').id, { archivedIsFine: true });
  await archiveDeal(c.var.deps.db, head.id, describeChange(c));
  return c.body(null, 204);
};

export const evaluateOneDeal: RouteHandler<typeof evaluateDealRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const query = c.req.valid('query');
  const head = await loadVisibleDeal(c, c.req.valid('param').id);
  const revision = await loadRevision(c, head, query.revision);
  const asOf = query.asOf ?? readToday(deps.clock, deps.config.timeZone);
  const evaluated = await evaluateWithCache(deps, revision.contentHash, asOf, revision.content);
  return respondWithEvaluation(c, evaluated, { dealId: head.id, revision: revision.revision, contentHash: revision.contentHash }) as never;
};
