import type { Context } from 'hono';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import type { DealHead } from '../../db/deals.js';
import { findRevision } from '../../db/revisions.js';
import type { ScenarioBody } from '../../db/scenarios.js';
import type { AppEnv } from '../app-env.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * A scenario body checked against its deal: the revision exists, and the overrides applied to it give
 * a valid deal — otherwise 422 with each problem at its path in the deal.
 */
export async function checkScenarioInput(c: Context<AppEnv>, deal: DealHead, input: { name: string; revision?: number; overrides: Record<string, unknown> | unknown[] }): Promise<ScenarioBody> {
  const baseRevision = input.revision ?? deal.revision;
  const base = findRevision(c.var.deps.db, deal.id, baseRevision);
  if (!base) {
    const errors = [{ path: 'revision', code: 'UNKNOWN_REVISION', message: `deal ${deal.id} has revisions 1 to ${deal.revision}; got ${baseRevision}` }];
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors });
  }
  // Applied and validated on the evaluator (a worker thread in the server), off the event loop.
  await validateDealOrThrow(c.var.deps, repairStoredText(base.content), input.overrides);
  return { name: input.name, baseRevision, overrides: input.overrides };
}
