import type { Context } from 'hono';
import type { z } from 'zod';
import type { Problem } from '../../deal/problem.js';
import { convertZodIssues } from '../../deal/zod-problems.js';
import { readJsonBody } from '../http/read-json-body.js';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * An analysis body checked against its schema: 415/400 as for any JSON body, 422 naming every bad
 * field. An empty body means every default (`{}`).
 */
export async function readAnalysisBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const raw = (await c.req.text()).trim() === '' ? { value: {} } : await readJsonBody(c);
  const parsed = schema.safeParse(raw.value, { reportInput: true });
  if (!parsed.success) {
    const errors = convertZodIssues(parsed.error.issues);
    throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: errors.length }, { errors });
  }
  return parsed.data;
}

/** Problems an analysis found with the request (an unknown stream, bounds the wrong way round): 422. */
export function rejectAnalysisProblems(problems: Problem[]): never {
  throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: problems.length }, { errors: problems });
}
