import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateLargestRemainder } from '../../src/finance/allocate-largest-remainder.js';
import { D } from '../../src/finance/decimal.js';

const fen = (parts: D[]) => parts.map((p) => p.toFixed(2));

describe('allocateLargestRemainder', () => {
  it('gives the spare 分 to the largest remainders, ties to the earlier part', () => {
    expect(fen(allocateLargestRemainder('100', [1, 1, 1]))).toEqual(['33.34', '33.33', '33.33']);
    expect(fen(allocateLargestRemainder('0.05', [1, 1]))).toEqual(['0.03', '0.02']);
    expect(fen(allocateLargestRemainder('10', ['0.333', '0.667']))).toEqual(['3.33', '6.67']);
  });

  it('splits a negative total into parts of its sign', () => {
    expect(fen(allocateLargestRemainder('-100', [1, 1, 1]))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('refuses a total that is not whole 分 and weights that cannot split it', () => {
    expect(() => allocateLargestRemainder('1.005', [1])).toThrow(/not a whole number/);
    expect(() => allocateLargestRemainder('1', [0, 0])).toThrow(/must not all be zero/);
    expect(() => allocateLargestRemainder('1', [1, -1])).toThrow(/non-negative/);
  });

  it('always adds up to the total exactly, each part within one 分 of its exact quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 }), (cents, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const total = new D(cents).div(100);
        const parts = allocateLargestRemainder(total, weights);
        expect(parts.reduce((s, p) => s.plus(p), new D(0)).eq(total)).toBe(true);
        const sum = weights.reduce((s, w) => s + w, 0);
        parts.forEach((p, i) => expect(p.minus(total.times(weights[i]!).div(sum)).abs().lt('0.01')).toBe(true));
      }),
    );
  });
});
