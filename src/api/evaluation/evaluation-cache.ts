import type { WireEvaluation } from '../../engine/to-wire.js';

/** Evaluation results by key (content hash + as-of date + engine version), least recently used dropped first. */
export interface EvaluationCache {
  get(key: string): WireEvaluation | undefined;
  set(key: string, result: WireEvaluation): void;
  readonly size: number;
}

/**
 * An in-memory LRU cache. The engine is pure, so the same content evaluated as of the same date by
 * the same engine gives the same result; a Map keeps insertion order, so re-inserting on every hit
 * makes its first key the least recently used.
 */
export function createEvaluationCache(maxEntries: number): EvaluationCache {
  const entries = new Map<string, WireEvaluation>();
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit !== undefined) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    set(key, result) {
      if (maxEntries <= 0) return;
      entries.delete(key);
      entries.set(key, result);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
}
