import { IRR } from '@formulajs/formulajs';
import { describe, expect, it } from 'vitest';
import { D, irr, npv, solveIrr } from '../../src/finance/index.js';
import { expectClose, expectFinanceError } from './helpers.js';

describe('irr', () => {
  it('two flows: closed form, -100 then 110 one period later is 10%', () => {
    // -100 + 110/(1+r) = 0  ⇒  1 + r = 1.1
    expectClose(irr([-100, 110]), 0.1, 1e-15);
    expect(solveIrr([-100, 110]).method).toBe('closed-form');
  });

  it('three flows by Newton: -1000, 550, 605 is exactly 10%', () => {
    // -1000 + 550/1.1 + 605/1.21 = -1000 + 500 + 500 = 0
    expectClose(irr([-1000, 550, 605]), 0.1, 1e-14);
    expect(solveIrr([-1000, 550, 605])).toMatchObject({ method: 'newton', otherRootsExist: false, signChanges: 1 });
  });

  it('the Excel documentation example: -70000, 12000, 15000, 18000, 21000, 26000 ≈ 8.66%', () => {
    expectClose(irr([-70000, 12000, 15000, 18000, 21000, 26000]), 0.0866309480365316, 1e-12);
  });

  it('finds a deeply negative IRR: [-100, 5, 5] is exactly -75%', () => {
    // With y = 1/(1+r): 5y² + 5y − 100 = 0 ⇔ y² + y − 20 = 0 ⇔ (y − 4)(y + 5) = 0 ⇒ y = 4,
    // so 1 + r = 0.25 and r = −0.75 (not "about −0.6": the loss is 75% a period). Newton from 0.1
    // overshoots below −1; the bracket scan + Brent finds it.
    const solution = solveIrr([-100, 5, 5]);
    expectClose(solution.rate, -0.75, 1e-14);
    expect(solution.method).toBe('brent');
    expect(solution.otherRootsExist).toBe(false);
    expectClose(irr([-100, 5, 5]), -0.75, 1e-14);
  });

  it('finds an IRR within 4% of -100%: [-1000, 1, 1] is -96.787…%', () => {
    // y² + y − 1000 = 0 ⇒ y = (−1 + √4001)/2 = 31.1267…, r = 1/y − 1 = −0.967873270798263…
    expectClose(irr([-1000, 1, 1]), -0.967873270798263, 1e-13);
  });

  it('two real roots (0.1 and 0.2): Newton from the guess decides, solveIrr reports both', () => {
    // −100 + 230y − 132y² = 0 ⇒ y = (230 ± 10)/264 ⇒ 1 + r = 1.1 or 1.2
    const flows = [-100, 230, -132];
    expectClose(irr(flows), 0.1, 1e-14); // default guess 0.1
    expectClose(irr(flows, 0.25), 0.2, 1e-13);
    const solution = solveIrr(flows);
    expect(solution.otherRootsExist).toBe(true);
    expect(solution.signChanges).toBe(2);
    expect(solution.roots.map((root) => Number(root.toFixed(12)))).toEqual([0.1, 0.2]);
    expect(solution.rate.toNumber()).toBe(irr(flows).toNumber());
  });

  it('is deterministic and its NPV at the IRR is ~0', () => {
    const flows = [-52_000_000, -38_000_000, ...Array.from({ length: 25 }, (_, k) => 9_000_000 + 150_000 * k)];
    const first = irr(flows);
    expect(irr(flows).eq(first)).toBe(true);
    expect(npv(first, flows).abs().toNumber()).toBeLessThan(1e-6);
  });

  it('accepts numbers, numeric strings and decimals alike', () => {
    expectClose(irr(['-1000', new D(550), 605]), 0.1, 1e-14);
    expectClose(irr([-1000, 550, 605], '0.2'), 0.1, 1e-14);
  });

  it('ignores leading and trailing zeros the way the definition does', () => {
    expectClose(irr([0, -100, 110]), 0.1, 1e-15);
    expectClose(irr([-100, 110, 0, 0]), 0.1, 1e-15);
  });

  it('agrees with formulajs on an ordinary vector', () => {
    const flows = [-75000, 12000, 15000, 18000, 21000, 24000];
    expectClose(irr(flows), IRR(flows) as number, 1e-9);
  });

  it('no sign change → NO_SOLUTION', () => {
    expectFinanceError(() => irr([100, 200, 300]), 'NO_SOLUTION', /positive and one negative/);
    expectFinanceError(() => irr([-100, -200]), 'NO_SOLUTION');
    expectFinanceError(() => irr([0, 0, 0]), 'NO_SOLUTION');
    expectFinanceError(() => solveIrr([1, 2, 3]), 'NO_SOLUTION');
  });

  it('invalid inputs → INVALID_INPUT', () => {
    expectFinanceError(() => irr([]), 'INVALID_INPUT', /empty/);
    expectFinanceError(() => irr([-100, 'abc', 110]), 'INVALID_INPUT', /values\[1\]/);
    expectFinanceError(() => irr([-100, Number.NaN]), 'INVALID_INPUT');
    expectFinanceError(() => irr([-100, Number.POSITIVE_INFINITY]), 'INVALID_INPUT');
    expectFinanceError(() => irr([-100, 110], -1), 'INVALID_INPUT', /guess/);
    expectFinanceError(() => irr(null as unknown as number[]), 'INVALID_INPUT');
  });
});
