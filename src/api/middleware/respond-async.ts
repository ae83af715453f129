import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { findJob, insertJob } from '../../db/jobs.js';
import { newId } from '../../db/new-id.js';
import type { JobAnswer, LongJobKind } from '../../jobs/job-kinds.js';
import { readJobScope, runInJobScope } from '../../jobs/job-scope.js';
import { loadVisibleDeal } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { QUEUED_JOB_KINDS } from '../evaluation/durable-evaluator.js';
import { acceptsWorkbook } from '../http/respond-with-workbook.js';
import { keepJobAnswer } from '../jobs/keep-job-answer.js';
import { presentJob } from '../jobs/present-job.js';
import { readJobState } from '../jobs/read-job-state.js';
import { loadPortfolio } from '../portfolios/portfolios.handlers.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { isShortTermSheetRequest } from './limit-long-jobs.js';
import { isRefusal, type LimitClaim, type LimitOwner } from '../../limits/limit-store.js';

/** `Prefer: respond-async` (RFC 7240 §4.1), among other preferences of the header, case-insensitive. */
export function prefersRespondAsync(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}

/** What a long route is, by its path. */
export function nameJobKind(path: string): LongJobKind {
  if (path.includes('/portfolios/') && path.endsWith('/stress')) return 'portfolio-stress';
  if (path.includes('/portfolios/')) return path.endsWith('/evaluate') ? 'portfolio-evaluation' : 'portfolio-workbook';
  if (path.endsWith('/simulate')) return 'simulation';
  if (path.endsWith('/solve')) return 'goal-seek';
  if (path.endsWith('/sensitivity')) return 'sensitivity';
  if (path.endsWith('/stress')) return 'stress';
  return 'term-sheet';
}

/** Settles when `promise` does or after `ms`, whichever is first. */
async function waitAtMost(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** A visible subject, or 404 now rather than a job that fails later: the deal or portfolio of the path. */
async function checkSubjectVisible(c: Context<AppEnv>): Promise<void> {
  const id = c.req.param('id');
  if (id === undefined) return;
  if (c.req.path.includes('/portfolios/')) await loadPortfolio(c, id);
  else await loadVisibleDeal(c, id);
}

/**
 * A long request (LONG_JOB_ROUTES) sent with `Prefer: respond-async` answers 202 Accepted at once with
 * `Location: /api/v1/jobs/{id}`; the same request, without the preference, is then answered by the app
 * itself as a job (src/jobs/job-runner.ts), with the caller's own headers (the key stays in memory, never
 * stored), and its answer — 200 with JSON or a workbook, or a problem — is kept as the job's result.
 * Without the preference, or for a short request (a term sheet without analysis sheets), nothing changes.
 */
export const respondAsync = createMiddleware<AppEnv>(async (c, next) => {
  if (readJobScope() || !prefersRespondAsync(c.req.header('prefer')) || isShortTermSheetRequest(c)) return next();
  const { deps, principal } = c.var;
  await checkSubjectVisible(c);
  const owner = principal.organisationName;
  const limitOwner = { organisationId: principal.organisationId, organisationName: owner };
  // A place in the organisation's queue (this process's, or every process's with shared limits), held until the job runs or ends.
  const place = await deps.limits.tryClaimQueued(limitOwner);
  if (isRefusal(place)) {
    const retryAfterSeconds = deps.config.longJobRetryAfterSeconds;
    throw new ApiProblem('TOO_MANY_QUEUED_JOBS', { queued: place.count, limit: deps.config.queuedJobsPerOrganisation, retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
  try {
    return await acceptJob(c, place, limitOwner);
  } catch (error) {
    await place.release();
    throw error;
  }
});

/** Record the job, hand it to the runner and answer 202; the queue place is given back once the job holds a running slot or ends. */
async function acceptJob(c: Context<AppEnv>, place: LimitClaim, limitOwner: LimitOwner): Promise<Response> {
  const { deps, principal } = c.var;
  const owner = limitOwner.organisationName;
  const method = c.req.method;
  const body = method === 'GET' || method === 'HEAD' ? undefined : await c.req.arrayBuffer();
  const headers = new Headers(c.req.raw.headers);
  headers.delete('prefer');
  headers.delete('content-length');
  const url = new URL(c.req.url);
  const id = newId('job');
  const kind = nameJobKind(c.req.path);
  const now = deps.clock();
  await insertJob(deps.db, { id, organisationId: principal.organisationId, keyId: principal.keyId, kind, request: `${method} ${url.pathname}${url.search}`, createdAt: now.toISOString(), ownerInstance: deps.config.instanceId });

  // A job for the durable queue is answered 202 once its chunks are queued (or it ended first, or after
  // queuedJobAcceptWaitMs): from then on it is the queue's, and survives this process (read-job-state.ts).
  // (A simulation asked for as a workbook stays in this process: only it writes the workbook, analysis.handlers.ts.)
  const forQueue = deps.queuedJobs !== undefined && QUEUED_JOB_KINDS.includes(kind) && !(kind === 'simulation' && acceptsWorkbook(c));
  let markQueued: () => void = () => {};
  const queued = new Promise<void>((resolve) => (markQueued = resolve));
  const language = headers.get('accept-language') ?? undefined;
  const perform = async (signal: AbortSignal, report: (p: { done: number; total: number | null }) => void): Promise<JobAnswer> => {
    // With shared limits the job also waits for a slot of its organisation across every process; until then it keeps its queue place.
    const slot = await deps.limits.waitForRunning(limitOwner, signal);
    await place.release();
    try {
      return await runInJobScope({ jobId: id, report, signal, ...(language ? { language } : {}), onQueued: markQueued }, async (): Promise<JobAnswer> => keepJobAnswer(await deps.dispatch(new Request(url, { method, headers, body, signal }))));
    } finally {
      await slot.release();
    }
  };
  deps.jobs.submit({ id, owner, perform });
  // A job cancelled while queued never performs: its queue place is given back when it ends.
  const stopWatching = deps.jobs.watch(id, (job) => {
    if (job.status === 'queued' || job.status === 'running') return;
    markQueued();
    stopWatching();
    void place.release().catch((error: Error) => console.error(`job ${id}: could not give back its queue place: ${error.message}`));
  });
  if (!deps.jobs.live(id)) {
    markQueued();
    void place.release().catch(() => undefined);
  }
  if (forQueue) await waitAtMost(queued, deps.config.queuedJobAcceptWaitMs);

  const record = { id, organisationId: principal.organisationId, keyId: principal.keyId, kind, request: `${method} ${url.pathname}${url.search}`, status: 'queued' as const, progressDone: 0, progressTotal: null, createdAt: now.toISOString(), startedAt: null, finishedAt: null, expiresAt: null, resultStatus: null, resultHeaders: null, failure: null, ownerInstance: deps.config.instanceId };
  const location = `/api/v1/jobs/${id}`;
  // The job is accepted: whatever reading where it stands does (the queue's database out of reach), the answer is its 202.
  const here = { job: record, live: deps.jobs.live(id) };
  const state = forQueue ? await readJobState(deps, (await findJob(deps.db, principal.organisationId, id)) ?? record).catch((error: Error) => {
    console.error(`job ${id}: accepted, but where it stands could not be read: ${error.message}`);
    return here;
  }) : here;
  return c.json(presentJob(state.job, state.live, deps.clock(), pickLanguage(c.req.header('accept-language'))), 202, { Location: location, 'Preference-Applied': 'respond-async', 'Retry-After': '1' });
}
