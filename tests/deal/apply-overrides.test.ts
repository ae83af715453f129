import { describe, expect, it } from 'vitest';
import { applyMergePatch, applyOverrides, MAX_OVERRIDE_DEPTH } from '../../src/deal/apply-overrides.js';
import { buildDealInput } from '../helpers/build-deal.js';

describe('applyMergePatch (RFC 7396)', () => {
  // The examples of RFC 7396 appendix A.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('patches %j with %j into %j', (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual(expected);
  });

  it('changes neither the target nor the patch', () => {
    const target = { a: { b: 1 } };
    const patch = { a: { c: 2 } };
    applyMergePatch(target, patch);
    expect(target).toEqual({ a: { b: 1 } });
    expect(patch).toEqual({ a: { c: 2 } });
  });

  it('keeps a "__proto__" key as data instead of changing a prototype', () => {
    const merged = applyMergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(merged)).toEqual(['__proto__']);
  });
});

describe('applyOverrides', () => {
  const base = buildDealInput();

  it('gives the base deal with the overrides merged in, parsed', () => {
    const result = applyOverrides(base, { discountRate: '0.08', timeline: { operatingYears: 10 } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.deal.discountRate).toBe('0.08');
    expect(result.deal.timeline.operatingYears).toBe(10);
    expect(result.deal.timeline.startYear).toBe(2026);
    expect(result.deal.capex).toHaveLength(1);
  });

  it('reports a bad override as a problem at its path in the deal', () => {
    const result = applyOverrides(base, { discountRate: 6, timeline: { constructionYears: -1 }, capexx: [] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'capexx UNKNOWN_FIELD',
      'discountRate OUT_OF_RANGE',
      'timeline.constructionYears TOO_SMALL',
    ]);
  });

  it('removes an optional field given as null, and reports a required one removed', () => {
    const removed = applyOverrides({ ...base, nameEn: 'Test' }, { nameEn: null });
    expect(removed.ok && removed.deal.nameEn).toBeUndefined();
    const missing = applyOverrides(base, { place: { city: null } });
    expect(missing.ok ? [] : missing.problems).toEqual([{ code: 'REQUIRED', path: 'place.city', message: 'is required' }]);
  });

  it('refuses overrides that are not an object, or that nest absurdly deep', () => {
    expect(applyOverrides(base, 'cheaper')).toMatchObject({ ok: false, problems: [{ code: 'INVALID_TYPE', path: '' }] });
    // An array is a JSON Patch (json-patch.ts): its elements must be operations.
    expect(applyOverrides(base, [1, 2])).toMatchObject({ ok: false, problems: [{ code: 'INVALID_TYPE', path: 'overrides[0]' }, { code: 'INVALID_TYPE', path: 'overrides[1]' }] });
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { name: deep };
    expect(applyOverrides(base, deep)).toMatchObject({ ok: false, problems: [{ code: 'TOO_DEEP' }] });
    let justDeepEnough: unknown = 'x';
    for (let i = 0; i < MAX_OVERRIDE_DEPTH - 1; i++) justDeepEnough = { a: justDeepEnough };
    expect(() => applyMergePatch({}, justDeepEnough)).not.toThrow();
  });
});
