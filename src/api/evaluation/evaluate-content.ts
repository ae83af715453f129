import type { Context } from 'hono';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { ENGINE_VERSION } from '../../engine/evaluate-deal.js';
import type { AppDeps } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';
import type { JobFailure, JobInput, ValidationJob, ValidationJobOutcome } from './evaluate-input.js';

export interface EvaluatedResult {
  /** The evaluation as JSON text (the wire form of to-wire.ts), as cached and as sent. */
  json: string;
  cached: boolean;
}

/**
 * Validate a deal on the evaluator (a worker thread in the server) or answer 422 with every problem by
 * path (400 when a body's bytes are not JSON): nothing a client sends is parsed on the request thread.
 * With `overrides`, they are applied to `input` (a stored revision) first, and problems are the scenario's.
 */
export async function validateDealOrThrow(deps: AppDeps, input: JobInput, overrides?: JobInput): Promise<Deal> {
  const outcome = await validateOrThrow(deps, overrides === undefined ? { input } : { input, overrides });
  if (!('deal' in outcome)) throw new Error('a template request where a deal was expected');
  return outcome.deal;
}

/** Run a validation job; its failure as the HTTP answer (throwJobFailure), its success as it came back. */
export async function validateOrThrow(deps: AppDeps, job: ValidationJob): Promise<ValidationJobOutcome & { ok: true }> {
  const outcome = await deps.evaluator.validate(job);
  if (!outcome.ok) throwJobFailure(outcome, job.overrides === undefined ? 'deal' : 'overrides');
  return outcome;
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

/** A job's failure as the HTTP answer: 400 for a body that is not JSON, else 422 with every problem (the first MAX_LISTED_PROBLEMS and the total), an invalid deal or one the engine refused. */
export function throwJobFailure(failure: JobFailure, subject: 'deal' | 'overrides' = 'deal'): never {
  const total = failure.total ?? failure.problems.length;
  if (failure.code === 'MALFORMED_JSON') throw new ApiProblem('MALFORMED_JSON', { reason: failure.problems[0]?.message });
  if (failure.code === 'VALIDATION_FAILED') throw new ApiProblem('VALIDATION_FAILED', { subject, count: total }, { errors: failure.problems, total });
  throw new ApiProblem('EVALUATION_FAILED', { count: total }, { errors: failure.problems, total });
}

/** The cache key of a body as sent: equal bytes, equal deal. */
export function hashBodyText(text: string): Promise<string> {
  return hashBodyBytes(new TextEncoder().encode(text));
}

/** The same for the bytes of a body; SHA-256 by WebCrypto, which hashes on libuv's thread pool, not the event loop. */
export async function hashBodyBytes(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return `body:${Buffer.from(digest).toString('hex')}`;
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
