import { describe, expect, it } from 'vitest';
import { findRow } from '../../../src/engine/statement.js';
import { D } from '../../../src/finance/decimal.js';
import { evaluateInput, evaluateTemplate } from '../../helpers/evaluate-input.js';
import { buildPhasedCardInput } from './phased-card.fixture.js';

describe('xiangtan-bond-card with the chargers and ad spaces opening in 2026 (methodology §10.11)', () => {
  const base = evaluateTemplate('xiangtan-bond-card');
  const e = evaluateInput(buildPhasedCardInput());
  const bond = e.bonds.find((b) => b.id === 'xb-bond')!;
  const baseBond = base.bonds.find((b) => b.id === 'xb-bond')!;
  const year = (b: typeof bond, y: number) => b.table.find((r) => r.year === y)!;

  it('earns in 2026 and 2027 while construction goes on', () => {
    expect(e.years.map((y) => y.phase).slice(0, 4)).toEqual(['construction', 'construction-and-operation', 'construction-and-operation', 'operation']);
    const revenue = findRow(e.statements.projectCashFlow, 'operatingRevenue').values;
    const capex = findRow(e.statements.projectCashFlow, 'constructionInvestment').values;
    // Chargers 2026 (stream year 1, ramp 0.5): 400 × 30 kWh × 365 × 0.6 元 × 0.5 = 1,314,000 incl. 13% VAT
    //   → 1,314,000 / 1.13 = 1,162,831.86; ads (ramp 0.6): 400 × 3,000 × 0.6 = 720,000 incl. 6% → 679,245.28.
    expect(revenue[1]!.toFixed(2)).toBe(new D(1314000).div('1.13').plus(new D(720000).div('1.06')).toFixed(2));
    // 2027: chargers ramp 0.7 → 1,839,600 / 1.13; ads ramp 0.8 → 960,000 / 1.06; no escalation before 2028.
    expect(revenue[2]!.toFixed(2)).toBe(new D(1839600).div('1.13').plus(new D(960000).div('1.06')).toFixed(2));
    expect(capex[1]!.isZero() || capex[2]!.isZero()).toBe(false);
  });

  it('pays the coupons of 2026–2027 from the 偿债资金 account before the issuer tops anything up', () => {
    // Without phasing the issuer pays every coupon of 2025–2027 (3,809,500 元).
    expect(baseBond.totals.issuerTopUp.toFixed(2)).toBe('3809500.00');
    for (const y of [2026, 2027]) {
      const r = year(bond, y);
      expect(r.revenueByStream.filter((s) => !s.value.isZero()).map((s) => s.id).sort()).toEqual(['xb-ads', 'xb-ev']);
      expect(r.deposit.isPositive()).toBe(true);
      // What the year's service is not paid from the account is the issuer's.
      expect(r.paidFromAccount.plus(r.issuerTopUp).toFixed(2)).toBe(r.service.toFixed(2));
      expect(r.issuerTopUp.lt(year(baseBond, y).issuerTopUp)).toBe(true);
    }
    expect(year(bond, 2025).issuerTopUp.toFixed(2)).toBe('537500.00');
    expect(bond.totals.issuerTopUp.lt(baseBond.totals.issuerTopUp)).toBe(true);
    expect(bond.table.every((r) => !r.accountBalance.isNegative())).toBe(true);
  });

  it('funds every year to the 分 and balances the balance sheet', () => {
    const uses = findRow(e.statements.investmentPlan, 'totalInvestment').values;
    const sources = findRow(e.statements.investmentPlan, 'totalFunding').values;
    uses.forEach((u, t) => expect(u!.toFixed(2)).toBe(sources[t]!.toFixed(2)));
    const assets = findRow(e.statements.balanceSheet, 'totalAssets').values;
    const claims = findRow(e.statements.balanceSheet, 'liabilitiesAndEquity').values;
    assets.forEach((a, t) => expect(a!.minus(claims[t]!).abs().lt('0.005')).toBe(true));
  });
});
