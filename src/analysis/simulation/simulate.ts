import type { Deal } from '../../deal/deal-schema.js';
import type { Problem } from '../../deal/problem.js';
import { checkDriver } from '../drivers.js';
import { evaluateVariant } from '../evaluate-variant.js';
import { checkDistribution } from './draw-distribution.js';
import { countChunks, runSimulationChunk, type DrawOutcome } from './run-chunk.js';
import type { SimulationRequest } from './simulation-request.js';
import { summariseDraws, type SimulationResult } from './summarise-draws.js';

export type SimulationOutcome = { ok: true; result: SimulationResult } | { ok: false; problems: Problem[] };

/**
 * Runs chunks 0 … n − 1 of a simulation, in any order or place, and gives their outcomes by chunk.
 * When `signal` aborts (the client went away) while chunks are still waiting, they are dropped and the
 * run rejects with the signal's reason. `onChunkDone` is called as each chunk finishes (progress bars).
 */
export type ChunkRunner = (deal: Deal, request: SimulationRequest, asOf: string, chunks: number, signal?: AbortSignal, onChunkDone?: () => void) => Promise<DrawOutcome[][]>;

/**
 * Runs chunks `from` … `to` − 1 of a simulation (a part of its draws: a chunk of the durable queue) and
 * gives their outcomes by chunk, in order. Chunk k draws from its own stream (run-chunk.ts), so the
 * parts of a simulation, run anywhere and put back in chunk order, are the draws of the whole.
 */
export type ChunkRangeRunner = (deal: Deal, request: SimulationRequest, asOf: string, from: number, to: number, signal?: AbortSignal, onChunkDone?: () => void) => Promise<DrawOutcome[][]>;

/** The request's problems with the deal: drivers it does not have, distributions that make no sense, a base that does not evaluate. */
export function checkSimulation(deal: Deal, request: SimulationRequest, asOf: string): Problem[] {
  const problems = request.variables.flatMap((v, i) => [checkDriver(deal, v.driver, `variables[${i}].driver`), checkDistribution(v.distribution, `variables[${i}].distribution`)].flatMap((p) => p ?? []));
  if (problems.length > 0) return problems;
  const base = evaluateVariant(deal, asOf);
  return base.ok ? [] : base.problems;
}

/** Chunks `from` … `to` − 1 in this thread, one after another. */
export const runChunkRangeInProcess: ChunkRangeRunner = async (deal, request, asOf, from, to, signal, onChunkDone) => {
  const outcomes: DrawOutcome[][] = [];
  for (let k = from; k < to; k++) {
    // Between chunks the event loop runs, so an abort (or another request) is seen.
    if (k > from) await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    outcomes.push(runSimulationChunk(deal, request, asOf, k));
    onChunkDone?.();
  }
  return outcomes;
};

/** Every chunk in this thread, one after another (tests, the CLI with --threads 1). */
export const runChunksInProcess: ChunkRunner = (deal, request, asOf, chunks, signal, onChunkDone) => runChunkRangeInProcess(deal, request, asOf, 0, chunks, signal, onChunkDone);

/**
 * Monte Carlo simulation: the draws split into fixed chunks (run-chunk.ts), each seeded from the seed
 * and its number, run by `runChunks` (in process, exactly, or on the pool's float64 workers), then
 * summarised. On a given runner the answer depends on the seed and the request only.
 */
export async function simulateDeal(deal: Deal, request: SimulationRequest, asOf: string, runChunks: ChunkRunner = runChunksInProcess, signal?: AbortSignal): Promise<SimulationOutcome> {
  const problems = checkSimulation(deal, request, asOf);
  if (problems.length > 0) return { ok: false, problems };
  const byChunk = await runChunks(deal, request, asOf, countChunks(request.draws), signal);
  return { ok: true, result: summariseDraws(byChunk.flat(), { draws: request.draws, seed: request.seed, irrTarget: request.irrTarget }) };
}
