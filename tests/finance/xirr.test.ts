import { describe, expect, it } from 'vitest';
import { solveXirr, xirr, xnpv } from '../../src/finance/index.js';
import { expectClose, expectFinanceError } from './helpers.js';

describe('xirr', () => {
  it('two dates one 365-day year apart: -1000 → 1100 is 10% (closed form)', () => {
    expectClose(xirr([-1000, 1100], ['2021-01-01', '2022-01-01']), 0.1, 1e-15);
    expect(solveXirr([-1000, 1100], ['2021-01-01', '2022-01-01']).method).toBe('closed-form');
  });

  it('ACT/365: a leap year counts 366/365 years', () => {
    // 2020-01-01 → 2021-01-01 is 366 days: 1.1^(366/365) = 1100/1000·… ⇒ r = 1.1^(365/366) − 1
    expectClose(xirr([-1000, 1100], ['2020-01-01', '2021-01-01']), 1.1 ** (365 / 366) - 1, 1e-15);
  });

  it('three dates by Newton: -1000, 550 a year later, 605 two years later is 10%', () => {
    // −1000 + 550/1.1 + 605/1.21 = 0 (2021 and 2022 have 365 days each)
    const dates = ['2021-01-01', '2022-01-01', '2023-01-01'];
    expectClose(xirr([-1000, 550, 605], dates), 0.1, 1e-14);
    expect(solveXirr([-1000, 550, 605], dates)).toMatchObject({ method: 'newton', otherRootsExist: false });
  });

  it('unordered dates give the same rate (the root does not depend on order or origin)', () => {
    const ordered = xirr([-1000, 550, 605], ['2021-01-01', '2022-01-01', '2023-01-01']);
    const unordered = xirr([605, -1000, 550], ['2023-01-01', '2021-01-01', '2022-01-01']);
    expectClose(unordered, ordered.toNumber(), 1e-15);
  });

  it('the Excel documentation example is 37.336253%', () => {
    const values = [-10000, 2750, 4250, 3250, 2750];
    const dates = ['2008-01-01', '2008-03-01', '2008-10-30', '2009-02-15', '2009-04-01'];
    const rate = xirr(values, dates);
    expectClose(rate, 0.373362533518831, 1e-12);
    expect(xnpv(rate, values, dates).abs().toNumber()).toBeLessThan(1e-8);
  });

  it('finds deeply negative annualised rates: -18480 then 13120 eleven days later', () => {
    // (1+r)^(11/365) = 13120/18480 ⇒ r = (13120/18480)^(365/11) − 1 = −0.99998842281700878…
    expectClose(xirr([-18480, 13120], ['2020-03-05', '2020-03-16']), -0.999988422817008781, 1e-15);
  });

  it('finds a deeply negative root by the scan when Newton leaves the domain', () => {
    const values = [-10000, 305.6, 500];
    const dates = ['2014-04-15', '2014-05-15', '2014-10-19'];
    const solution = solveXirr(values, dates);
    expectClose(solution.rate, -0.9968146068978457, 1e-12);
    expect(xnpv(solution.rate, values, dates).abs().toNumber()).toBeLessThan(1e-6);
  });

  it('accepts Date objects (UTC day) and spreadsheet serial numbers', () => {
    expectClose(xirr([-1000, 1100], [new Date('2021-01-01'), new Date(Date.UTC(2022, 0, 1))]), 0.1, 1e-15);
    expectClose(xirr([-1000, 1100], [44197, 44562]), 0.1, 1e-15); // 2021-01-01 and 2022-01-01
  });

  it('flows on one date, or one sign only → NO_SOLUTION', () => {
    expectFinanceError(() => xirr([-1000, 1100], ['2021-01-01', '2021-01-01']), 'NO_SOLUTION', /one date/);
    expectFinanceError(() => xirr([2500, -2500], ['2000-06-09', '2000-06-09']), 'NO_SOLUTION');
    expectFinanceError(() => xirr([1000, 500], ['2021-01-01', '2022-01-01']), 'NO_SOLUTION', /positive and one negative/);
    expectFinanceError(() => xirr([-10000, 10000, 500], ['2014-04-15', '2014-04-15', '2014-10-19']), 'NO_SOLUTION');
    expectFinanceError(() => xirr([-1000, 0], ['2010-01-01', '2011-01-01']), 'NO_SOLUTION');
  });

  it('invalid inputs → INVALID_INPUT', () => {
    expectFinanceError(() => xirr([], []), 'INVALID_INPUT');
    expectFinanceError(() => xirr([-1, 2], ['2021-01-01']), 'INVALID_INPUT', /same length/);
    expectFinanceError(() => xirr([-1, 2], ['2021-01-01', '2021-02-30']), 'INVALID_INPUT', /YYYY-MM-DD/);
    expectFinanceError(() => xirr([-1, 2], ['2021-01-01', '01/02/2021']), 'INVALID_INPUT');
    expectFinanceError(() => xirr([-1, 2], ['2021-01-01', new Date('nonsense')]), 'INVALID_INPUT');
    expectFinanceError(() => xirr([-1, 2], [44197, -5]), 'INVALID_INPUT');
    expectFinanceError(() => xirr([-1, 'x'], ['2021-01-01', '2022-01-01']), 'INVALID_INPUT');
  });
});
