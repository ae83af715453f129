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

  it('ranks the remainders largest first, whatever the parts\' order', () => {
    // 1.00 over [1, 2]: quotas 33.33… and 66.66… 分 → floors 33 + 66, the spare 分 to the larger
    // remainder (0.67), the second part.
    expect(fen(allocateLargestRemainder('1', [1, 2]))).toEqual(['0.33', '0.67']);
    // 0.10 over [3, 3, 1]: quotas 4.29, 4.29, 1.43 分 → floors 4 + 4 + 1, the spare 分 to the last.
    expect(fen(allocateLargestRemainder('0.1', [3, 3, 1]))).toEqual(['0.04', '0.04', '0.02']);
    // 0.05 over [1, 3, 1, 5]: quotas 0.5, 1.5, 0.5, 2.5 分 → floors 0 + 1 + 0 + 2, two spare 分 to
    // the four tied remainders of 0.5 in order: the first and the second.
    expect(fen(allocateLargestRemainder('0.05', [1, 3, 1, 5]))).toEqual(['0.01', '0.02', '0.00', '0.02']);
  });

  it('gives nothing to a zero weight and allocates in any unit', () => {
    // 0.03 over [0, 1, 1]: quotas 0, 1.5, 1.5 → 0, 2, 1.
    expect(fen(allocateLargestRemainder('0.03', [0, 1, 1]))).toEqual(['0.00', '0.02', '0.01']);
    // 1 in millionths over [1, 1, 1]: 333334, 333333, 333333 millionths.
    expect(allocateLargestRemainder('1', [1, 1, 1], '0.000001').map((p) => p.toFixed(6))).toEqual(['0.333334', '0.333333', '0.333333']);
  });

  it('splits a negative total into parts of its sign', () => {
    expect(fen(allocateLargestRemainder('-100', [1, 1, 1]))).toEqual(['-33.34', '-33.33', '-33.33']);
  });

  it('gives a tie to the earliest parts, however many tie', () => {
    // 0.02 over five equal weights: quotas 0.4 分 each, floors 0, two spare 分 to the first two.
    expect(fen(allocateLargestRemainder('0.02', [1, 1, 1, 1, 1]))).toEqual(['0.01', '0.01', '0.00', '0.00', '0.00']);
    // 0.04 over [2, 1, 1, 1, 2, 1]: quotas 1, 0.5, 0.5, 0.5, 1, 0.5 分 → floors 1 + 0 + 0 + 0 + 1 + 0, the two
    // spare 分 to the first two of the four tied halves (parts 2 and 3), none to the whole quotas.
    expect(fen(allocateLargestRemainder('0.04', [2, 1, 1, 1, 2, 1]))).toEqual(['0.01', '0.01', '0.01', '0.00', '0.01', '0.00']);
  });

  it('names itself and the reason when it refuses an argument', () => {
    expect(() => allocateLargestRemainder('1', [1], '0')).toThrow('allocateLargestRemainder: the unit must be positive');
    expect(() => allocateLargestRemainder('1', [1], '-0.01')).toThrow('allocateLargestRemainder: the unit must be positive');
    expect(() => allocateLargestRemainder(Infinity, [1])).toThrow('allocateLargestRemainder: the total must be a finite number');
    expect(() => allocateLargestRemainder(NaN, [1])).toThrow('allocateLargestRemainder: the total must be a finite number');
    expect(() => allocateLargestRemainder('1', [])).toThrow('allocateLargestRemainder: there must be at least one weight');
    expect(() => allocateLargestRemainder('1', [1, Infinity])).toThrow('allocateLargestRemainder: weights must be finite and non-negative');
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
