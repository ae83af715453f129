import type { Context } from 'hono';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import type { DealHead } from '../../db/deals.js';
import { findRevision } from '../../db/revisions.js';
import type { ScenarioBody } from '../../db/scenarios.js';
import type { AppEnv } from '../app-env.js';
import { readRequiredBody } from '../analysis/read-analysis-body.js';
import { validateDealOrThrow } from '../evaluation/evaluate-content.js';
import type { BodyOf } from '../evaluation/read-request-body.js';
import { ApiProblem } from '../problems/api-problem.js';

/** A scenario body as read on the evaluator: its overrides still as their JSON text in UTF-8 bytes. */
export type ScenarioInputRead = Omit<BodyOf<'scenario'>, 'overrides'> & { overrides: Uint8Array };

/**
 * The body of POST and PUT …/scenarios, parsed and checked against its schema on the evaluator (400/415/422
 * as any body). The overrides stay bytes: the request thread neither receives them as a value nor sends one
 * back to be validated — a body of 150,000 override fields would cost it two structured clones.
 */
export async function readScenarioInput(c: Context<AppEnv>): Promise<ScenarioInputRead> {
  return (await readRequiredBody(c, 'scenario', ['overrides'])) as unknown as ScenarioInputRead;
}

/**
 * A scenario body checked against its deal: the revision exists, and the overrides applied to it give
 * a valid deal — otherwise 422 with each problem at its path in the deal.
 */
export async function checkScenarioInput(c: Context<AppEnv>, deal: DealHead, input: ScenarioInputRead): Promise<ScenarioBody> {
  const baseRevision = input.revision ?? deal.revision;
  const base = await findRevision(c.var.deps.db, deal.id, baseRevision);
  if (!base) {
    const errors = [{ path: 'revision', code: 'UNKNOWN_REVISION', message: `deal ${deal.id} has revisions 1 to ${deal.revision}; got ${baseRevision}` }];
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: 1 }, { errors });
  }
  // Applied and validated on the evaluator (a worker thread in the server), off the event loop.
  // The job takes a copy (the evaluator hands its buffer over to the worker): the overrides are still read here once valid.
  await validateDealOrThrow(c.var.deps, repairStoredText(base.content), new Uint8Array(input.overrides));
  // Valid overrides make a valid deal, so they are bounded by the deal's own limits: parsed here only to be stored and shown.
  return { name: input.name, baseRevision, overrides: JSON.parse(new TextDecoder().decode(input.overrides)) as unknown };
}
