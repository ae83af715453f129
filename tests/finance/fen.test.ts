import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, roundToFen } from '../../src/finance/decimal.js';
import { formatFen, parseFen, toFen } from '../../src/finance/fen.js';

/** The 分 as roundToFen and toFixed say them: the reference toFen must equal. */
const referenceFen = (value: D) => BigInt(roundToFen(value).times(100).toFixed(0));

describe('toFen', () => {
  it('rounds half-even to the 分, hand-worked', () => {
    // 0.005 is exactly half a 分 above 0.00 (even): 0. 0.015 is half between 0.01 and 0.02: the even 2.
    expect(toFen(new D('0.005'))).toBe(0n);
    expect(toFen(new D('0.015'))).toBe(2n);
    expect(toFen(new D('-0.015'))).toBe(-2n);
    expect(toFen(new D('0.025'))).toBe(2n);
    // Anything above one half goes up, anything below down.
    expect(toFen(new D('0.0050000000001'))).toBe(1n);
    expect(toFen(new D('0.0049999999999'))).toBe(0n);
    // 12,345,678.125: the digits are three groups (1 | 2345678 | 1250000), the 分 end inside the third; half, 12 even: .12.
    expect(toFen(new D('12345678.125'))).toBe(1234567812n);
    expect(toFen(new D('12345678.135'))).toBe(1234567814n);
    // The 分 end exactly at a group's end (e + 3 = 8 = 1 + 7 digits): 12,345.6789 → the rest 89 rounds up.
    expect(toFen(new D('123456.789'))).toBe(12345679n);
    // Below 0.001 is under half a 分; zero and −0 are 0.
    expect(toFen(new D('0.0009'))).toBe(0n);
    expect(toFen(new D('-0'))).toBe(0n);
    expect(toFen(new D(0))).toBe(0n);
    // An amount whose 分 need more than 15 digits (the text path): 10^20 元 = 10^22 分; 12345678901234567.895 → …90 (half, 89 odd: up).
    expect(toFen(new D('1e20'))).toBe(10n ** 22n);
    expect(toFen(new D('12345678901234567.895'))).toBe(1234567890123456790n);
    expect(toFen(new D('-12345678901234567.885'))).toBe(-1234567890123456788n);
  });

  it('equals roundToFen for any amount (integer part to 10^20, up to 30 places, either sign)', () => {
    const digits = (max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.boolean(), digits(21), digits(30), (negative, whole, places) => {
        const value = new D(`${negative ? '-' : ''}${whole || '0'}${places ? `.${places}` : ''}`);
        expect(toFen(value)).toBe(referenceFen(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('equals roundToFen on results of arithmetic (quotients with 34 significant digits)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (a, b) => {
        const value = new D(a).dividedBy(b);
        expect(toFen(value)).toBe(referenceFen(value));
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a value that is not a finite amount', () => {
    expect(() => toFen(new D(NaN))).toThrow(RangeError);
    expect(() => toFen(new D(Infinity))).toThrow(RangeError);
  });
});

describe('formatFen and parseFen', () => {
  it('write whole 分 as toFixed(2) writes the amount, and read it back', () => {
    expect(formatFen(0n)).toBe('0.00');
    expect(formatFen(5n)).toBe('0.05');
    expect(formatFen(-5n)).toBe('-0.05');
    expect(formatFen(123405n)).toBe('1234.05');
    expect(formatFen(-(10n ** 22n))).toBe('-100000000000000000000.00');
    expect(parseFen('1234.05')).toBe(123405n);
    expect(parseFen('-0.5')).toBe(-50n);
    expect(parseFen('7')).toBe(700n);
    // More than two places: rounded half-even as toFen rounds.
    expect(parseFen('0.125')).toBe(12n);
  });

  it('round-trip: formatFen(toFen(x)) is roundToFen(x).toFixed(2), and parseFen reads it back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 999 }), (fen, thousandths) => {
        const value = new D(fen.toString()).dividedBy(100).plus(new D(thousandths).dividedBy(100_000));
        const written = formatFen(toFen(value));
        expect(written).toBe(roundToFen(value).toFixed(2));
        expect(parseFen(written)).toBe(toFen(value));
      }),
      { numRuns: 2000 },
    );
  });
});
