import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { D, FinanceError, npv, pmt } from '../../src/finance/index.js';
import { toDayNumber } from '../../src/finance/dates.js';
import { convertDecimalToFloat, toDecimal, toFloat } from '../../src/finance/to-decimal.js';
import { expectFinanceError } from './helpers.js';

describe('FinanceError', () => {
  it('is an Error with a code and a message that names the function and the reason', () => {
    const error = expectFinanceError(() => npv(-1, [1]), 'NO_SOLUTION');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(FinanceError);
    expect(error.message).toMatch(/^npv: /);
  });
});

describe('input coercion', () => {
  it('accepts finite numbers, decimal strings (trimmed, with exponents) and D', () => {
    expect(toDecimal(' -1.5e3 ', 'f', 'x').toString()).toBe('-1500');
    expect(toDecimal(0.1, 'f', 'x').toString()).toBe('0.1'); // the shortest decimal of the double
    expect(toDecimal(new D('2.5'), 'f', 'x').toString()).toBe('2.5');
    expect(toFloat('12.25', 'f', 'x')).toBe(12.25);
  });

  it('re-creates decimals from another decimal.js constructor under the project configuration', () => {
    const foreign = new Decimal('1.25');
    const value = toDecimal(foreign, 'f', 'x');
    expect(value).toBeInstanceOf(D);
    expect(value.toString()).toBe('1.25');
    expect(pmt(0, 2, foreign).toNumber()).toBe(-0.625);
  });

  it('rejects NaN, infinities, empty or non-decimal strings, hex, null, booleans, objects', () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, '', ' ', 'abc', '0x10', '1,5', 'NaN', 'Infinity', null, undefined, true, {}, new D(Number.NaN)]) {
      expectFinanceError(() => toDecimal(bad, 'f', 'x'), 'INVALID_INPUT', /^f: x must be a finite number/);
      expectFinanceError(() => toFloat(bad, 'f', 'x'), 'INVALID_INPUT');
    }
  });

  it('convertDecimalToFloat is exact (= toNumber) for amounts with ≤ 15 significant digits', () => {
    for (const text of ['0', '1', '-7', '11036391.71', '-990164627620.93', '0.000001', '1e22', '123456789012345', '64448493768639e6']) {
      expect(convertDecimalToFloat(new D(text)), text).toBe(new D(text).toNumber());
    }
  });

  it('convertDecimalToFloat stays within a few ulps for 34-digit values and handles extreme exponents', () => {
    const third = new D(10).div(3);
    expect(Math.abs(convertDecimalToFloat(third) - 10 / 3)).toBeLessThanOrEqual(4 * Number.EPSILON * 4);
    expect(convertDecimalToFloat(new D('1e-300'))).toBe(1e-300);
    expect(convertDecimalToFloat(new D('-1.5e300'))).toBe(-1.5e300);
  });
});

describe('dates', () => {
  it('ISO strings, Date (UTC day) and spreadsheet serials map to the same day number', () => {
    const day = toDayNumber('2020-01-01', 'f', 'd');
    expect(day).toBe(18262); // days since 1970-01-01
    expect(toDayNumber(new Date('2020-01-01T23:59:59Z'), 'f', 'd')).toBe(day);
    expect(toDayNumber(43831, 'f', 'd')).toBe(day); // spreadsheet serial of 2020-01-01
    expect(toDayNumber(43831.9, 'f', 'd')).toBe(day); // fractions truncated like the spreadsheets
  });

  it('rejects impossible or malformed dates and negative serials', () => {
    for (const bad of ['2021-02-29', '2021-13-01', '2021-1-1', '20210101', 'yesterday', new Date(Number.NaN), -1, Number.NaN, null, {}]) {
      expectFinanceError(() => toDayNumber(bad, 'f', 'd'), 'INVALID_INPUT');
    }
    expect(toDayNumber('2024-02-29', 'f', 'd')).toBe(toDayNumber('2024-03-01', 'f', 'd') - 1);
  });
});
