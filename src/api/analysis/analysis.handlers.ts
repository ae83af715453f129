import type { RouteHandler } from '@hono/zod-openapi';
import { simulateDeal } from '../../analysis/simulation/simulate.js';
import { runWithJobAnswer } from '../../jobs/job-scope.js';
import type { AppEnv } from '../app-env.js';
import { acceptsWorkbook } from '../http/respond-with-workbook.js';
import { respondWithTermSheet } from '../term-sheets/respond-with-term-sheet.js';
import type { simulateRoute, sensitivityRoute, solveRoute, stressRoute } from './analysis.routes.js';
import { loadAnalysedDeal } from './load-analysed-deal.js';
import { readAnalysisBody, rejectAnalysisProblems } from './read-analysis-body.js';

type Outcome<R> = { ok: true; result: R } | { ok: false; problems: import('../../deal/problem.js').Problem[] };
// Goal seek, sensitivity and stress run on the evaluator (worker threads in the server): seconds of work off the event loop.
/** The result as JSON data (decimals are already strings), or 422 with the problems the analysis found. */
const unwrap = <R>(outcome: Outcome<R>): Record<string, never> => (outcome.ok ? (outcome.result as Record<string, never>) : rejectAnalysisProblems(outcome.problems));

export const solveDeal: RouteHandler<typeof solveRoute, AppEnv> = async (c) => {
  const analysed = await loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, 'solve');
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'solve', deal: analysed.deal, request, asOf: analysed.asOf });
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

export const analyseDealSensitivity: RouteHandler<typeof sensitivityRoute, AppEnv> = async (c) => {
  const analysed = await loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, 'sensitivity');
  // As a job on the durable queue its answer may be written by another process (answer-queued-job.ts): it needs the source.
  const outcome = await runWithJobAnswer({ answerSource: analysed.source }, () => c.var.deps.evaluator.analyse({ tool: 'sensitivity', deal: analysed.deal, request, asOf: analysed.asOf }));
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

export const stressDeal: RouteHandler<typeof stressRoute, AppEnv> = async (c) => {
  const analysed = await loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, 'stress');
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'stress', deal: analysed.deal, request, asOf: analysed.asOf });
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

/**
 * Chunks run on the simulation pool (as a job on PostgreSQL: the durable queue, whose result any process
 * answers from: answer-queued-job.ts); asked for as xlsx (`Accept`), the answer is the term sheet with the
 * simulation sheet, which only this process writes, so such a job's draws stay in this process's pool.
 */
export const simulateStoredDeal: RouteHandler<typeof simulateRoute, AppEnv> = async (c) => {
  const analysed = await loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, 'simulate');
  const answer = acceptsWorkbook(c) ? { answersHere: true } : { answerSource: analysed.source };
  const outcome = await runWithJobAnswer(answer, () => simulateDeal(analysed.deal, request, analysed.asOf, c.var.deps.runSimulationChunks, c.req.raw.signal));
  if (!outcome.ok) rejectAnalysisProblems(outcome.problems);
  if (acceptsWorkbook(c)) return respondWithTermSheet(c, analysed.deal, { asOf: analysed.asOf, simulation: { request, result: outcome.result } }, {
      dealId: analysed.source.dealId,
      revision: analysed.source.revision,
      scenario: analysed.source.scenarioId === undefined ? undefined : { id: analysed.source.scenarioId },
    });
  return c.json({ source: analysed.source, result: outcome.result as unknown as Record<string, never> }, 200);
};
