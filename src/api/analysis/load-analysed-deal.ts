import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { hashContent } from '../../db/content-hash.js';
import { findScenarioAsStored } from '../../db/scenarios.js';
import { loadVisibleDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';

export interface AnalysedDeal {
  deal: Deal;
  asOf: string;
  source: { dealId: string; revision: number; contentHash: string; scenarioId?: string; asOf: string };
}

/**
 * The deal an analysis runs on, as evaluate sees it: a visible deal (else 404), at a revision or
 * through a scenario (its overrides on its revision), parsed on the evaluator; the as-of date defaults to today.
 */
export async function loadAnalysedDeal(c: Context<AppEnv>, dealId: string, query: { asOf?: string; revision?: number; scenario?: string }): Promise<AnalysedDeal> {
  const { deps } = c.var;
  const head = await loadVisibleDeal(c, dealId);
  const asOf = query.asOf ?? readToday(deps.clock, deps.config.timeZone);
  if (query.scenario !== undefined && query.revision !== undefined) {
    const errors = [{ path: 'revision', code: 'CONFLICT', message: 'give a revision or a scenario, not both: a scenario names its own revision' }];
    throw new ApiProblem('INVALID_REQUEST', { where: 'query', count: 1 }, { errors });
  }
  if (query.scenario !== undefined) {
    // The stored overrides go to the evaluator as bytes, parsed on a worker (not here).
    const scenario = await findScenarioAsStored(deps.db, head.id, query.scenario);
    if (!scenario) throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: query.scenario });
    const base = await loadRevision(c, head, scenario.baseRevision);
    const deal = await validateDealOrThrow(deps, base.content, new TextEncoder().encode(scenario.overridesText));
    return { deal, asOf, source: { dealId: head.id, revision: base.revision, contentHash: hashContent(deal), scenarioId: scenario.id, asOf } };
  }
  const revision = await loadRevision(c, head, query.revision);
  return { deal: await validateDealOrThrow(deps, revision.content), asOf, source: { dealId: head.id, revision: revision.revision, contentHash: revision.contentHash, asOf } };
}
