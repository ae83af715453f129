import { describe, expect, it } from 'vitest';
import { D, npv, xnpv } from '../../src/finance/index.js';
import { expectClose, expectFinanceError } from './helpers.js';

describe('npv (spreadsheet convention: the first value is discounted one period)', () => {
  it('NPV(10%, [-1000, 600, 600]) = -1000/1.1 + 600/1.21 + 600/1.331 = 37.565740045078888…', () => {
    const value = npv(0.1, [-1000, 600, 600]);
    // exact: 37.5657400450788880540946656649135987979… (45-digit reference)
    expect(value.minus('37.5657400450788880540946656649135987979').abs().lt('1e-28')).toBe(true);
  });

  it('the Excel example: NPV(10%, [-10000, 3000, 4200, 6800]) = 1188.44', () => {
    expectClose(npv(0.1, [-10000, 3000, 4200, 6800]), 1188.4434123352207, 1e-9);
  });

  it('rate 0 is the plain sum, exactly in decimal (0.1 + 0.2 = 0.3)', () => {
    expect(npv(0, ['0.1', '0.2']).toString()).toBe('0.3');
    expect(npv(0, [-40000, 5000, 8000, 12000, 30000]).toNumber()).toBe(15000);
  });

  it('a single value is discounted one period: NPV(10%, [-75000]) = -68181.8181…', () => {
    expectClose(npv(0.1, [-75000]), -68181.81818181818, 1e-9);
  });

  it('rates below -1 are accepted (spreadsheets accept them): NPV(-2, [-100, 10, 10, 100]) = 200', () => {
    // 1 + r = −1: −100/(−1) + 10/1 + 10/(−1) + 100/1 = 100 + 10 − 10 + 100 = 200
    expect(npv(-2, [-100, 10, 10, 100]).toNumber()).toBe(200);
  });

  it('returns a D and accepts D/strings', () => {
    const value = npv(new D('0.05'), ['100', new D(100)]);
    expect(D.isDecimal(value)).toBe(true);
    expectClose(value, 100 / 1.05 + 100 / 1.05 ** 2, 1e-12);
  });

  it('rate -1 divides by zero → NO_SOLUTION; malformed inputs → INVALID_INPUT', () => {
    expectFinanceError(() => npv(-1, [1, 2]), 'NO_SOLUTION', /-1/);
    expectFinanceError(() => npv(0.1, []), 'INVALID_INPUT', /empty/);
    expectFinanceError(() => npv('ten percent', [1]), 'INVALID_INPUT', /rate/);
    expectFinanceError(() => npv(Number.NaN, [1]), 'INVALID_INPUT');
    expectFinanceError(() => npv(0.1, [1, null as unknown as number]), 'INVALID_INPUT', /values\[1\]/);
  });
});

describe('xnpv (ACT/365, the first listed date is the origin)', () => {
  it('one 366-day (leap) year: -1000 + 1100/1.1^(366/365) = -0.26108969043879396…', () => {
    const value = xnpv(0.1, [-1000, 1100], ['2020-01-01', '2021-01-01']);
    expect(value.minus('-0.2610896904387939636908198285869709876').abs().lt('1e-25')).toBe(true);
  });

  it('one 365-day year discounts by exactly one period', () => {
    expect(xnpv(0.1, [-1000, 1100], ['2021-01-01', '2022-01-01']).abs().lt('1e-25')).toBe(true);
  });

  it('origin is the first listed date, not the earliest: a date before it gets a negative exponent', () => {
    // 100 at the origin 2021-01-01, −50 dated 366 days earlier: 100 − 50·1.1^(366/365) = 44.985636316816…
    const value = xnpv(0.1, [100, -50], ['2021-01-01', '2020-01-01']);
    expect(value.minus('44.98563631681627033110723250620383').abs().lt('1e-25')).toBe(true);
  });

  it('the Excel documentation example is 2086.6476', () => {
    const dates = ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'];
    expectClose(xnpv(0.09, [-10000, 2750, 4250, 3250, 2750], dates), 2086.6476020315354, 1e-9);
  });

  it('accepts Date objects and spreadsheet serial numbers (fractions truncated)', () => {
    const iso = xnpv(0.1, [-1000, 1100], ['2020-01-01', '2021-01-01']);
    expect(xnpv(0.1, [-1000, 1100], [new Date('2020-01-01'), new Date('2021-01-01')]).eq(iso)).toBe(true);
    expect(xnpv(0.1, [-1000, 1100], [43831, 44197.75]).eq(iso)).toBe(true);
  });

  it('rate ≤ -1 → NO_SOLUTION; bad arrays and dates → INVALID_INPUT', () => {
    expectFinanceError(() => xnpv(-1, [1, 2], ['2021-01-01', '2022-01-01']), 'NO_SOLUTION');
    expectFinanceError(() => xnpv(-1.5, [1, 2], ['2021-01-01', '2022-01-01']), 'NO_SOLUTION');
    expectFinanceError(() => xnpv(0.1, [1, 2], ['2021-01-01']), 'INVALID_INPUT', /same length/);
    expectFinanceError(() => xnpv(0.1, [], []), 'INVALID_INPUT');
    expectFinanceError(() => xnpv(0.1, [1, 2], ['2021-01-01', '2021-13-01']), 'INVALID_INPUT');
    expectFinanceError(() => xnpv(0.1, [1, 2], [1, -1]), 'INVALID_INPUT');
  });
});
