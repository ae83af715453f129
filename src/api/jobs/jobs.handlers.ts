import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { findJob, listJobs, type StoredJob } from '../../db/jobs.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { renderProblem } from '../problems/render-problem.js';
import type { cancelJobRoute, getJobRoute, jobEventsRoute, jobResultRoute, listJobsRoute } from './jobs.routes.js';
import { describeJobFailure, presentJob } from './present-job.js';

/** A job of the caller's organisation, or 404 (another organisation's job looks exactly like an unknown one). */
async function loadJob(c: Context<AppEnv>, id: string): Promise<StoredJob> {
  const job = await findJob(c.var.deps.db, c.var.principal.organisationId, id);
  if (!job) throw new ApiProblem('NOT_FOUND', { what: 'job', id });
  return job;
}

const languageOf = (c: Context) => pickLanguage(c.req.header('accept-language'));
const present = (c: Context<AppEnv>, job: Parameters<typeof presentJob>[0], withAnswer = false) => presentJob(job, c.var.deps.jobs.live(job.id), c.var.deps.clock(), languageOf(c), { withAnswer });

export const listOrganisationJobs: RouteHandler<typeof listJobsRoute, AppEnv> = async (c) =>
  c.json({ items: (await listJobs(c.var.deps.db, c.var.principal.organisationId, c.req.valid('query').limit)).map((job) => present(c, job)) as never[] }, 200);

export const getOneJob: RouteHandler<typeof getJobRoute, AppEnv> = async (c) => c.json(present(c, await loadJob(c, c.req.valid('param').id), true) as never, 200);

export const getJobResult: RouteHandler<typeof jobResultRoute, AppEnv> = async (c) => {
  const job = await loadJob(c, c.req.valid('param').id);
  const status = c.var.deps.jobs.live(job.id)?.status ?? job.status;
  if (status === 'queued' || status === 'running') throw new ApiProblem('JOB_NOT_FINISHED', { id: job.id, status }, { headers: { 'Retry-After': '1' } });
  if (status === 'cancelled') throw new ApiProblem('JOB_CANCELLED', { id: job.id });
  if (job.expiresAt !== null && Date.parse(job.expiresAt) <= c.var.deps.clock().getTime()) throw new ApiProblem('JOB_RESULT_EXPIRED', { id: job.id, expiredAt: job.expiresAt });
  if (job.resultStatus === null || !job.resultBody) return renderProblem(describeJobFailure(job), languageOf(c), c.req.path) as never;
  const headers: Record<string, string> = JSON.parse(job.resultHeaders ?? '{}');
  return new Response(new Uint8Array(job.resultBody), { status: job.resultStatus, headers }) as never;
};

export const cancelOneJob: RouteHandler<typeof cancelJobRoute, AppEnv> = async (c) => {
  const job = await loadJob(c, c.req.valid('param').id);
  const { principal, deps } = c.var;
  if (!deps.jobs.live(job.id)) throw new ApiProblem('JOB_ALREADY_FINISHED', { id: job.id, status: job.status });
  if (job.keyId !== principal.keyId && principal.role !== 'admin') throw new ApiProblem('JOB_NOT_YOURS', { id: job.id });
  await deps.jobs.cancel(job.id); // settles once the store says cancelled, so the record read next says so
  return c.json(present(c, await loadJob(c, job.id)) as never, 200);
};

/** Progress for progress bars: an event at each change the runner announces, a comment every 15 s to keep proxies from closing the stream. */
export const streamJobEvents: RouteHandler<typeof jobEventsRoute, AppEnv> = async (c) => {
  const id = (await loadJob(c, c.req.valid('param').id)).id;
  return streamSSE(c, async (stream) => {
    const send = async (event: 'progress' | 'done') => stream.writeSSE({ event, data: JSON.stringify(present(c, await loadJob(c, id))) });
    if (!c.var.deps.jobs.live(id)) return send('done');
    let settle: () => void = () => {};
    const finished = new Promise<void>((resolve) => (settle = resolve));
    let chain = send('progress');
    const stop = c.var.deps.jobs.watch(id, (live) => {
      const over = live.status !== 'queued' && live.status !== 'running';
      chain = chain.then(() => send(over ? 'done' : 'progress'));
      if (over) void chain.finally(settle);
    });
    const ping = setInterval(() => void stream.write(': keep-alive\n\n'), 15_000);
    ping.unref();
    stream.onAbort(settle);
    // A job that ended between the first look and the watch.
    if (!c.var.deps.jobs.live(id)) chain = chain.then(() => send('done')).finally(settle);
    await finished;
    clearInterval(ping);
    stop();
  }) as never;
};
