import { describe, expect, it } from 'vitest';
import { computePayback } from '../../src/engine/payback.js';
import { D } from '../../src/finance/decimal.js';

const row = (values: number[]) => values.map((v) => new D(v));

describe('computePayback', () => {
  it('interpolates within the year the cumulative flow turns non-negative', () => {
    // Cumulative: −100, −60, −20, +20 → T = 4, Pt = 3 + 20/40 = 3.5.
    const payback = computePayback(row([-100, 40, 40, 40]));
    expect(payback.years?.toString()).toBe('3.5');
  });

  it('counts from the start of construction year 1, across construction years', () => {
    // Cumulative: −50, −100, −70, −40, −10, +20 → Pt = 5 + 10/30.
    const payback = computePayback(row([-50, -50, 30, 30, 30, 30]));
    expect(payback.years?.toFixed(10)).toBe('5.3333333333');
  });

  it('is exact when the cumulative flow reaches zero at a year end', () => {
    expect(computePayback(row([-100, 50, 50])).years?.toString()).toBe('3');
  });

  it('has no value, with the reason, when never recovered', () => {
    const payback = computePayback(row([-100, 10, 10]));
    expect(payback.years).toBeNull();
    if (payback.years === null) expect(payback.reason).toContain('-80.00');
  });

  it('ignores leading zero years and says when the cumulative turns negative again', () => {
    const payback = computePayback(row([0, -100, 100, 50, -80]));
    expect(payback.years?.toString()).toBe('3');
    if (payback.years !== null) expect(payback.reversed).toBe(true);
  });

  it('says the recovery holds when the cumulative flow never turns negative again', () => {
    // Cumulative: −100, −40, +20, +50 → Pt = 2 + 40/60; stays ≥ 0 afterwards.
    const payback = computePayback(row([-100, 60, 60, 30]));
    expect(payback.years?.toFixed(10)).toBe('2.6666666667');
    if (payback.years !== null) expect(payback.reversed).toBe(false);
  });

  it('does not count a cumulative that comes back to exactly zero as turning negative', () => {
    // Cumulative: −100, +50, 0: recovered in year 2 (Pt = 1 + 100/150), back to zero, never below it.
    const payback = computePayback(row([-100, 150, -50]));
    expect(payback.years?.toFixed(10)).toBe('1.6666666667');
    if (payback.years !== null) expect(payback.reversed).toBe(false);
  });

  it('is zero, and not reversed, for flows that never go negative', () => {
    // Nothing was laid out, so nothing is recovered: Pt = 0 whatever comes later.
    for (const flows of [[0, 10, 10], [5, 0, 0], [0, 0, 0]]) {
      const payback = computePayback(row(flows));
      expect(payback.years?.toString()).toBe('0');
      if (payback.years !== null) expect(payback.reversed).toBe(false);
    }
  });

  it('names the last year and the shortfall when a deal that recovered nothing ends', () => {
    // Cumulative: −100, −70, −50 at the end of year 3.
    const payback = computePayback(row([-100, 30, 20]));
    expect(payback.years).toBeNull();
    if (payback.years === null) expect(payback.reason).toBe('the cumulative flow is still negative at the end of year 3 (-50.00 元)');
  });
});
