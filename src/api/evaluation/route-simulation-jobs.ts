import type { ChunkRunner } from '../../analysis/simulation/simulate.js';
import { readChunkedJob } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { readJobScope } from '../../jobs/job-scope.js';
import type { QueuedAnswerContext } from './durable-evaluator.js';
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
 * counting the chunks done as the job's progress. The job's record is the queue's (QUEUED_JOB_KINDS):
 * its answer context (the source, the request's draws, seed and IRR target) lets any process write the
 * answer from the draws (answer-queued-job.ts); DELETE through any process cancels its chunks, and a
 * process that stops waiting leaves them to the queue. A synchronous simulation, or one whose answer only
 * this process writes (a workbook: `answersHere`), runs on `runChunks` (the server's thread pool) as
 * before. Either way the draws, and so the summary made of them, are the same for the same seed.
 */
export function routeSimulationJobsToQueue(runChunks: ChunkRunner, queue: DurableQueue, { pollIntervalMs = 500, perPart }: SimulationQueueOptions = {}): ChunkRunner {
  return async (deal, request, asOf, chunks, signal, onChunkDone) => {
    const scope = readJobScope();
    if (!scope || scope.answersHere) return runChunks(deal, request, asOf, chunks, signal, onChunkDone);
    const cancelled = scope.signal ?? signal;
    const answerContext: QueuedAnswerContext | undefined = scope.answerSource
      ? { answer: 'simulation', asOf, language: scope.language ?? null, source: scope.answerSource, summary: { draws: request.draws, seed: request.seed, irrTarget: request.irrTarget } }
      : undefined;
    const id = await enqueueSimulation(queue, { deal, request, asOf, chunks }, { externalId: scope.jobId, perPart, answerContext });
    scope.onQueued?.();
    let told = 0;
    for (;;) {
      // Cancelled (DELETE through any process cancels the chunks: QueuedJobs.cancel) or this process stopping: the chunks are the queue's.
      if (cancelled?.aborted) throw cancelled.reason instanceof Error ? cancelled.reason : new Error('the job was cancelled');
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
