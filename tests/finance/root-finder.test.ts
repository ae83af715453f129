import { describe, expect, it } from 'vitest';
import { PeriodicCashFlowEquation } from '../../src/finance/periodic-cash-flows.js';
import {
  SCAN_HIGHEST_RATE,
  SCAN_LOWEST_GROWTH,
  countSignChanges,
  findRoot,
  findRootAndOthers,
  scanForRoots,
  solveByBrent,
  solveTwoTermsInClosedForm,
} from '../../src/finance/root-finder.js';
import { expectClose } from './helpers.js';

const equationOf = (flows: number[]): PeriodicCashFlowEquation => new PeriodicCashFlowEquation(Float64Array.from(flows));

describe('root finder', () => {
  it('counts sign changes ignoring zeros', () => {
    expect(countSignChanges([-1, 0, 2, 3, 0, -4, 5])).toBe(3);
    expect(countSignChanges([0, 0])).toBe(0);
    expect(countSignChanges([1, 2, 3])).toBe(0);
  });

  it('closed form: a + b·x^−t = 0 ⇒ r = (−b/a)^(1/t) − 1, even astronomically large', () => {
    expectClose(solveTwoTermsInClosedForm(-100, 0, 121, 2), 0.1, 1e-15);
    expect(solveTwoTermsInClosedForm(1000, 0, -6000, 1 / 365) / 1.0597572345993451e284).toBeCloseTo(1, 12);
  });

  it('the scan lists every bracketed root from just above −1 upward', () => {
    // (x − 0.5)(x − 1.1)(x − 2) in y = 1/x: roots r = −0.5, 0.1, 1 ⇒ flows from the expanded cubic
    // x³ − 3.6x² + 3.75x − 1.1 = 0 ⇔ 1 − 3.6y + 3.75y² − 1.1y³ = 0
    const roots = scanForRoots(equationOf([1, -3.6, 3.75, -1.1]), false);
    expect(roots.map((root) => Number(root.toFixed(12)))).toEqual([-0.5, 0.1, 1]);
    expect(scanForRoots(equationOf([1, -3.6, 3.75, -1.1]), true).length).toBe(1);
  });

  it('Newton from the guess picks the root; failing Newton falls back to the lowest root', () => {
    const equation = equationOf([1, -3.6, 3.75, -1.1]);
    expect(findRoot(equation, 0.15)).toMatchObject({ method: 'newton' });
    expectClose(findRoot(equation, 0.15)!.rate, 0.1, 1e-14);
    expectClose(findRoot(equation, 1.2)!.rate, 1, 1e-14);
    const analysis = findRootAndOthers(equation, 0.15)!;
    expect(analysis.roots.length).toBe(3);
    expect(analysis.roots).toContain(analysis.rate);
  });

  it('finds a root just above −1 (1 + r ≈ 1e-9) with the rescaled equation', () => {
    // −1e9 + y + 1e-20·y² = 0 with y = 1/(1 + r): y ≈ 1e9, so 1 + r ≈ 1e-9 (a third term avoids the
    // closed form; Newton from 0.1 leaves the domain, the scan brackets the root).
    const root = findRoot(equationOf([-1e9, 1, 1e-20]), 0.1);
    expect(root).toMatchObject({ method: 'brent' });
    expect((1 + root!.rate) / 1e-9).toBeCloseTo(1, 6);
  });

  it('returns undefined — never a made-up number — when no root exists', () => {
    expect(findRoot(equationOf([1, 2, 3]), 0.1)).toBeUndefined();
    // 1 − y + y²: two sign changes but no real root (discriminant 1 − 4 < 0)
    expect(findRoot(equationOf([1, -1, 1]), 0.1)).toBeUndefined();
  });

  it('Brent converges inside a bracket', () => {
    const equation = equationOf([-100, 110]);
    const low = 0;
    const high = 0.5;
    expectClose(solveByBrent(equation, low, high, equation.evaluateScaled(low), equation.evaluateScaled(high)), 0.1, 1e-15);
  });

  it('scans the documented range', () => {
    expect(SCAN_LOWEST_GROWTH).toBe(1e-14);
    expect(SCAN_HIGHEST_RATE).toBe(1e7);
  });
});
