import type { Context } from 'hono';
import type { Problem } from '../../deal/problem.js';
import type { AppEnv } from '../app-env.js';
import type { BodyOf, BodySchemaName } from '../evaluation/read-request-body.js';
import { isBlank, readJsonBodyBytes, requireJsonMediaType } from '../http/read-json-body.js';
import { ApiProblem } from '../problems/api-problem.js';

/**
 * An analysis body (a decision tool's request, a portfolio), parsed and checked against its schema
 * on the evaluator (a worker thread in the server): the request thread only checks the media type
 * (415) and hands over the bytes. 400 when it does not parse, 422 naming every bad field (the first
 * 100 and their total). An empty body means every default (`{}`).
 */
export async function readAnalysisBody<N extends BodySchemaName>(c: Context<AppEnv>, schema: N): Promise<BodyOf<N>> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (!isBlank(bytes)) requireJsonMediaType(c);
  return readBodyOnEvaluator(c, { bytes, schema, emptyMeans: {} });
}

/**
 * A body that must be there (a scenario's): 415 unless JSON, 400 when empty, then parsed and checked as
 * readAnalysisBody does. `asBytes`: top-level fields that come back as their JSON text in UTF-8 bytes
 * (read-request-body.ts), for a caller that hands them on to a worker rather than reading them itself.
 */
export async function readRequiredBody<N extends BodySchemaName>(c: Context<AppEnv>, schema: N, asBytes?: readonly string[]): Promise<BodyOf<N>> {
  return readBodyOnEvaluator(c, { bytes: await readJsonBodyBytes(c), schema, ...(asBytes ? { asBytes } : {}) });
}

async function readBodyOnEvaluator<N extends BodySchemaName>(c: Context<AppEnv>, job: { bytes: Uint8Array; schema: N; emptyMeans?: unknown; asBytes?: readonly string[] }): Promise<BodyOf<N>> {
  const outcome = await c.var.deps.evaluator.readBody(job);
  if (outcome.ok) return outcome.value as BodyOf<N>;
  if (outcome.code === 'MALFORMED_JSON') throw new ApiProblem('MALFORMED_JSON', { reason: outcome.problems[0]?.message });
  throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: outcome.total }, { errors: outcome.problems, total: outcome.total });
}

/** Problems an analysis found with the request (an unknown stream, bounds the wrong way round): 422. */
export function rejectAnalysisProblems(problems: Problem[]): never {
  throw new ApiProblem('VALIDATION_FAILED', { subject: 'body', count: problems.length }, { errors: problems });
}
