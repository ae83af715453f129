import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildHistogram } from '../../../src/analysis/simulation/histogram.js';

describe('buildHistogram (methodology §8.6)', () => {
  it('bins nine values by hand: k = ⌈√9⌉ = 3 bins of width (9 − 0) / 3 = 3', () => {
    // [0, 3): 0, 1, 2 · [3, 6): 3, 4, 5 · [6, 9]: 6, 8, 9 (the maximum in the last bin).
    expect(buildHistogram([0, 1, 2, 3, 4, 5, 6, 8, 9])).toEqual({ edges: [0, 3, 6, 9], counts: [3, 3, 3] });
    // Skewed: [0.05, 0.06, 0.06, 0.07, 0.10] → k = ⌈√5⌉ = 3, width 0.05 / 3; 0.07 − 0.05 = 0.02 → bin 1.
    const skewed = buildHistogram([0.05, 0.06, 0.06, 0.07, 0.1]);
    expect(skewed.counts).toEqual([3, 1, 1]);
    expect(skewed.edges[0]).toBe(0.05);
    expect(skewed.edges[3]).toBe(0.1);
  });

  it('has at most 20 bins, one bin for equal values, none for no values', () => {
    expect(buildHistogram(Array.from({ length: 1000 }, (_, i) => i)).counts).toHaveLength(20);
    expect(buildHistogram([0.07, 0.07, 0.07])).toEqual({ edges: [0.07, 0.07], counts: [3] });
    expect(buildHistogram([])).toEqual({ edges: [], counts: [] });
  });

  it('counts every value once, each inside its bin', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 500 }), (values) => {
        const { edges, counts } = buildHistogram(values);
        expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
        expect(edges).toHaveLength(counts.length + 1);
        // Numerically equal (===): of values 0 and −0 the lowest edge may be either zero (toBe's Object.is tells them apart).
        expect(edges[0] === Math.min(...values)).toBe(true);
        expect(edges[edges.length - 1] === Math.max(...values)).toBe(true);
        for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThanOrEqual(edges[i - 1]!);
      }),
    );
  });
});
