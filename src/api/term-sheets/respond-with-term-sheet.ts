import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { nameTermSheetFile, nameTermSheetFileAscii } from '../../export/workbook-file-name.js';
import type { AppEnv } from '../app-env.js';
import type { EvaluationJob } from '../evaluation/evaluate-input.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { respondWithWorkbook } from '../http/respond-with-workbook.js';

/**
 * Evaluate a deal, build its term-sheet workbook with the sheets asked for (on the evaluator's threads)
 * and answer it as a download named after the deal; a deal that does not evaluate is 422.
 */
export async function respondWithTermSheet(c: Context<AppEnv>, deal: Deal, job: Omit<EvaluationJob, 'input'>, dealId: string | null): Promise<Response> {
  const outcome = await c.var.deps.evaluator.writeTermSheet({ ...job, input: deal });
  if (!outcome.ok) throwJobFailure(outcome);
  return respondWithWorkbook(c, outcome.bytes, nameTermSheetFile(deal.name), nameTermSheetFileAscii(dealId));
}
