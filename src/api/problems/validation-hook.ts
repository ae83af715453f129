import type { Context } from 'hono';
import type { z } from 'zod';
import { convertZodIssues } from '../../deal/zod-problems.js';
import { ApiProblem } from './api-problem.js';

type Target = 'json' | 'query' | 'param' | 'header' | 'cookie' | 'form';

function readValueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Problems of a request part that failed its zod schema: every issue, by path. zod reports a missing
 * field as a wrong type unless it saw the input, so the input at each path is looked up here to tell
 * REQUIRED from INVALID_TYPE.
 */
export function convertRequestIssues(issues: readonly z.core.$ZodIssue[], data: unknown) {
  return convertZodIssues(
    issues.map((issue) => (issue.code === 'invalid_type' && issue.input === undefined ? { ...issue, input: readValueAt(data, issue.path) } : issue)),
  );
}

/** The default hook of every route: a body that fails its schema is 422, anything else 400. */
export function rejectInvalidRequest(
  result: { success: true } | { success: false; error: z.ZodError; target: Target; data?: unknown },
  _c: Context,
): void {
  if (result.success) return;
  const errors = convertRequestIssues(result.error.issues, result.data);
  if (result.target === 'json' || result.target === 'form') throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: errors.length }, { errors });
  const where = result.target === 'param' ? 'path' : result.target === 'query' ? 'query' : 'header';
  throw new ApiProblem('INVALID_REQUEST', { where, count: errors.length }, { errors });
}
