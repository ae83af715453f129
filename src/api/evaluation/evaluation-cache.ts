/** Evaluation results as JSON text by key (content hash + as-of date + engine version), least recently used dropped first. */
export interface EvaluationCache {
  get(key: string): string | undefined;
  set(key: string, json: string): void;
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
  const entries = new Map<string, string>();
  let weight = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return;
    entries.delete(key);
    weight -= entry.length;
  };
  return {
    get(key) {
      const hit = entries.get(key);
      if (hit === undefined) return undefined;
      entries.delete(key);
      entries.set(key, hit);
      return hit;
    },
    set(key, json) {
      if (maxEntries <= 0 || json.length > maxJsonChars) return;
      remove(key);
      entries.set(key, json);
      weight += json.length;
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
