import { describe, expect, it } from 'vitest';
import { computeIrrOutcome } from '../../src/engine/irr-outcome.js';
import { D } from '../../src/finance/decimal.js';

const row = (values: number[]) => values.map((v) => new D(v));

describe('computeIrrOutcome', () => {
  it('says when the flows have several IRRs, and which one it reports', () => {
    // −100 + 230/(1+r) − 132/(1+r)² = 0 at r = 10% and r = 20%.
    const outcome = computeIrrOutcome(row([-100, 230, -132]));
    if (outcome.rate === null) throw new Error(outcome.reason);
    expect(outcome.rate.toNumber()).toBeCloseTo(0.1, 12);
    expect(outcome.otherRootsExist).toBe(true);
  });

  it('finds a deeply negative IRR a spreadsheet misses', () => {
    // −100 + 5/(1+r) + 5/(1+r)² = 0 → 1/(1+r) = 4 → r = −75%.
    const outcome = computeIrrOutcome(row([-100, 5, 5]));
    expect(outcome.rate?.toNumber()).toBeCloseTo(-0.75, 12);
  });

  it.each([
    [[-100, -5, 0], 'never turn positive'],
    [[100, 5, 5], 'never negative'],
  ])('gives no IRR for %j, with the reason', (flows, reason) => {
    const outcome = computeIrrOutcome(row(flows));
    expect(outcome.rate).toBeNull();
    if (outcome.rate === null) expect(outcome.reason).toContain(reason);
  });
});
