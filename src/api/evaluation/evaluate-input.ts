import type { Problem } from '../../deal/problem.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { evaluateDeal } from '../../engine/evaluate-deal.js';
import { serializeEvaluation } from '../../engine/to-wire.js';
import { writeTermSheet } from '../../export/build-term-sheet.js';
import { runStressPack } from '../../analysis/stress-pack.js';

/** A deal as JSON (a request body, a stored revision, a scenario) and the as-of date to evaluate it. */
export interface EvaluationJob {
  input: unknown;
  asOf: string;
  /** Term sheets only: also run the lender stress pack and add its sheet. */
  includeStress?: boolean;
}

/** Why a job has no result: the deal is invalid, or the engine refused it. */
export type JobFailure = { ok: false; code: 'VALIDATION_FAILED' | 'EVALUATION_FAILED'; problems: Problem[] };

/** The evaluation as JSON text, or why there is none. */
export type EvaluationJobOutcome = { ok: true; json: string } | JobFailure;

/** The term-sheet workbook (.xlsx bytes), or why there is none. */
export type TermSheetJobOutcome = { ok: true; bytes: Uint8Array<ArrayBuffer> } | JobFailure;

/** Parse, evaluate and serialise: the whole CPU cost of a request, done in one place (a worker or this thread). */
export function evaluateInput(job: EvaluationJob): EvaluationJobOutcome {
  const parsed = parseDeal(job.input);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION_FAILED', problems: parsed.problems };
  const outcome = evaluateDeal(parsed.deal, { asOf: job.asOf });
  if (!outcome.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems };
  return { ok: true, json: JSON.stringify(serializeEvaluation(outcome)) };
}

/** Parse, evaluate and build the term-sheet workbook (some 70 ms for 25 years: worth a worker). */
export async function writeTermSheetOfInput(job: EvaluationJob): Promise<TermSheetJobOutcome> {
  const parsed = parseDeal(job.input);
  if (!parsed.ok) return { ok: false, code: 'VALIDATION_FAILED', problems: parsed.problems };
  const outcome = evaluateDeal(parsed.deal, { asOf: job.asOf });
  if (!outcome.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems };
  const stress = job.includeStress ? runStressPack(parsed.deal, job.asOf) : undefined;
  if (stress && !stress.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: stress.problems };
  return { ok: true, bytes: new Uint8Array(await writeTermSheet(parsed.deal, outcome, { stress: stress?.result })) };
}
