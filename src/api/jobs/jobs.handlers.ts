import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { cancelQueuedJob, findJob, finishJob, listJobs, type StoredJob } from '../../db/jobs.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { renderProblem } from '../problems/render-problem.js';
import type { cancelJobRoute, getJobRoute, jobEventsRoute, jobResultRoute, listJobsRoute } from './jobs.routes.js';
import { describeJobFailure, presentJob } from './present-job.js';
import { isJobOver, readJobState, type JobState } from './read-job-state.js';

/** A job of the caller's organisation, or 404 (another organisation's job looks exactly like an unknown one). */
async function loadJob(c: Context<AppEnv>, id: string): Promise<StoredJob> {
  const job = await findJob(c.var.deps.db, c.var.principal.organisationId, id);
  if (!job) throw new ApiProblem('NOT_FOUND', { what: 'job', id });
  return job;
}

const languageOf = (c: Context) => pickLanguage(c.req.header('accept-language'));
const present = (c: Context<AppEnv>, state: JobState<Parameters<typeof presentJob>[0]>, withAnswer = false) => presentJob(state.job, state.live, c.var.deps.clock(), languageOf(c), { withAnswer });
/** The job with where it stands now (read-job-state.ts: this process's runner, the durable queue, or its record). */
const loadJobState = async (c: Context<AppEnv>, id: string) => await readJobState(c.var.deps, await loadJob(c, id));

export const listOrganisationJobs: RouteHandler<typeof listJobsRoute, AppEnv> = async (c) => {
  const jobs = await listJobs(c.var.deps.db, c.var.principal.organisationId, c.req.valid('query').limit);
  const states = await Promise.all(jobs.map((job) => readJobState(c.var.deps, job)));
  // A job whose end was written just now is listed with it, still without its answer's body.
  return c.json({ items: states.map(({ job, ...state }) => present(c, { ...state, job: { ...job, resultBody: null } })) as never[] }, 200);
};

export const getOneJob: RouteHandler<typeof getJobRoute, AppEnv> = async (c) => c.json(present(c, await loadJobState(c, c.req.valid('param').id), true) as never, 200);

export const getJobResult: RouteHandler<typeof jobResultRoute, AppEnv> = async (c) => {
  const { job, live } = await loadJobState(c, c.req.valid('param').id);
  const status = live?.status ?? job.status;
  if (status === 'queued' || status === 'running') throw new ApiProblem('JOB_NOT_FINISHED', { id: job.id, status }, { headers: { 'Retry-After': '1' } });
  if (status === 'cancelled') throw new ApiProblem('JOB_CANCELLED', { id: job.id });
  if (job.expiresAt !== null && Date.parse(job.expiresAt) <= c.var.deps.clock().getTime()) throw new ApiProblem('JOB_RESULT_EXPIRED', { id: job.id, expiredAt: job.expiresAt });
  if (job.resultStatus === null || !job.resultBody) return renderProblem(describeJobFailure(job), languageOf(c), c.req.path) as never;
  const headers: Record<string, string> = JSON.parse(job.resultHeaders ?? '{}');
  return new Response(new Uint8Array(job.resultBody), { status: job.resultStatus, headers }) as never;
};

export const cancelOneJob: RouteHandler<typeof cancelJobRoute, AppEnv> = async (c) => {
  const state = await loadJobState(c, c.req.valid('param').id);
  const { job } = state;
  const { principal, deps } = c.var;
  if (!state.live && isJobOver(job.status)) throw new ApiProblem('JOB_ALREADY_FINISHED', { id: job.id, status: job.status });
  if (job.keyId !== principal.keyId && principal.role !== 'admin') throw new ApiProblem('JOB_NOT_YOURS', { id: job.id });
  const at = deps.clock();
  const expiresAt = new Date(at.getTime() + deps.config.jobResultTtlSeconds * 1000).toISOString();
  if (!state.live) {
    // Held by another process's runner: still waiting there, it is cancelled through its record (that runner never starts it);
    // already running there (its work in that process's pools), only that process can stop it.
    if (!(await cancelQueuedJob(deps.db, job.id, at.toISOString(), expiresAt))) throw new ApiProblem('JOB_RUNNING_ELSEWHERE', { id: job.id });
    return c.json(present(c, await loadJobState(c, job.id)) as never, 200);
  }
  if (deps.jobs.live(job.id)) await deps.jobs.cancel(job.id); // settles once the store says cancelled, so the record read next says so
  else await finishJob(deps.db, job.id, { status: 'cancelled', at: at.toISOString(), expiresAt, progress: state.live.progress });
  // A job on the durable queue, accepted here or by any other process: its chunks not yet done are cancelled there
  // (after the record, so that the accepting process, seeing the queue's cancellation, finds the job ended already).
  if (state.source === 'queue') await deps.queuedJobs?.cancel(job.id);
  return c.json(present(c, await loadJobState(c, job.id)) as never, 200);
};

/**
 * Progress for progress bars: an event at each change, then `done`; a comment every 15 s keeps proxies
 * from closing the stream. A job this process runs in its own pools is followed by its runner's
 * announcements; any other (on the durable queue, or run by another process) by reading where it stands
 * every `jobEventsPollMs`, so every process streams every job until it ends.
 */
export const streamJobEvents: RouteHandler<typeof jobEventsRoute, AppEnv> = async (c) => {
  const id = (await loadJob(c, c.req.valid('param').id)).id;
  return streamSSE(c, async (stream) => {
    const send = async (event: 'progress' | 'done', state?: JobState<StoredJob>) => stream.writeSSE({ event, data: JSON.stringify(present(c, state ?? (await loadJobState(c, id)))) });
    const first = await loadJobState(c, id);
    if (isJobOver(first.live?.status ?? first.job.status)) return send('done', first);
    const ping = setInterval(() => void stream.write(': keep-alive\n\n'), 15_000);
    ping.unref();
    try {
      if (first.source === 'runner') await followRunner(c, id, send, (settle) => stream.onAbort(settle));
      else await pollJobState(c, first, send, () => stream.aborted || stream.closed);
    } finally {
      clearInterval(ping);
    }
  }) as never;
};

type SendEvent = (event: 'progress' | 'done', state?: JobState<StoredJob>) => Promise<void>;

/** Events at each change this process's runner announces, until the job ends or the client leaves. */
async function followRunner(c: Context<AppEnv>, id: string, send: SendEvent, onAbort: (settle: () => void) => void): Promise<void> {
  let settle: () => void = () => {};
  const finished = new Promise<void>((resolve) => (settle = resolve));
  let chain = send('progress');
  const stop = c.var.deps.jobs.watch(id, (live) => {
    const over = live.status !== 'queued' && live.status !== 'running';
    chain = chain.then(() => send(over ? 'done' : 'progress'));
    if (over) void chain.finally(settle);
  });
  onAbort(settle);
  // A job that ended between the first look and the watch.
  if (!c.var.deps.jobs.live(id)) chain = chain.then(() => send('done')).finally(settle);
  await finished;
  stop();
}

/** Where the job stands read every `jobEventsPollMs`: `progress` when its status or progress moved, `done` once it ended. */
async function pollJobState(c: Context<AppEnv>, first: JobState<StoredJob>, send: SendEvent, gone: () => boolean): Promise<void> {
  const describe = (state: JobState<StoredJob>) => JSON.stringify([state.live?.status ?? state.job.status, state.live?.progress ?? null]);
  let state = first;
  let last = describe(state);
  await send('progress', state);
  while (!gone()) {
    await new Promise((resolve) => setTimeout(resolve, c.var.deps.config.jobEventsPollMs));
    if (gone()) return;
    state = await loadJobState(c, first.job.id);
    if (isJobOver(state.live?.status ?? state.job.status)) return send('done', state);
    const now = describe(state);
    if (now !== last) await send('progress', state);
    last = now;
  }
}
