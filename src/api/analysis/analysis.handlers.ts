import type { RouteHandler } from '@hono/zod-openapi';
import { solveGoal } from '../../analysis/goal-seek.js';
import { solveRequestSchema } from '../../analysis/goal-seek-request.js';
import { analyseSensitivity } from '../../analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../analysis/sensitivity-request.js';
import { readStressCases, runStressPack, stressRequestSchema } from '../../analysis/stress-pack.js';
import { simulateDeal } from '../../analysis/simulation/simulate.js';
import { simulationRequestSchema } from '../../analysis/simulation/simulation-request.js';
import type { AppEnv } from '../app-env.js';
import type { simulateRoute, sensitivityRoute, solveRoute, stressRoute } from './analysis.routes.js';
import { loadAnalysedDeal } from './load-analysed-deal.js';
import { readAnalysisBody, rejectAnalysisProblems } from './read-analysis-body.js';

type Outcome<R> = { ok: true; result: R } | { ok: false; problems: import('../../deal/problem.js').Problem[] };
/** The result as JSON data (decimals are already strings), or 422 with the problems the analysis found. */
const unwrap = <R>(outcome: Outcome<R>): Record<string, never> => (outcome.ok ? (outcome.result as Record<string, never>) : rejectAnalysisProblems(outcome.problems));

export const solveDeal: RouteHandler<typeof solveRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, solveRequestSchema);
  return c.json({ source: analysed.source, result: unwrap(solveGoal(analysed.deal, request, analysed.asOf)) }, 200);
};

export const analyseDealSensitivity: RouteHandler<typeof sensitivityRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, sensitivityRequestSchema);
  return c.json({ source: analysed.source, result: unwrap(analyseSensitivity(analysed.deal, request, analysed.asOf)) }, 200);
};

export const stressDeal: RouteHandler<typeof stressRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, stressRequestSchema);
  return c.json({ source: analysed.source, result: unwrap(runStressPack(analysed.deal, analysed.asOf, readStressCases(request))) }, 200);
};

export const simulateStoredDeal: RouteHandler<typeof simulateRoute, AppEnv> = async (c) => {
  const analysed = loadAnalysedDeal(c, c.req.valid('param').id, c.req.valid('query'));
  const request = await readAnalysisBody(c, simulationRequestSchema);
  const outcome = await simulateDeal(analysed.deal, request, analysed.asOf, c.var.deps.runSimulationChunks);
  return c.json({ source: analysed.source, result: unwrap(outcome) }, 200);
};
