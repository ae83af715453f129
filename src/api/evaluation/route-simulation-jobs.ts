import type { ChunkRunner } from '../../analysis/simulation/simulate.js';
import { cancelChunkedJob, readChunkedJob } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { readJobScope } from '../../jobs/job-scope.js';
import { decodeSimulationResult, enqueueSimulation } from './simulation-chunk-kind.js';

export interface SimulationQueueOptions {
  /** How often the chunked job is read back for progress and its end (ms). */
  pollIntervalMs?: number;
  /** Simulation chunks (100 draws) per chunk of the queue (default SIMULATION_CHUNKS_PER_QUEUE_CHUNK). */
  perPart?: number;
}

/**
 * Where a simulation's chunks run: a simulation that runs as a job (`Prefer: respond-async`, inside a
 * job scope) goes to the durable queue on PostgreSQL in parts of its chunks (simulation-chunk-kind.ts),
 * under the HTTP job's id, for any worker of any process; this process waits for all the draws,
 * counting the chunks done as the job's progress, and cancels the queued job when the HTTP job is
 * cancelled. A synchronous simulation runs on `runChunks` (the server's thread pool) as before. Either
 * way the draws, and so the summary simulateDeal makes of them, are the same for the same seed.
 */
export function routeSimulationJobsToQueue(runChunks: ChunkRunner, queue: DurableQueue, { pollIntervalMs = 500, perPart }: SimulationQueueOptions = {}): ChunkRunner {
  return async (deal, request, asOf, chunks, signal, onChunkDone) => {
    const scope = readJobScope();
    if (!scope) return runChunks(deal, request, asOf, chunks, signal, onChunkDone);
    const cancelled = scope.signal ?? signal;
    const id = await enqueueSimulation(queue, { deal, request, asOf, chunks }, { externalId: scope.jobId, perPart });
    let told = 0;
    for (;;) {
      if (cancelled?.aborted) {
        await cancelChunkedJob(queue, id);
        throw cancelled.reason instanceof Error ? cancelled.reason : new Error('the job was cancelled');
      }
      const view = await readChunkedJob(queue, id);
      if (!view) throw new Error(`the durable queue lost job ${id}`);
      // One call per simulation chunk done (as the pool's runner makes): the job's progress counts them.
      for (; told < Math.min(view.units.done, chunks); told++) onChunkDone?.();
      if (view.state === 'completed') {
        for (; told < chunks; told++) onChunkDone?.();
        return decodeSimulationResult(view.result);
      }
      if (view.state !== 'running') throw new Error(`on the durable queue: ${view.error ?? view.state}`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  };
}
