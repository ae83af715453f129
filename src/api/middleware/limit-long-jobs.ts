import { createMiddleware } from 'hono/factory';
import type { Context } from 'hono';
import { readJobScope } from '../../jobs/job-scope.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import { isRefusal, type LimitClaim } from '../../limits/limit-store.js';

/**
 * The routes whose one request is many evaluations (decision tools, simulations, portfolios, term sheets
 * with analysis sheets). Each organisation may have `longJobsPerOrganisation` of them running at once;
 * one more answers 429 TOO_MANY_LONG_JOBS with Retry-After, rather than queueing behind its own work.
 */
export const LONG_JOB_ROUTES = [
  '/deals/:id/solve',
  '/deals/:id/sensitivity',
  '/deals/:id/stress',
  '/deals/:id/simulate',
  '/deals/:id/term-sheet.xlsx',
  '/term-sheet',
  '/portfolios/:id/evaluate',
  '/portfolios/:id/term-sheet.xlsx',
  '/portfolios/:id/stress',
] as const;

/** A term sheet is long only with analysis sheets (`include=`). */
const isTermSheet = (path: string) => path.endsWith('term-sheet.xlsx') || path.endsWith('/term-sheet');

/** A deal's term sheet without analysis sheets: one evaluation, not long. */
export const isShortTermSheetRequest = (c: Context) => isTermSheet(c.req.path) && !c.req.path.includes('/portfolios/') && !c.req.query('include');

/**
 * A slot of the caller's organisation for one long request answered now, from the app's LimitStore
 * (this process's gate, or the database shared by every process on it: SHARED_LIMITS), or the 429
 * TOO_MANY_LONG_JOBS with Retry-After when the organisation has all its slots in use. Release it once
 * the work is done. Every long request takes its slot here (the long routes below, a term-sheet link
 * with analysis sheets), so the organisation's fair share holds across processes for all of them.
 */
export async function claimLongJobSlot(c: Context<AppEnv>): Promise<LimitClaim> {
  const { limits, config } = c.var.deps;
  const { organisationId, organisationName } = c.var.principal;
  const claim = await limits.tryClaimRunning({ organisationId, organisationName });
  if (!isRefusal(claim)) return claim;
  const retryAfterSeconds = config.longJobRetryAfterSeconds;
  throw new ApiProblem('TOO_MANY_LONG_JOBS', { running: claim.count, limit: config.longJobsPerOrganisation, retryAfterSeconds }, { headers: { 'Retry-After': String(retryAfterSeconds) } });
}

/**
 * A job (respond-async.ts) holds its slot from the job runner, taken when it started (and, with shared
 * limits, one in the database it waited for); a request answered now claims one (claimLongJobSlot).
 */
export const limitLongJobs = createMiddleware<AppEnv>(async (c, next) => {
  if (isShortTermSheetRequest(c) || readJobScope()) return next();
  const claim = await claimLongJobSlot(c);
  try {
    await next();
  } finally {
    await claim.release();
  }
});
