import type { WireEvaluation } from '../../engine/to-wire.js';

/** Evaluation results by key (content hash + as-of date + engine version), least recently used dropped first. */
export interface EvaluationCache {
  get(key: string): WireEvaluation | undefined;
  set(key: string, result: WireEvaluation): void;
  readonly size: number;
  /** Sum of the results' sizes as JSON, in characters. */
  readonly weight: number;
}

export interface EvaluationCacheLimits {
  maxEntries: number;
  /** Bound on the results' total size as JSON: a few large deals must not fill the memory. */
  maxJsonChars: number;
}

/**
 * An in-memory LRU cache. The engine is pure, so the same content evaluated as of the same date by
 * the same engine gives the same result; a Map keeps insertion order, so re-inserting on every hit
 * makes its first key the least recently used.
 */
export function createEvaluationCache({ maxEntries, maxJsonChars }: EvaluationCacheLimits): EvaluationCache {
  const entries = new Map<string, { result: WireEvaluation; weight: number }>();
  let weight = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    weight -= entry.weight;
  };
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit.result;
    },
    set(key, result) {
      if (maxEntries <= 0) return;
      const entryWeight = JSON.stringify(result).length;
      if (entryWeight > maxJsonChars) return;
      remove(key);
      entries.set(key, { result, weight: entryWeight });
      weight += entryWeight;
      while (entries.size > maxEntries || weight > maxJsonChars) remove(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
    get weight() {
      return weight;
    },
  };
}
