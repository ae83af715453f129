import type { Context } from 'hono';
import { applyOverrides } from '../../deal/apply-overrides.js';
import { findScenario } from '../../db/scenarios.js';
import { loadVisibleDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

/** A term sheet's deal as JSON, with the revision it is of (and the scenario applied), which its file name carries. */
export interface ResolvedTermSheetDeal {
  dealId: string;
  revision: number;
  scenario?: { id: string; name: string };
  input: unknown;
}

/**
 * The deal a term-sheet route (xlsx or pdf) is about, as JSON: a revision of a visible deal (the
 * current one by default), or a scenario's overrides applied to its revision (a different `revision`
 * with it is 400). 404 for what the key may not see.
 */
export async function resolveTermSheetDeal(c: Context<AppEnv>, id: string, query: { revision?: number; scenario?: string }): Promise<ResolvedTermSheetDeal> {
  const head = await loadVisibleDeal(c, id);
  if (query.scenario === undefined) {
    const revision = await loadRevision(c, head, query.revision);
    return { dealId: head.id, revision: revision.revision, input: revision.content };
  }
  const scenario = await findScenario(c.var.deps.db, head.id, query.scenario);
  if (!scenario) throw new ApiProblem('NOT_FOUND', { what: 'scenario', id: query.scenario });
  if (query.revision !== undefined && query.revision !== scenario.baseRevision) {
    throw new ApiProblem('INVALID_REQUEST', { where: 'query', count: 1 }, {
      errors: [{ path: 'revision', code: 'CONFLICTS_WITH_SCENARIO', message: `scenario ${scenario.id} applies to revision ${scenario.baseRevision}, not ${query.revision}; omit revision` }],
    });
  }
  const base = await loadRevision(c, head, scenario.baseRevision);
  const merged = applyOverrides(base.content, scenario.overrides);
  if (!merged.ok) throw new ApiProblem('VALIDATION_FAILED', { subject: 'overrides', count: merged.problems.length }, { errors: merged.problems });
  return { dealId: head.id, revision: base.revision, scenario: { id: scenario.id, name: scenario.name }, input: merged.deal };
}
