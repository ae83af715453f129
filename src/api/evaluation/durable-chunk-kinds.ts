import type { ChunkRangeRunner } from '../../analysis/simulation/simulate.js';
import type { AnyChunkKind } from '../../jobs/queue/chunk-kinds.js';
import { portfolioChunkKind } from './portfolio-chunk-kind.js';
import { portfolioStressChunkKind } from './portfolio-stress-chunk-kind.js';
import { sensitivityChunkKind } from './sensitivity-chunk-kind.js';
import { createSimulationChunkKind } from './simulation-chunk-kind.js';

/**
 * Every kind of chunk the service's long jobs put on the durable queue: what a worker of any process
 * registers. `runSimulationRange` is where a worker draws a simulation's part: a worker process passes
 * its float64 simulation pool (src/worker.ts); by default this thread.
 */
export function createChunkKinds(runSimulationRange?: ChunkRangeRunner): AnyChunkKind[] {
  return [portfolioChunkKind, portfolioStressChunkKind, createSimulationChunkKind(runSimulationRange), sensitivityChunkKind];
}

/** The kinds with simulations drawn on this thread: for a process that only enqueues (the server), and tests. */
export const CHUNK_KINDS = createChunkKinds();
