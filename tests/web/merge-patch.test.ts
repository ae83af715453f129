import { describe, expect, it } from 'vitest';
import { applyMergePatch, diffJson } from '../../web/src/lib/json-diff.js';
import { buildMergePatch, formatPath, parsePath, writeAt } from '../../web/src/lib/merge-patch.js';

const deal = {
  timeline: { startYear: 2027, operatingYears: 25 },
  revenue: [
    { id: 'a', monthlyFee: '150', occupancy: ['0.65', '0.8'] },
    { id: 'b', monthlyFee: '400', occupancy: ['0.5'] },
  ],
  funding: { sources: [{ id: 'grant', amount: '1000' }] },
};

describe('a one-field edit as a JSON merge patch (RFC 7396)', () => {
  it('nests objects down to a field outside arrays', () => {
    expect(buildMergePatch(deal, 'timeline.operatingYears', 20)).toEqual({ timeline: { operatingYears: 20 } });
    expect(buildMergePatch(deal, 'discountRate', '0.08')).toEqual({ discountRate: '0.08' });
  });

  it('sends the whole array when the field is in an array element (a merge patch replaces arrays)', () => {
    const patch = buildMergePatch(deal, 'revenue[0].monthlyFee', '180');
    expect(patch).toEqual({ revenue: [{ id: 'a', monthlyFee: '180', occupancy: ['0.65', '0.8'] }, deal.revenue[1]] });
    expect(buildMergePatch(deal, 'funding.sources[0].amount', '2000')).toEqual({ funding: { sources: [{ id: 'grant', amount: '2000' }] } });
    expect(buildMergePatch(deal, 'revenue[1].occupancy[0]', '0.6')).toEqual({ revenue: [deal.revenue[0], { id: 'b', monthlyFee: '400', occupancy: ['0.6'] }] });
  });

  it('applied to the deal, changes that one field and nothing else', () => {
    for (const [path, value] of [['revenue[0].monthlyFee', '180'], ['timeline.startYear', 2028], ['revenue[1].occupancy[0]', '0.6'], ['funding.sources[0].amount', '1']] as const) {
      const changed = applyMergePatch(deal, buildMergePatch(deal, path, value));
      expect(diffJson(deal, changed)).toEqual([{ path, before: (diffJson(deal, writeAt(deal, parsePath(path), value))[0] as any).before, after: value }]);
    }
    expect(deal.revenue[0]!.monthlyFee).toBe('150'); // the original is untouched
  });

  it('reads and writes the API problem paths', () => {
    expect(parsePath('tables[0].rows.driver')).toEqual(['tables', 0, 'rows', 'driver']);
    expect(formatPath(['revenue', 2, 'occupancy', 1])).toBe('revenue[2].occupancy[1]');
  });
});

describe('the difference of two documents', () => {
  it('lists added, removed and changed leaves by path', () => {
    expect(diffJson({ a: 1, b: [1, 2], c: { d: 'x' } }, { a: 1, b: [1, 3, 4], c: {}, e: null })).toEqual([
      { path: 'b[1]', before: 2, after: 3 },
      { path: 'b[2]', before: undefined, after: 4 },
      { path: 'c.d', before: 'x', after: undefined },
      { path: 'e', before: undefined, after: null },
    ]);
    expect(diffJson(deal, structuredClone(deal))).toEqual([]);
  });

  it('applies a merge patch with null removing a member', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 }, f: [1] })).toEqual({ a: 1, b: { d: 3, e: 4 }, f: [1] });
  });
});
