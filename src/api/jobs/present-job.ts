import type { StoredJob } from '../../db/jobs.js';
import type { LiveJob } from '../../jobs/job-runner.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { Language } from '../problems/language.js';
import { writeProblemDocument } from '../problems/render-problem.js';

type JobRecord = Omit<StoredJob, 'resultBody'> & { resultBody?: Buffer | null };

const seconds = (ms: number) => Math.round(ms / 100) / 10;
const isJson = (headers: Record<string, string>) => /json/i.test(headers['content-type'] ?? '');

/** Why a job that has no answer failed, as the problem it stands for. */
export function describeJobFailure(job: Pick<StoredJob, 'id' | 'failure'>): ApiProblem {
  return job.failure === 'interrupted' ? new ApiProblem('JOB_INTERRUPTED', { id: job.id }) : new ApiProblem('JOB_FAILED', { id: job.id });
}

/**
 * A job as GET /jobs/{id} answers it: its status and progress (the live ones while it runs), elapsed and
 * estimated remaining seconds, and once finished the link to its answer — with a JSON answer inline
 * (`result` when it succeeded, `problem` when it failed), a workbook only by the link.
 *
 * Estimated remaining = elapsed × (total − done) / done: the pace so far, held (null until one part is done).
 */
export function presentJob(job: JobRecord, live: LiveJob | undefined, now: Date, language: Language, options: { withAnswer?: boolean } = {}) {
  const status = live?.status ?? job.status;
  const progress = live?.progress ?? { done: job.progressDone, total: job.progressTotal };
  const startedMs = job.startedAt ? Date.parse(job.startedAt) : null;
  const endMs = job.finishedAt && !live ? Date.parse(job.finishedAt) : now.getTime();
  const elapsedMs = startedMs === null ? 0 : Math.max(0, endMs - startedMs);
  const running = status === 'running';
  const remaining = running && progress.total !== null && progress.done > 0 ? seconds((elapsedMs * (progress.total - progress.done)) / progress.done) : null;
  const finished = status === 'succeeded' || status === 'failed';
  const expired = job.expiresAt !== null && Date.parse(job.expiresAt) <= now.getTime();
  const headers: Record<string, string> = job.resultHeaders ? JSON.parse(job.resultHeaders) : {};
  const self = `/api/v1/jobs/${job.id}`;
  const [method, ...path] = job.request.split(' ');
  const answer = options.withAnswer && finished && !expired && job.resultBody && isJson(headers) ? JSON.parse(job.resultBody.toString('utf8')) : undefined;
  const failure = status === 'failed' && job.resultStatus === null && job.failure ? writeProblemDocument(describeJobFailure(job), language, self) : undefined;
  return {
    id: job.id,
    kind: job.kind,
    status,
    request: { method, path: path.join(' ') },
    progress: { done: progress.done, total: progress.total, fraction: progress.total ? Math.min(1, progress.done / progress.total) : status === 'succeeded' ? 1 : null },
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: live ? null : job.finishedAt,
    elapsedSeconds: seconds(elapsedMs),
    estimatedRemainingSeconds: remaining,
    resultExpiresAt: live ? null : job.expiresAt,
    resultExpired: finished && expired,
    answer: finished ? { status: job.resultStatus ?? failure?.status ?? null, contentType: headers['content-type'] ?? (failure ? 'application/problem+json' : null) } : null,
    links: { self, events: `${self}/events`, result: finished && !expired ? `${self}/result` : null },
    ...(answer !== undefined ? (status === 'succeeded' ? { result: answer } : { problem: answer }) : {}),
    ...(failure ? { problem: failure } : {}),
  };
}
