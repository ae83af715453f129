import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { ENGINE_VERSION } from '../../engine/evaluate-deal.js';
import type { AppDeps } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { JobFailure } from './evaluate-input.js';

export interface EvaluatedResult {
  /** The evaluation as JSON text (the wire form of to-wire.ts), as cached and as sent. */
  json: string;
  cached: boolean;
}

/**
 * Validate a deal on the evaluator (a worker thread in the server) or answer 422 with every problem by
 * path: nothing a client sends is parsed past the JSON on the request thread. With `overrides`, they
 * are applied to `input` (a stored revision) first, and problems are the scenario's.
 */
export async function validateDealOrThrow(deps: AppDeps, input: unknown, overrides?: unknown): Promise<Deal> {
  const outcome = await deps.evaluator.validate(overrides === undefined ? { input } : { input, overrides });
  if (!outcome.ok) {
    throw new ApiProblem('VALIDATION_FAILED', { subject: overrides === undefined ? 'deal' : 'overrides', count: outcome.problems.length }, { errors: outcome.problems });
  }
  return outcome.deal;
}

/** Parse a deal or answer 422 with every problem by path. */
export function parseDealOrThrow(input: unknown, subject: 'deal' | 'overrides' = 'deal'): Deal {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new ApiProblem('VALIDATION_FAILED', { subject, count: parsed.problems.length }, { errors: parsed.problems });
  return parsed.deal;
}

/**
 * Evaluate a deal given as JSON (a body, a stored revision, a merged scenario), or take the result from
 * the cache. `contentKey` identifies the content (a revision's content hash, or the hash of a request
 * body). On a miss the evaluator parses, evaluates and serialises, on a worker thread in the server.
 */
export async function evaluateWithCache(deps: AppDeps, contentKey: string, asOf: string, input: unknown): Promise<EvaluatedResult> {
  const key = `${ENGINE_VERSION}:${asOf}:${contentKey}`;
  const hit = deps.evaluationCache.get(key);
  if (hit !== undefined) return { json: hit, cached: true };
  const outcome = await deps.evaluator.evaluate({ input, asOf });
  if (!outcome.ok) throwJobFailure(outcome);
  deps.evaluationCache.set(key, outcome.json);
  return { json: outcome.json, cached: false };
}

/** A job's failure as the HTTP answer: 422 with every problem, an invalid deal or one the engine refused. */
export function throwJobFailure(failure: JobFailure): never {
  if (failure.code === 'VALIDATION_FAILED') throw new ApiProblem('VALIDATION_FAILED', { subject: 'deal', count: failure.problems.length }, { errors: failure.problems });
  throw new ApiProblem('EVALUATION_FAILED', { count: failure.problems.length }, { errors: failure.problems });
}

/** The cache key of a body as sent: equal bytes, equal deal. */
export function hashBodyText(text: string): string {
  return `body:${createHash('sha256').update(text).digest('hex')}`;
}

/**
 * Answer 200 with an evaluation's JSON text, marking whether it came from the cache, and with a
 * `source` member appended when the result is of a stored deal (the text is one JSON object).
 */
export function respondWithEvaluation(c: Context, { json, cached }: EvaluatedResult, source?: Record<string, unknown>): Response {
  c.header('Evaluation-Cache', cached ? 'hit' : 'miss');
  if (source !== undefined && !json.endsWith('}')) throw new Error('an evaluation result is not a JSON object');
  const body = source === undefined ? json : `${json.slice(0, -1)},"source":${JSON.stringify(source)}}`;
  return c.body(body, 200, { 'Content-Type': 'application/json' });
}
