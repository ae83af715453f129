import type { RouteHandler } from '@hono/zod-openapi';
import { solveRequestSchema } from '../../analysis/goal-seek-request.js';
import { sensitivityRequestSchema } from '../../analysis/sensitivity-request.js';
import { stressRequestSchema } from '../../analysis/stress-pack.js';
import { simulateDeal } from '../../analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../analysis/simulation/simulation-request.js';
import type { AppEnv } from '../app-env.js';
import type { simulateRoute, sensitivityRoute, solveRoute, stressRoute } from './analysis.routes.js';
import { loadAnalysedDeal } from './load-analysed-deal.js';
import { readAnalysisBody, rejectAnalysisProblems } from './read-analysis-body.js';

type Outcome<R> = { ok: true; result: R } | { ok: false; problems: import('../../deal/problem.js').Problem[] };
// Goal seek, sensitivity and stress run on the evaluator (worker threads in the server): seconds of work off the event loop.
/** The result as JSON data (decimals are already strings), or 422 with the problems the analysis found. */
const unwrap = <R>(outcome: Outcome<R>): Record<string, never> => (outcome.ok ? (outcome.result as Record<string, never>) : rejectAnalysisProblems(outcome.problems));

export const solveDeal: RouteHandler<typeof solveRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, solveRequestSchema);
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'solve', deal: analysed.deal, request, asOf: analysed.asOf });
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

export const analyseDealSensitivity: RouteHandler<typeof sensitivityRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, sensitivityRequestSchema);
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'sensitivity', deal: analysed.deal, request, asOf: analysed.asOf });
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

export const stressDeal: RouteHandler<typeof stressRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, stressRequestSchema);
  const outcome = await c.var.deps.evaluator.analyse({ tool: 'stress', deal: analysed.deal, request, asOf: analysed.asOf });
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};

export const simulateStoredDeal: RouteHandler<typeof simulateRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, simulationRequestSchema);
  const outcome = await simulateDeal(analysed.deal, request, analysed.asOf, c.var.deps.runSimulationChunks);
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};
