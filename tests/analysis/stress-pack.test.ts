import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/analysis/drivers.js';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { fixSculptedLoans, runStressPack, DEFAULT_STRESS_CASES } from '../../src/analysis/stress-pack.js';
import { totalOf } from '../../src/engine/series.js';
import { D } from '../../src/finance/decimal.js';
import { loadTemplate } from '../helpers/load-template.js';

const AS_OF = '2026-03-01';

describe('runStressPack', () => {
  const deal = loadTemplate('fuzhou-gulou-25y');
  const outcome = runStressPack(deal, AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  const { base, cases } = outcome.result;
  const byId = new Map(cases.map((c) => [c.id, c]));
  const num = (v: string | null | undefined) => Number(v);

  it('runs every named case of the lender pack on the 25-year template', () => {
    expect(cases.map((c) => c.id)).toEqual(DEFAULT_STRESS_CASES.map((c) => c.id));
    for (const c of cases) {
      expect(c.problems).toBeUndefined();
      expect(c.metrics!.minDscr).not.toBeNull();
      expect(c.metrics!.llcr).not.toBeNull();
      expect(c.metrics!.bondCoverageNet).not.toBeNull();
      expect(c.metrics!.equityIrr).not.toBeNull();
    }
  });

  it('moves the indicators the way the stress says: less revenue, more cost, dearer debt, delay all lower DSCR and equity IRR', () => {
    for (const c of cases) {
      expect(num(c.metrics!.minDscr), c.id).toBeLessThan(num(base.metrics!.minDscr));
      expect(num(c.metrics!.equityIrr), c.id).toBeLessThan(num(base.metrics!.equityIrr));
    }
    expect(num(byId.get('revenue-20')!.metrics!.minDscr)).toBeLessThan(num(byId.get('revenue-10')!.metrics!.minDscr));
    expect(num(byId.get('capex+20')!.metrics!.minDscr)).toBeLessThan(num(byId.get('capex+10')!.metrics!.minDscr));
    expect(num(byId.get('combined')!.metrics!.minDscr)).toBeLessThan(num(byId.get('revenue-10')!.metrics!.minDscr));
    // The bond's coupon is fixed: a rate shock moves loans only.
    expect(byId.get('rate+100bp')!.metrics!.bondCoverageNet).toBe(base.metrics!.bondCoverageNet);
  });

  it('says which covenants break: the base keeps DSCR ≥ 1.3, revenue −20% breaks the hard floor of 1.0', () => {
    expect(base.breaches.map((b) => b.covenant)).not.toContain('minDscr');
    const breaks = byId.get('revenue-20')!.breaches.map((b) => b.covenant);
    expect(breaks).toEqual(expect.arrayContaining(['hardMinDscr', 'minDscr']));
    expect(byId.get('revenue-20')!.breaksCovenant).toBe(true);
    const breach = byId.get('revenue-10')!.breaches.find((b) => b.covenant === 'minDscr')!;
    expect(breach.threshold).toBe('1.3');
    expect(num(breach.value)).toBeLessThan(1.3);
  });

  it('funds a capex overrun: shares of items grow with them, the sponsor takes what nothing else may fund', () => {
    const overrun = byId.get('capex+20')!;
    expect(overrun.problems).toBeUndefined();
  });

  it('runs cases a caller names, and names a driver the deal does not have', () => {
    const custom = runStressPack(deal, AS_OF, [{ id: 'parking-30', name: 'parking −30%', changes: [{ driver: { driver: 'volume', stream: 'fz-parking-public' }, change: -0.3 }] }]);
    expect(custom.ok && custom.result.cases[0]!.metrics!.minDscr).toBeTruthy();
    const bad = runStressPack(deal, AS_OF, [{ id: 'x', name: 'x', changes: [{ driver: { driver: 'price', stream: 'nope' }, change: -0.1 }] }]);
    expect(bad).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_STREAM', path: 'cases[0].changes[0].driver.stream' }] });
  });
});

describe('the stress pack against the agreed debt', () => {
  const deal = loadTemplate('lugu-package');
  const outcome = runStressPack(deal, '2026-11-23');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  const byId = (id: string) => outcome.result.cases.find((c) => c.id === id)!;

  it('keeps a sculpted loan at its base amount and profile, so a stressed DSCR is not re-sculpted back to its target', () => {
    // 鲁谷's loan is sculpted to DSCR 1.3. With the base debt held, a capex overrun (more equity, more
    // depreciation) and dearer money move the DSCR off 1.3 and break the covenant.
    expect(outcome.result.base.metrics!.minDscr!.startsWith('1.29999')).toBe(true);
    expect(byId('rate+100bp').breaksCovenant).toBe(true);
    expect(Number(byId('rate+100bp').metrics!.minDscr)).toBeLessThan(1.2);
    expect(Number(byId('capex+10').metrics!.minDscr)).toBeLessThan(1.29);
  });

  it('holds the base schedule: the loan lends the base amount and repays it by the base shares', () => {
    const base = evaluateVariant(deal, '2026-11-23');
    if (!base.ok) throw new Error('base');
    const fixed = fixSculptedLoans(deal, base.evaluation);
    const loan = fixed.funding.sources.find((s) => s.kind === 'bank-loan')!;
    if (loan.kind !== 'bank-loan' || loan.repayment.kind !== 'custom') throw new Error('expected a custom schedule');
    expect(loan.size).toEqual({ kind: 'amount', amount: totalOf(base.evaluation.financing.debts[0]!.draw).toFixed(2) });
    expect(loan.repayment.shares.reduce((s, x) => s.plus(x), new D(0)).toString()).toBe('1');
    // A one-year delay within the same tenor loses a repayment year: its principal falls due in the first.
    const delayed = applyChanges(fixed, [{ driver: { driver: 'construction-delay' }, change: 1 }]);
    const delayedLoan = delayed.funding.sources.find((s) => s.kind === 'bank-loan')!;
    if (delayedLoan.kind !== 'bank-loan' || delayedLoan.repayment.kind !== 'custom') throw new Error('expected a custom schedule');
    expect(delayedLoan.repayment.shares).toHaveLength(loan.repayment.shares.length - 1);
    expect(new D(delayedLoan.repayment.shares[0]!).toFixed(8)).toBe(new D(loan.repayment.shares[0]!).plus(loan.repayment.shares[1]!).toFixed(8));
  });
});
