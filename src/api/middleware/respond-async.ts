import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { insertJob } from '../../db/jobs.js';
import { newId } from '../../db/new-id.js';
import type { JobAnswer, LongJobKind } from '../../jobs/job-kinds.js';
import { readJobScope, runInJobScope } from '../../jobs/job-scope.js';
import { loadVisibleDeal } from '../access/deal-access.js';
import type { AppEnv } from '../app-env.js';
import { presentJob } from '../jobs/present-job.js';
import { loadPortfolio } from '../portfolios/portfolios.handlers.js';
import { ApiProblem } from '../problems/api-problem.js';
import { pickLanguage } from '../problems/language.js';
import { isShortTermSheetRequest } from './limit-long-jobs.js';

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

/** The headers of an answer worth keeping: what it is and how to save it. */
const KEPT_HEADERS = ['content-type', 'content-disposition', 'content-language', 'retry-after'];

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
  const queued = deps.jobs.queued(owner);
  if (queued >= deps.config.queuedJobsPerOrganisation) {
    const retryAfterSeconds = deps.config.longJobRetryAfterSeconds;
    throw new ApiProblem('TOO_MANY_QUEUED_JOBS', { queued, limit: deps.config.queuedJobsPerOrganisation, retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
  }
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

  const perform = (signal: AbortSignal, report: (p: { done: number; total: number | null }) => void) =>
    runInJobScope({ jobId: id, report, signal }, async (): Promise<JobAnswer> => {
      const response = await deps.dispatch(new Request(url, { method, headers, body, signal }));
      const kept: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) kept[name] = value;
      }
      return { status: response.status, headers: kept, body: Buffer.from(await response.arrayBuffer()) };
    });
  deps.jobs.submit({ id, owner, perform });

  const record = { id, organisationId: principal.organisationId, keyId: principal.keyId, kind, request: `${method} ${url.pathname}${url.search}`, status: 'queued' as const, progressDone: 0, progressTotal: null, createdAt: now.toISOString(), startedAt: null, finishedAt: null, expiresAt: null, resultStatus: null, resultHeaders: null, failure: null, ownerInstance: deps.config.instanceId };
  const location = `/api/v1/jobs/${id}`;
  return c.json(presentJob(record, deps.jobs.live(id), deps.clock(), pickLanguage(c.req.header('accept-language'))), 202, { Location: location, 'Preference-Applied': 'respond-async', 'Retry-After': '1' });
});
