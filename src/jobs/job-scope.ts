import { AsyncLocalStorage } from 'node:async_hooks';
import type { ReportProgress } from './job-kinds.js';

/** What work running inside a job can reach: where to report its progress. */
interface JobScope {
  jobId: string;
  report: ReportProgress;
  /** Aborts when the job is cancelled (work done elsewhere, on the durable queue, is cancelled there too). */
  signal?: AbortSignal;
  /** The language the job's request asked for (its Accept-Language): an answer written by another process is written in it. */
  language?: string;
  /** Told once the job's work is held by the durable queue (any process may now finish it): the 202 waits for this. */
  onQueued?: () => void;
  /**
   * What the HTTP answer names its subject by (an analysis's `source`), kept with work sent to the
   * durable queue so that any process writes the answer from the queue's result; absent, the answer is
   * the accepting process's to write.
   */
  answerSource?: Record<string, unknown>;
  /** The answer only this process can write (a simulation asked for as a workbook): its work stays off the durable queue. */
  answersHere?: boolean;
}

const scopes = new AsyncLocalStorage<JobScope>();

/** Run `work` as the job `jobId`: everything it calls, however deep, reaches `report` through readJobScope. */
export function runInJobScope<T>(scope: JobScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The job the current work runs in, or undefined outside one (a synchronous request, the CLI). */
export function readJobScope(): JobScope | undefined {
  return scopes.getStore();
}

/** Run `work` in the current job (if any) with what its answer needs (answerSource, answersHere); outside a job, as it is. */
export function runWithJobAnswer<T>(answer: Pick<JobScope, 'answerSource' | 'answersHere'>, work: () => T): T {
  const scope = scopes.getStore();
  return scope ? scopes.run({ ...scope, ...answer }, work) : work();
}
