import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { classifyStorageFault, classifyWriteConflict, describeStorageFault } from '../../db/storage-fault.js';
import { JobTimeBudgetExceeded } from '../../jobs/job-errors.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from './api-problem.js';
import { describeRequestPath } from './describe-request-path.js';
import { pickLanguage } from './language.js';
import { renderProblem } from './render-problem.js';

/** The one place errors become responses: every failure leaves as application/problem+json. */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  const problem = convertToProblem(error, c);
  if (problem.code === 'INTERNAL_ERROR' && !isAbandonedByClient(error, c)) console.error(`${c.req.method} ${describeRequestPath(c.req.path)} failed:`, error);
  return renderProblem(problem, pickLanguage(c.req.header('accept-language')), describeRequestPath(c.req.path));
}

/** A simulation given up because its client went away (the request's signal's reason): it fails unread, nothing to log. */
function isAbandonedByClient(error: Error, c: Context<AppEnv>): boolean {
  const { signal } = c.req.raw;
  if (!signal.aborted) return false;
  return error === signal.reason || error.message === String(signal.reason);
}

/** Unknown routes answer 404 in the same format. */
export function handleNotFound(c: Context<AppEnv>): Response {
  return handleError(new ApiProblem('ROUTE_NOT_FOUND', { method: c.req.method, path: describeRequestPath(c.req.path) }), c);
}

/** The known kinds of error: ours, and the few hono's middleware throws (body limit, JSON, media type). */
function convertToProblem(error: Error, c: Context<AppEnv>): ApiProblem {
  if (error instanceof ApiProblem) return error;
  if (error instanceof JobTimeBudgetExceeded) return new ApiProblem('JOB_TIME_BUDGET_EXCEEDED', { kind: error.kind, budgetMs: error.budgetMs }, { headers: { 'Retry-After': '30' } });
  const fault = classifyStorageFault(error);
  if (fault) {
    // The operator's side of it: the cause in words, in the log (the client is told the cause without paths).
    console.error(`${c.req.method} ${describeRequestPath(c.req.path)}: ${describeStorageFault(fault)}`);
    c.var.deps?.storageHealth?.reportFault(fault);
    return new ApiProblem('STORAGE_UNAVAILABLE', { cause: fault.cause }, { headers: { 'Retry-After': fault.cause === 'locked' ? '1' : '60' } });
  }
  if (classifyWriteConflict(error)) return new ApiProblem('CONCURRENT_CHANGE', {});
  if (error instanceof HTTPException) {
    switch (error.status) {
      case 400:
        if (/json/i.test(error.message)) return new ApiProblem('MALFORMED_JSON', {});
        break;
      case 401:
        return new ApiProblem('UNAUTHORIZED', { reason: 'invalid' });
      case 413:
        return new ApiProblem('BODY_TOO_LARGE', { limitBytes: c.var.deps.config.bodyLimitBytes });
      case 415:
        return new ApiProblem('UNSUPPORTED_MEDIA_TYPE', {});
    }
  }
  return new ApiProblem('INTERNAL_ERROR', {});
}
