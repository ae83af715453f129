import type { Problem } from '../../deal/problem.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { evaluateDeal } from '../../engine/evaluate-deal.js';
import { serializeEvaluation } from '../../engine/to-wire.js';

/** A deal as JSON (a request body, a stored revision, a scenario) and the as-of date to evaluate it. */
export interface EvaluationJob {
  input: unknown;
  asOf: string;
}

/** The evaluation as JSON text, or why there is none: the deal is invalid, or the engine refused it. */
export type EvaluationJobOutcome =
  | { ok: true; json: string }
  | { ok: false; code: 'VALIDATION_FAILED' | 'EVALUATION_FAILED'; problems: Problem[] };

/** Parse, evaluate and serialise: the whole CPU cost of a request, done in one place (a worker or this thread). */
export function evaluateInput(job: EvaluationJob): EvaluationJobOutcome {
  const parsed = parseDeal(job.input);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION_FAILED', problems: parsed.problems };
  const outcome = evaluateDeal(parsed.deal, { asOf: job.asOf });
  if (!outcome.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems };
  return { ok: true, json: JSON.stringify(serializeEvaluation(outcome)) };
}
