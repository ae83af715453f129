import { dropExpiredAnswers, failInterruptedJobs, finishJob, markJobRunning, recordJobProgress } from '../../db/jobs.js';
import type { Db } from '../../db/open-database.js';
import type { JobStore } from '../../jobs/job-runner.js';
import type { QueuedJobs } from './queued-jobs.js';

/**
 * The runner's store in the database: each answer kept `ttlSeconds` from the moment the job ends. A
 * job the durable queue holds (`queued`) is not failed by this process: its failure is then this
 * process's (stopping, its queue connection closed), not the job's, whose end — a failed chunk, the 422
 * of its members — is the queue's and is written by whichever process reads it (read-job-state.ts).
 */
export function createDbJobStore(db: Db, ttlSeconds: number, queued?: QueuedJobs): JobStore {
  const expiry = (at: Date) => new Date(at.getTime() + ttlSeconds * 1000).toISOString();
  return {
    markRunning: async (id, at) => await markJobRunning(db, id, at.toISOString()),
    recordProgress: async (id, p) => await recordJobProgress(db, id, p.done, p.total),
    finish: async (id, outcome) => {
      if (queued && outcome.status === 'failed' && (await queued.findQueued([id])).has(id)) return;
      await finishJob(db, id, { status: outcome.status, at: outcome.at.toISOString(), expiresAt: expiry(outcome.at), answer: outcome.answer, failure: outcome.failure, progress: outcome.progress });
    },
  };
}

/**
 * At start of process `instanceId`: jobs its previous run left queued or running are failed as
 * interrupted (their keys were never stored, so they cannot be resumed) — not those of other processes
 * on the same database, nor those the durable queue runs (`queued`: their chunks live on in the queue
 * and any process reads their end from it) — and answers kept past their time are dropped.
 */
export async function settleJobsAtStart(db: Db, instanceId: string, now: Date, ttlSeconds: number, queued?: QueuedJobs): Promise<{ interrupted: number }> {
  const interrupted = await failInterruptedJobs(db, instanceId, now.toISOString(), new Date(now.getTime() + ttlSeconds * 1000).toISOString(), queued ? (ids) => queued.findQueued(ids) : undefined);
  await dropExpiredAnswers(db, now.toISOString());
  return { interrupted };
}
