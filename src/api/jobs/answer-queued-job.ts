import type { AnalysisJobOutcome } from '../evaluation/evaluate-input.js';
import type { QueuedAnswerContext } from '../evaluation/durable-evaluator.js';
import type { JobAnswer } from '../../jobs/job-kinds.js';
import type { ChunkedJobView } from '../../jobs/queue/chunked-jobs.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { renderProblem } from '../problems/render-problem.js';
import { keepJobAnswer } from './keep-job-answer.js';

/**
 * The HTTP answer of a queued portfolio job (evaluation or stress) whose chunks are all in, written
 * from the queue's combined result exactly as the portfolio handlers answer it (portfolios.handlers.ts):
 * 200 with `{ asOf, result }`, or 422 EVALUATION_FAILED in the request's language — so a process
 * other than the one that accepted the job (dead, or still polling) writes the same answer.
 */
export async function writeQueuedJobAnswer(view: ChunkedJobView & { state: 'completed' }, instance: string): Promise<JobAnswer> {
  const context = view.answerContext as QueuedAnswerContext | null;
  if (!context) throw new Error(`queued job ${view.id} has no answer context`);
  const outcome = view.result as AnalysisJobOutcome;
  if (outcome.ok) return await keepJobAnswer(Response.json({ asOf: context.asOf, result: outcome.result }));
  const problem = new ApiProblem('EVALUATION_FAILED', { count: outcome.total ?? outcome.problems.length }, { errors: outcome.problems, ...(outcome.total === undefined ? {} : { total: outcome.total }) });
  return await keepJobAnswer(renderProblem(problem, pickLanguage(context.language), instance));
}
