import { findJob, finishJob, type StoredJob } from '../../db/jobs.js';
import type { LiveJob } from '../../jobs/job-runner.js';
import type { LongJobKind } from '../../jobs/job-kinds.js';
import type { ChunkedJobView } from '../../jobs/queue/chunked-jobs.js';
import type { AppDeps } from '../app-env.js';
import { QUEUED_JOB_KINDS } from '../evaluation/durable-evaluator.js';
import { writeQueuedJobAnswer } from './answer-queued-job.js';

type JobRecord = Omit<StoredJob, 'resultBody'> & { resultBody?: Buffer | null };

export interface JobState<Job extends JobRecord> {
  /** The record, read again when this call wrote its end. */
  job: Job;
  /** Where it stands while it is not over: this process's runner, or the durable queue (any process). */
  live: LiveJob | undefined;
  /** Who tells its state: the record alone (over, or run by another process's pools), this process's runner, or the queue. */
  source: 'record' | 'runner' | 'queue';
}

export const isJobOver = (status: string) => status !== 'queued' && status !== 'running';

/**
 * Where a job stands, as any service process tells it. A job the durable queue runs (a portfolio job on
 * PostgreSQL, QueuedJobs) is the queue's to tell, whichever process accepted it and whether that
 * process still lives: `queued` while no worker has taken a chunk, `running` with the members done over
 * every chunk, and once the queue says it is over its end is written to the record here — the answer
 * written from the chunks' combined result (answer-queued-job.ts), the same the accepting process writes
 * — the database keeping the first end written (finishJob), so readers racing each other and the
 * accepting process write one end. Any other job is this process's runner's while it runs here, else
 * its record's.
 */
export async function readJobState<Job extends JobRecord>(deps: Pick<AppDeps, 'db' | 'jobs' | 'queuedJobs' | 'clock' | 'config'>, job: Job): Promise<JobState<Job>> {
  if (isJobOver(job.status)) return { job, live: undefined, source: 'record' };
  const local = deps.jobs.live(job.id);
  const fromHere: JobState<Job> = { job, live: local, source: local ? 'runner' : 'record' };
  if (!deps.queuedJobs || !QUEUED_JOB_KINDS.includes(job.kind as LongJobKind)) return fromHere;
  const view = await deps.queuedJobs.read(job.id);
  if (!view) return fromHere;
  const progress = { done: view.units.done, total: view.units.total };
  // Completed by an older service that kept no answer context: the accepting process writes its answer.
  if (view.state === 'running' || (view.state === 'completed' && view.answerContext === null)) {
    const waiting = view.state === 'running' && view.started === 0;
    return { job: waiting ? { ...job, startedAt: null } : job, live: { id: job.id, status: waiting ? 'queued' : 'running', progress }, source: 'queue' };
  }
  await recordQueuedEnd(deps, job, view);
  const ended = await findJob(deps.db, job.organisationId, job.id);
  return { job: (ended ?? job) as Job, live: undefined, source: 'queue' };
}

/** The end the queue tells, written to the job's record unless another end was written first. */
async function recordQueuedEnd(deps: Pick<AppDeps, 'db' | 'clock' | 'config'>, job: JobRecord, view: ChunkedJobView): Promise<void> {
  const at = view.finishedAt ? new Date(view.finishedAt) : deps.clock();
  const expiresAt = new Date(at.getTime() + deps.config.jobResultTtlSeconds * 1000).toISOString();
  const progress = { done: view.units.done, total: view.units.total };
  const common = { at: at.toISOString(), expiresAt, progress };
  if (view.state === 'completed') {
    const instance = (job.request.split(' ')[1] ?? '').split('?')[0]!;
    const answer = await writeQueuedJobAnswer(view as ChunkedJobView & { state: 'completed' }, instance);
    await finishJob(deps.db, job.id, { ...common, status: answer.status >= 200 && answer.status < 300 ? 'succeeded' : 'failed', answer });
  } else if (view.state === 'failed') {
    await finishJob(deps.db, job.id, { ...common, status: 'failed', failure: `error: on the durable queue: ${view.error ?? 'failed'}` });
  } else {
    await finishJob(deps.db, job.id, { ...common, status: 'cancelled' });
  }
}
