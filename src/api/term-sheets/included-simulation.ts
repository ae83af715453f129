import type { Deal } from '../../deal/deal-schema.js';
import { termSheetSimulationSchema } from '../../analysis/simulation/default-simulation.js';
import { simulateDeal } from '../../analysis/simulation/simulate.js';
import { convertZodIssues } from '../../deal/zod-problems.js';
import type { Problem } from '../../deal/problem.js';
import type { SimulationRequest } from '../../analysis/simulation/simulation-request.js';
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
 * The simulation parameters beside `include=simulation`, checked like the SimulationRequest body:
 * the request to run, none when the sheet is not asked for, or the problems by parameter (one given
 * without `include=simulation` is NEEDS_SIMULATION).
 */
export function parseIncludedSimulation(included: boolean, query: SimulationQuery): { ok: true; request: SimulationRequest | undefined } | { ok: false; problems: Problem[] } {
  const given = PARAMETERS.filter((p) => query[p] !== undefined);
  if (!included) {
    if (given.length === 0) return { ok: true, request: undefined };
    return { ok: false, problems: given.map((path) => ({ path, code: 'NEEDS_SIMULATION', message: `${path} sets the simulation sheet: add include=simulation` })) };
  }
  const asNumber = (text: string | undefined) => (text !== undefined && WHOLE_NUMBER.test(text) ? Number(text) : text);
  const parsed = termSheetSimulationSchema.safeParse({ draws: asNumber(query.draws), seed: asNumber(query.seed), irrTarget: query.irrTarget }, { reportInput: true });
  return parsed.success ? { ok: true, request: parsed.data } : { ok: false, problems: convertZodIssues(parsed.error.issues) };
}

/**
 * The term sheet's simulation, when `include=simulation` asks for one: the default variables
 * (default-simulation.ts) with `draws`, `seed` and `irrTarget` from the query, run on the simulation
 * pool (worker threads in the server, never the request's thread). A bad parameter, or one given
 * without `include=simulation`, is 400 naming it; a deal that does not evaluate is 422.
 */
export async function runIncludedSimulation(deps: AppDeps, deal: Deal, asOf: string, included: boolean, query: SimulationQuery, signal?: AbortSignal): Promise<SimulationExport | undefined> {
  const parsed = parseIncludedSimulation(included, query);
  if (!parsed.ok) throw new ApiProblem('INVALID_REQUEST', { where: 'query', count: parsed.problems.length }, { errors: parsed.problems });
  if (!parsed.request) return undefined;
  const outcome = await simulateDeal(deal, parsed.request, asOf, deps.runSimulationChunks, signal);
  if (!outcome.ok) throwJobFailure({ ok: false, code: 'EVALUATION_FAILED', problems: outcome.problems });
  return { request: parsed.request, result: outcome.result };
}
