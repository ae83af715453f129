import { summariseDraws } from '../../analysis/simulation/summarise-draws.js';
import type { AnalysisJobOutcome } from '../evaluation/evaluate-input.js';
import { decodeSimulationResult } from '../evaluation/simulation-chunk-kind.js';
import type { QueuedAnswerContext } from '../evaluation/durable-evaluator.js';
import type { JobAnswer } from '../../jobs/job-kinds.js';
import type { ChunkedJobView } from '../../jobs/queue/chunked-jobs.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { renderProblem } from '../problems/render-problem.js';
import { keepJobAnswer } from './keep-job-answer.js';

/**
 * The HTTP answer of a queued job whose chunks are all in, written from the queue's combined result
 * exactly as its handler answers it — so a process other than the one that accepted the job (dead, or
 * still polling) writes the same answer. A portfolio job (evaluation or stress, portfolios.handlers.ts):
 * 200 with `{ asOf, result }`, or 422 EVALUATION_FAILED. A sensitivity (analysis.handlers.ts): 200 with
 * `{ source, result }`, or the analysis problems' 422 VALIDATION_FAILED (rejectAnalysisProblems). A
 * simulation: 200 with `{ source, result }`, the result summarised from all the draws in chunk order
 * (summariseDraws, methodology §8.7), as simulateDeal does. Problems in the request's language.
 */
export async function writeQueuedJobAnswer(view: ChunkedJobView & { state: 'completed' }, instance: string): Promise<JobAnswer> {
  const context = view.answerContext as QueuedAnswerContext | null;
  if (!context) throw new Error(`queued job ${view.id} has no answer context`);
  const language = pickLanguage(context.language);
  if (context.answer === 'simulation') {
    const result = summariseDraws(decodeSimulationResult(view.result).flat(), context.summary);
    return await keepJobAnswer(Response.json({ source: context.source, result }));
  }
  const outcome = view.result as AnalysisJobOutcome;
  if (context.answer === 'analysis') {
    if (outcome.ok) return await keepJobAnswer(Response.json({ source: context.source, result: outcome.result }));
    const problem = new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: outcome.problems.length }, { errors: outcome.problems });
    return await keepJobAnswer(renderProblem(problem, language, instance));
  }
  if (outcome.ok) return await keepJobAnswer(Response.json({ asOf: context.asOf, result: outcome.result }));
  const problem = new ApiProblem('EVALUATION_FAILED', { count: outcome.total ?? outcome.problems.length }, { errors: outcome.problems, ...(outcome.total === undefined ? {} : { total: outcome.total }) });
  return await keepJobAnswer(renderProblem(problem, language, instance));
}
