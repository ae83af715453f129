import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../src/finance/decimal.js';
import { FloatDecimal, compareFloats } from '../../src/finance/float-decimal.js';

const f = (value: number | string) => new FloatDecimal(value);

describe('FloatDecimal (the simulation’s float64 stand-in for D)', () => {
  it('computes like decimal.js on float64', () => {
    expect(f('0.1').plus('0.2').toNumber()).toBeCloseTo(0.3, 15);
    expect(f(10).minus(f(4)).times(3).div(4).toNumber()).toBe(4.5);
    expect(f(2).pow(10).toNumber()).toBe(1024);
    expect(f(9).sqrt().toNumber()).toBe(3);
    expect(f(1).exp().ln().toNumber()).toBeCloseTo(1, 15);
    expect(FloatDecimal.exp(0).toNumber()).toBe(1);
    expect(f(-2.5).abs().toNumber()).toBe(2.5);
    expect(f(2.5).neg().toNumber()).toBe(-2.5);
    expect(FloatDecimal.min(3, f(1), '2').toNumber()).toBe(1);
    expect(FloatDecimal.max(3, f(1), '2').toNumber()).toBe(3);
    expect([f(-1.5).floor().toNumber(), f(-1.5).ceil().toNumber(), f(-1.5).trunc().toNumber()]).toEqual([-2, -1, -1]);
  });

  it('rounds to decimal places under decimal.js rounding modes, half-even by default', () => {
    for (const [value, dp, expected] of [
      ['2.5', 0, '2'],
      ['3.5', 0, '4'],
      ['-2.5', 0, '-2'],
      ['1.005', 2, '1'], // 1.005 is 1.00499999999999989… in float64
      ['123.455', 2, '123.46'],
      ['0.125', 2, '0.12'],
      ['0.135', 2, '0.14'],
    ] as const) {
      expect(f(value).toDecimalPlaces(dp).toString(), `${value} to ${dp} dp`).toBe(expected);
    }
    expect(f('1.239').toDecimalPlaces(2, D.ROUND_DOWN).toString()).toBe('1.23');
    expect(f('-1.239').toDecimalPlaces(2, D.ROUND_DOWN).toString()).toBe('-1.23');
    expect(f('1.231').toDecimalPlaces(2, D.ROUND_UP).toString()).toBe('1.24');
    expect(f('-1.231').toDecimalPlaces(2, D.ROUND_FLOOR).toString()).toBe('-1.24');
    expect(f('1.231').toDecimalPlaces(2, D.ROUND_CEIL).toString()).toBe('1.24');
    expect(f('1.225').toDecimalPlaces(2, D.ROUND_HALF_UP).toString()).toBe('1.23');
    expect(f(2.5).round().toNumber()).toBe(2);
    expect(f('1234.5').toFixed(2)).toBe('1234.50');
    expect(f('0.125').toFixed(2)).toBe('0.12');
  });

  it('writes plain decimals, never exponents, and counts decimal places as decimal.js does', () => {
    expect(f(1e-8).toString()).toBe('0.00000001');
    expect(f(1.5e21).toString()).toBe('1500000000000000000000');
    expect(f('12.340').decimalPlaces()).toBe(2);
    expect(f('1e-7').decimalPlaces()).toBe(7);
    expect(f(100).decimalPlaces()).toBe(0);
  });

  it('compares within float64 noise: a hundredth of a 分 absolute plus 1e-12 relative', () => {
    // A funding gap that is zero in decimals comes out as noise on float64.
    const gap = f(123_456_789.12).minus(f(100_000_000.1)).minus(f(23_456_789.02));
    expect(gap.toNumber()).not.toBe(0);
    expect(gap.isZero()).toBe(true);
    expect(gap.isNegative()).toBe(false);
    expect(gap.isPositive()).toBe(true);
    expect(f('0.00011').isZero()).toBe(false);
    expect(f('0.00009').isZero()).toBe(true);
    expect(f('-0.00011').isNegative()).toBe(true);
    expect(f(1e12).eq(1e12 + 0.5)).toBe(true); // 5e-13 relative
    expect(f(1e12).lt(1e12 + 10)).toBe(true);
    expect(f(1).gt('0.999')).toBe(true);
    expect(f(1).gte('1.0000000001')).toBe(true);
    expect(f(1).lte('0.9999999999')).toBe(true);
    expect([compareFloats(1, 2), compareFloats(2, 1), compareFloats(1, 1 + 1e-9), compareFloats(NaN, 1)]).toEqual([-1, 1, 0, NaN]);
    expect(compareFloats(Infinity, Infinity)).toBe(0);
  });

  it('does not round up or down on float64 noise', () => {
    expect(f('0.07').toDecimalPlaces(2, D.ROUND_UP).toString()).toBe('0.07'); // 0.07 × 100 = 7.000000000000001
    expect(f('0.29').toDecimalPlaces(2, D.ROUND_DOWN).toString()).toBe('0.29'); // 0.29 × 100 = 28.999999999999996
    expect(f(0.1).plus(0.2).times(10).ceil().toNumber()).toBe(3);
    expect(f(0.7).plus(0.1).times(10).floor().toNumber()).toBe(8); // 7.999999999999999
    expect(f('2.5e-10').toDecimalPlaces(2, D.ROUND_UP).toString()).toBe('0.01'); // not noise: a real, tiny amount
  });

  it('writes big amounts and exponents as decimal.js does', () => {
    expect(f(1.5e21).toFixed(2)).toBe('1500000000000000000000.00');
    expect(f(1234567).toExponential(3)).toBe('1.235e+6');
  });

  it('agrees with decimal.js on sums, differences and comparisons of 分 amounts up to 1e10 元', () => {
    const fen = fc.integer({ min: -1e12, max: 1e12 });
    fc.assert(
      fc.property(fen, fen, fen, (a, b, c) => {
        const [x, y, z] = [new D(a).div(100), new D(b).div(100), new D(c).div(100)];
        const [p, q, r] = [f(a / 100), f(b / 100), f(c / 100)];
        expect(p.plus(q).minus(r).toFixed(2)).toBe(x.plus(y).minus(z).toFixed(2));
        expect(p.comparedTo(q)).toBe(x.comparedTo(y));
        expect(p.plus(q).minus(r).minus(p).minus(q).plus(r).isZero()).toBe(true);
      }),
    );
  });

  it('calls a quotient whole when it is within a thousandth of a whole number (a sum of 分 over 0.01)', () => {
    expect(f(0.1).plus(0.2).div(0.01).isInteger()).toBe(true); // 30.000000000000004
    expect(f('100.5').isInteger()).toBe(false);
    expect(f(Infinity).isInteger()).toBe(false);
  });

  it('is recognised where the engine accepts decimals', () => {
    expect(FloatDecimal.isDecimal(f(1))).toBe(true);
    expect(FloatDecimal.isDecimal(new D(1))).toBe(true);
    expect(FloatDecimal.isDecimal(1)).toBe(false);
    expect(f(new D('1.25') as unknown as string).toNumber()).toBe(1.25);
  });
});
