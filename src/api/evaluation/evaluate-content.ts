import { createHash } from 'node:crypto';
import type { Deal } from '../../deal/deal-schema.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { ENGINE_VERSION, evaluateDeal } from '../../engine/evaluate-deal.js';
import { serializeEvaluation, type WireEvaluation } from '../../engine/to-wire.js';
import type { AppDeps } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

export interface EvaluatedResult {
  result: WireEvaluation;
  cached: boolean;
}

/** Parse a deal or answer 422 with every problem by path. */
export function parseDealOrThrow(input: unknown, subject: 'deal' | 'overrides' = 'deal'): Deal {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new ApiProblem('VALIDATION_FAILED', { subject, count: parsed.problems.length }, { errors: parsed.problems });
  return parsed.deal;
}

/**
 * Evaluate a deal, or take the result from the cache. `contentKey` identifies the content (a
 * revision's content hash, or the hash of a request body); `readDeal` is called only on a miss.
 */
export function evaluateWithCache(deps: AppDeps, contentKey: string, asOf: string, readDeal: () => Deal): EvaluatedResult {
  const key = `${ENGINE_VERSION}:${asOf}:${contentKey}`;
  const hit = deps.evaluationCache.get(key);
  if (hit) return { result: hit, cached: true };
  const outcome = evaluateDeal(readDeal(), { asOf });
  if (!outcome.ok) throw new ApiProblem('EVALUATION_FAILED', { count: outcome.problems.length }, { errors: outcome.problems });
  const result = serializeEvaluation(outcome);
  deps.evaluationCache.set(key, result);
  return { result, cached: false };
}

/** The cache key of a body as sent: equal bytes, equal deal. */
export function hashBodyText(text: string): string {
  return `body:${createHash('sha256').update(text).digest('hex')}`;
}
