import { cancelChunkedJob, findChunkedExternalIds, findChunkedJobId, readChunkedJobOf, type ChunkedJobView } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';

/**
 * The HTTP jobs the durable queue runs (PostgreSQL), seen from any service process: their state is
 * the queue's (chunks taken, members done, the combined result), not the memory of the process that
 * accepted them, so every process reads, follows and cancels them alike (read-job-state.ts).
 */
export interface QueuedJobs {
  /** The chunked job that runs the HTTP job `jobId`, or null when the queue has none (a job run in a process's own pools). */
  read(jobId: string): Promise<ChunkedJobView | null>;
  /** Cancels the chunked job of `jobId` in the queue (pg-boss cancel of its chunks not yet done); false when it has none running. */
  cancel(jobId: string): Promise<boolean>;
  /** Of `jobIds`, those the queue runs (in any state). */
  findQueued(jobIds: readonly string[]): Promise<Set<string>>;
}

export function createQueuedJobs(queue: DurableQueue): QueuedJobs {
  return {
    read: (jobId) => readChunkedJobOf(queue, jobId),
    cancel: async (jobId) => {
      const id = await findChunkedJobId(queue, jobId);
      return id === null ? false : await cancelChunkedJob(queue, id);
    },
    findQueued: (jobIds) => findChunkedExternalIds(queue, jobIds),
  };
}
