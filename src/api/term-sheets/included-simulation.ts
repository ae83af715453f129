import type { Deal } from '../../deal/deal-schema.js';
import { termSheetSimulationSchema } from '../../analysis/simulation/default-simulation.js';
import { simulateDeal } from '../../analysis/simulation/simulate.js';
import { convertZodIssues } from '../../deal/zod-problems.js';
import type { SimulationExport } from '../../export/simulation-sheet.js';
import type { AppDeps } from '../app-env.js';
import { throwJobFailure } from '../evaluation/evaluate-content.js';
import { ApiProblem } from '../problems/api-problem.js';

/** The simulation parameters a term-sheet query may carry beside `include=simulation`. */
export interface SimulationQuery {
  draws?: string;
  seed?: string;
  irrTarget?: string;
}

const PARAMETERS = ['draws', 'seed', 'irrTarget'] as const;
const WHOLE_NUMBER = /^\d+$/;

/**
 * The term sheet's simulation, when `include=simulation` asks for one: the default variables
 * (default-simulation.ts) with `draws`, `seed` and `irrTarget` from the query, run on the simulation
 * pool (worker threads in the server, never the request's thread). A bad parameter, or one given
 * without `include=simulation`, is 400 naming it; a deal that does not evaluate is 422.
 */
export async function runIncludedSimulation(deps: AppDeps, deal: Deal, asOf: string, included: boolean, query: SimulationQuery, signal?: AbortSignal): Promise<SimulationExport | undefined> {
  const given = PARAMETERS.filter((p) => query[p] !== undefined);
  if (!included) {
    if (given.length === 0) return undefined;
    const errors = given.map((path) => ({ path, code: 'NEEDS_SIMULATION', message: `${path} sets the simulation sheet: add include=simulation` }));
    throw new ApiProblem('INVALID_REQUEST', { where: 'query', count: errors.length }, { errors });
  }
  const asNumber = (text: string | undefined) => (text !== undefined && WHOLE_NUMBER.test(text) ? Number(text) : text);
  const parsed = termSheetSimulationSchema.safeParse({ draws: asNumber(query.draws), seed: asNumber(query.seed), irrTarget: query.irrTarget }, { reportInput: true });
  if (!parsed.success) {
    const errors = convertZodIssues(parsed.error.issues);
    throw new ApiProblem('INVALID_REQUEST', { where: 'query', count: errors.length }, { errors });
  }
  const outcome = await simulateDeal(deal, parsed.data, asOf, deps.runSimulationChunks, signal);
  if (!outcome.ok) throwJobFailure({ ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems });
  return { request: parsed.data, result: outcome.result };
}
