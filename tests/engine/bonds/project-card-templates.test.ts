import { describe, expect, it } from 'vitest';
import { ZERO, type D } from '../../../src/finance/decimal.js';
import { evaluateTemplate } from '../../helpers/evaluate-input.js';

const sum = (values: D[]) => values.reduce((s, v) => s.plus(v), ZERO);

/*
 * The two templates shaped as published special-bond project cards (methodology §10), checked against
 * figures worked by hand from their batches, not against the engine's own output.
 */
describe('xiangtan-bond-card: three batches, semi-annual, bullets repaid from the 偿债资金 account', () => {
  const e = evaluateTemplate('xiangtan-bond-card');
  const bond = e.bonds.find((b) => b.id === 'xb-bond')!;
  const row = (year: number) => bond.table.find((r) => r.year === year)!;

  it('pays each batch its coupons on its own dates', () => {
    // A: 50,000,000 at 2.15%, issued 2025-06: 537,500 each June and December, last on 2040-06 with the bullet.
    // B: 40,000,000 at 1.98%, issued 2026-08: 396,000 each February and August from 2027-02 to 2046-08.
    // C (planned): 30,000,000 at 2.20%, issued 2027-05: 330,000 each November and May from 2027-11 to 2042-05.
    expect(row(2025).interest.toFixed(2)).toBe('537500.00'); // A's December coupon
    expect(row(2026).interest.toFixed(2)).toBe('1075000.00'); // A × 2; B's first coupon falls in 2027
    expect(row(2027).interest.toFixed(2)).toBe('2197000.00'); // 1,075,000 + 792,000 + 330,000
    expect(row(2040).interest.toFixed(2)).toBe('1989500.00'); // A's last 537,500 + 792,000 + 660,000
    expect(row(2043).interest.toFixed(2)).toBe('792000.00'); // only B is left
    expect(row(2040).principal.toFixed(2)).toBe('50000000.00');
    expect(row(2042).principal.toFixed(2)).toBe('30000000.00');
    expect(row(2046).principal.toFixed(2)).toBe('40000000.00');
    expect(sum(bond.table.map((r) => r.principal)).toFixed(2)).toBe('120000000.00');
    expect(bond.batches.map((b) => [b.batch.id, b.couponIsAssumption])).toEqual([['xb-2025-1', false], ['xb-2026-1', false], ['xb-2027-plan', true]]);
    expect(e.warnings.map((w) => w.code)).toContain('PLANNED_BATCH_ASSUMED');
  });

  it('leaves the issuer only the construction-period coupons, and repays each bullet from the account', () => {
    // No income before 2028: the coupons of 2025–2027 (537,500 + 1,075,000 + 2,197,000 = 3,809,500) are topped up.
    expect(bond.table.filter((r) => !r.issuerTopUp.isZero()).map((r) => r.year)).toEqual([2025, 2026, 2027]);
    expect(bond.totals.issuerTopUp.toFixed(2)).toBe('3809500.00');
    for (const year of [2040, 2042, 2046]) {
      const r = row(year);
      // The bullet year's service is paid in full from the opening balance and that year's deposit.
      expect(r.paidFromAccount.eq(r.service)).toBe(true);
      expect(r.accountOpening.plus(r.deposit).minus(r.paidFromAccount).eq(r.accountBalance)).toBe(true);
    }
    expect(bond.table.every((r) => !r.accountBalance.isNegative())).toBe(true);
  });

  it('counts parking, 配套用房 leasing, ads and charging, not property service', () => {
    expect(bond.streams.map((s) => s.id)).toEqual(['xb-parking', 'xb-space-lease', 'xb-ads', 'xb-ev']);
    // Cumulative coverage is Σ net income / Σ service over the bond's life 2025–2046.
    const net = sum(bond.table.map((r) => r.netIncome));
    const service = sum(bond.table.map((r) => r.service));
    expect(bond.coverageNet!.eq(net.div(service))).toBe(true);
    expect(bond.coverageNet!.gte('1.1')).toBe(true);
    expect(e.warnings.map((w) => w.code)).not.toContain('BOND_COVERAGE_BELOW_MINIMUM');
  });
});

describe('gulou-bond-cdb-combined: a bond and a policy-bank loan served by the same income (组合融资)', () => {
  const e = evaluateTemplate('gulou-bond-cdb-combined');
  const bond = e.bonds.find((b) => b.id === 'gc-bond')!;
  const loan = e.financing.debts.find((d) => d.source.id === 'gc-cdb-loan')!;

  it('tests the bond alone and all the debt on the same earmarked income', () => {
    expect(bond.servedLoans).toEqual(['gc-cdb-loan']);
    expect(bond.batches.map((b) => `${b.batch.id} ${b.batch.status} ${b.batch.issueYear}`)).toEqual(['gc-bond-2027 issued 2027', 'gc-bond-2028 planned 2028']);
    // All-debt coverage: Σ net income / (Σ bond service + Σ the loan's service), both over the bond's life 2027–2048.
    const first = e.projection.timeline.years.findIndex((y) => y.calendarYear === bond.life!.firstYear);
    const last = e.projection.timeline.years.findIndex((y) => y.calendarYear === bond.life!.lastYear);
    const loanService = sum(loan.debtService.slice(first, last + 1));
    expect(bond.coverageAllDebt!.eq(bond.totals.netIncome.div(bond.totals.service.plus(loanService)))).toBe(true);
    expect(bond.coverageAllDebt!.lt(bond.coverageNet!)).toBe(true);
    expect(bond.coverageAllDebt!.gte('1.2')).toBe(true);
  });
});
