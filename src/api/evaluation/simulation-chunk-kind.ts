import type { Deal } from '../../deal/deal-schema.js';
import { decodeDraw, encodeDraw, type EncodedDraw } from '../../analysis/simulation/encode-draws.js';
import type { DrawOutcome } from '../../analysis/simulation/run-chunk.js';
import { runChunkRangeInProcess, type ChunkRangeRunner } from '../../analysis/simulation/simulate.js';
import type { SimulationRequest } from '../../analysis/simulation/simulation-request.js';
import type { ChunkKind } from '../../jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';

/** Simulation chunks (of CHUNK_SIZE = 100 draws) in one chunk of the durable queue: 1,000 draws, some seconds of one worker. */
export const SIMULATION_CHUNKS_PER_QUEUE_CHUNK = 10;

/** A part of a simulation's draws: its simulation chunks `from` … `to` − 1, with all a worker of any process needs. */
export interface SimulationPart {
  deal: Deal;
  request: SimulationRequest;
  asOf: string;
  from: number;
  to: number;
}

/** The name every process knows the kind by (the server enqueues it, a worker process runs it). */
export const SIMULATION_CHUNK_KIND_NAME = 'simulation-draws';

/**
 * A Monte Carlo simulation on the durable queue (methodology §8.7): a chunk is a range of the
 * simulation's own chunks, each drawn from its own seeded stream (prng.ts, run-chunk.ts), so where
 * and in which order the parts run changes no draw. A chunk hands back every draw it made, encoded
 * losslessly (encode-draws.ts), and the job's result is all the draws by simulation chunk, in order:
 * the summary (percentiles by interpolation between order statistics, histograms over the lowest to
 * the highest draw, means, probabilities) is then computed once over all of them, exactly as for draws
 * made in one process — no merged approximation of quantiles.
 *
 * `runRange` is where a worker draws: the worker process passes a float64 simulation pool (the
 * server's synchronous simulations run on one), so the draws are bit for bit those of the server.
 * Progress counts simulation chunks (100 draws each), as the job of a synchronous run does.
 */
export function createSimulationChunkKind(runRange: ChunkRangeRunner = runChunkRangeInProcess): ChunkKind<SimulationPart, EncodedDraw[][], null, EncodedDraw[][]> {
  return {
    name: SIMULATION_CHUNK_KIND_NAME,
    countUnits: (part) => part.to - part.from,
    runChunk: async (part, report) => {
      // Reports written one after another, so the chunk's count never goes back.
      let done = 0;
      let reported = Promise.resolve();
      const byChunk = await runRange(part.deal, part.request, part.asOf, part.from, part.to, undefined, () => {
        const now = ++done;
        reported = reported.then(() => report(now));
      });
      await reported;
      return byChunk.map((outcomes) => outcomes.map(encodeDraw));
    },
    combine: (_context, parts) => parts.flat(),
  };
}

/** The simulation's chunks 0 … chunks − 1 in parts of `perPart`: [from, to) each. */
export function splitSimulationChunks(chunks: number, perPart = SIMULATION_CHUNKS_PER_QUEUE_CHUNK): { from: number; to: number }[] {
  if (!Number.isInteger(perPart) || perPart < 1) throw new Error(`a part of a simulation holds at least one chunk, not ${perPart}`);
  return Array.from({ length: Math.ceil(chunks / perPart) }, (_, i) => ({ from: i * perPart, to: Math.min(chunks, (i + 1) * perPart) }));
}

/** Queues chunks 0 … chunks − 1 of a simulation in parts; the chunked job's id. */
export function enqueueSimulation(queue: DurableQueue, job: { deal: Deal; request: SimulationRequest; asOf: string; chunks: number }, options: { externalId?: string; perPart?: number; answerContext?: unknown } = {}): Promise<string> {
  const parts = splitSimulationChunks(job.chunks, options.perPart).map((range): SimulationPart => ({ deal: job.deal, request: job.request, asOf: job.asOf, ...range }));
  return enqueueChunkedJob(queue, createSimulationChunkKind(), null, parts, { externalId: options.externalId, answerContext: options.answerContext });
}

/** A completed simulation job's result: the draws by simulation chunk. */
export function decodeSimulationResult(result: unknown): DrawOutcome[][] {
  return (result as EncodedDraw[][]).map((chunk) => chunk.map(decodeDraw));
}
