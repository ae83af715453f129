import { describe, expect, it } from 'vitest';
import { createEvaluationCache } from '../../../src/api/evaluation/evaluation-cache.js';

/** A stand-in result of a given size as JSON text (the cache only stores and weighs it). */
const result = (chars: number) => JSON.stringify({ pad: 'x'.repeat(chars - 10) });

describe('the evaluation cache', () => {
  it('drops the least recently used entry beyond its entry limit', () => {
    const cache = createEvaluationCache({ maxEntries: 2, maxJsonChars: 1e6 });
    cache.set('a', result(100));
    cache.set('b', result(100));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', result(100));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(2);
  });

  it('keeps the total size under its bound, and never keeps a result larger than the bound', () => {
    const cache = createEvaluationCache({ maxEntries: 100, maxJsonChars: 1_000 });
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, result(300));
    expect(cache.size).toBe(3);
    expect(cache.weight).toBe(900);
    expect(cache.get('a')).toBeUndefined();
    cache.set('huge', result(5_000));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(3);
    cache.set('b', result(300));
    expect(cache.weight).toBe(900);
  });

  it('keeps nothing when it may keep no entries', () => {
    const cache = createEvaluationCache({ maxEntries: 0, maxJsonChars: 1e6 });
    cache.set('a', result(100));
    expect(cache.get('a')).toBeUndefined();
  });
});
