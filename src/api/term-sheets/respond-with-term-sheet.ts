import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { nameTermSheetFile, nameTermSheetFileAscii, type TermSheetFileFacts } from '../../export/workbook-file-name.js';
import type { AppEnv } from '../app-env.js';
import type { EvaluationJob } from '../evaluation/evaluate-input.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { respondWithWorkbook } from '../http/respond-with-workbook.js';

/** Where a term sheet's deal came from, for its file name: the stored deal's id, revision and scenario (none for a posted deal). */
export type TermSheetOrigin = Pick<TermSheetFileFacts, 'dealId' | 'revision' | 'scenario'>;

/**
 * Evaluate a deal, build its term-sheet workbook with the sheets asked for (on the evaluator's threads)
 * and answer it as a download named after the deal, its revision, scenario and sheets; a deal that
 * does not evaluate is 422.
 */
export async function respondWithTermSheet(c: Context<AppEnv>, deal: Deal, job: Omit<EvaluationJob, 'input'>, origin: TermSheetOrigin): Promise<Response> {
  const outcome = await c.var.deps.evaluator.writeTermSheet({ ...job, input: deal });
  if (!outcome.ok) throwJobFailure(outcome);
  const simulation = job.simulation && { draws: job.simulation.request.draws, seed: job.simulation.request.seed };
  const facts: TermSheetFileFacts = { dealName: deal.name, ...origin, include: { ...job.include, simulation } };
  return respondWithWorkbook(c, outcome.bytes, nameTermSheetFile(facts), nameTermSheetFileAscii(facts));
}
