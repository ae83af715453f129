import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import type { Evaluation } from '../../../src/engine/evaluate-deal.js';
import { findRow } from '../../../src/engine/statement.js';
import { buildBondDealInput, evaluateBondDeal } from '../../helpers/bond-deal.js';

const evaluate = evaluateBondDeal;
const parkOnly = { streams: [{ stream: 'park' }] };
/** The deal with the bond's construction coupons paid by `payer`. */
const withPayer = (payer?: string) => evaluate(buildBondDealInput({}, { earmark: parkOnly, ...(payer ? { constructionCoupons: payer } : {}) }));
const plan = (e: Evaluation, key: string) => findRow(e.statements.investmentPlan, key).values.map((v) => v.toFixed(2));
const at2027 = (e: Evaluation, key: string) => plan(e, key)[0];

// The two-batch bond of tests/helpers/bond-deal.ts: one construction year, 2027. The only coupon of 2027 is batch A's
// December coupon, 6,000,000 × 2.4% / 2 = 72,000 (B is issued in March 2028). The garage costs 12,000,000 in 2027;
// the bond fills first, investor equity (soe) last.
describe('construction-period coupons of a special bond (methodology §10.5)', () => {
  const issuer = withPayer();
  const equity = withPayer('equity');
  const capitalised = withPayer('capitalised');

  it('by default leaves them to the issuer\'s budget, outside total investment', () => {
    expect(issuer.bonds[0]!.constructionCoupons).toBe('issuer');
    // 总投资 = 建设投资 12,000,000, no 建设期利息; the bond funds 10,000,000 of the works, the investor 2,000,000.
    expect([at2027(issuer, 'totalInvestment'), at2027(issuer, 'constructionInterest'), at2027(issuer, 'source.bond'), at2027(issuer, 'source.soe')]).toEqual(['12000000.00', '0.00', '10000000.00', '2000000.00']);
    // Shown as a memo of the 资金筹措表 and paid by the issuer: the fiscal view's 财政补足 and the account's top-up.
    expect(at2027(issuer, 'memo.bond.constructionCoupons')).toBe('72000.00');
    expect(findRow(issuer.statements.investmentPlan, 'memo.bond.constructionCoupons').zh).toBe('备查：专项债券建设期利息（财政预算支付，不计入总投资）');
    expect(issuer.fiscal.levels.find((l) => l.level === 'district')!.bondShortfall[0]!.toFixed(2)).toBe('72000.00');
    const y2027 = issuer.bonds[0]!.table[0]!;
    expect([y2027.year, y2027.constructionCoupons.toFixed(2), y2027.paidFromAccount.toFixed(2), y2027.issuerTopUp.toFixed(2)]).toEqual([2027, '72000.00', '0.00', '72000.00']);
  });

  it('paid from 项目资本金: in 建设期利息 of total investment and under 资本金, no longer the issuer\'s', () => {
    // 总投资 = 12,000,000 + 72,000 = 12,072,000; 项目资本金 = the investor's 2,000,000 for the works + 72,000 用于建设期利息.
    expect([at2027(equity, 'totalInvestment'), at2027(equity, 'constructionInterest'), at2027(equity, 'equityForInterest'), at2027(equity, 'equity')]).toEqual(['12072000.00', '72000.00', '72000.00', '2072000.00']);
    expect(at2027(equity, 'totalFunding')).toBe(at2027(equity, 'totalInvestment'));
    expect(equity.metrics.totalInvestment.toFixed(2)).toBe('12072000.00');
    // The issuer pays nothing in 2027; the account pays nothing either: the coupon is paid outside it, by the project.
    expect(equity.fiscal.levels.find((l) => l.level === 'district')!.bondShortfall[0]!.toFixed(2)).toBe('0.00');
    const y2027 = equity.bonds[0]!.table[0]!;
    expect([y2027.constructionCoupons.toFixed(2), y2027.paidFromAccount.toFixed(2), y2027.issuerTopUp.toFixed(2)]).toEqual(['72000.00', '0.00', '0.00']);
    expect(equity.bonds[0]!.totals.issuerTopUp.toFixed(2)).toBe('0.00');
    // The investors pay it: 2027's equity flows are the 2,000,000 for the works and the 72,000 coupon.
    expect(findRow(equity.statements.financialPlan, 'equityInjected').values[0]!.toFixed(2)).toBe('2072000.00');
    // 建设期利息 is written off over the 6 operating years with the rest of the investment: 72,000 / 6 = 12,000 a year.
    expect(equity.financing.constructionInterestDepreciation.map((v) => v.toFixed(2))).toEqual(['0.00', '12000.00', '12000.00', '12000.00', '12000.00', '12000.00', '12000.00']);
  });

  it('capitalised: the bond\'s own proceeds pay them, so 72,000 less of the bond goes to the works', () => {
    // Bond for the works 10,000,000 − 72,000 = 9,928,000; the investor fills 12,000,000 − 9,928,000 = 2,072,000.
    // The bond's 债务资金 line is all it raised for the project: 9,928,000 + 72,000 = 10,000,000.
    expect([at2027(capitalised, 'totalInvestment'), at2027(capitalised, 'constructionInterest'), at2027(capitalised, 'equityForInterest'), at2027(capitalised, 'source.soe')]).toEqual(['12072000.00', '72000.00', '0.00', '2072000.00']);
    expect(capitalised.financing.funding.sources.find((s) => s.source.id === 'bond')!.total[0]!.toFixed(2)).toBe('9928000.00');
    expect([at2027(capitalised, 'source.bond'), at2027(capitalised, 'debt'), at2027(capitalised, 'totalFunding')]).toEqual(['10000000.00', '10000000.00', '12072000.00']);
    expect(findRow(capitalised.statements.investmentPlan, 'memo.bond.constructionCoupons').zh).toBe('备查：专项债券建设期利息（债券资金支付，计入建设期利息）');
    expect(capitalised.bonds[0]!.totals.issuerTopUp.toFixed(2)).toBe('0.00');
    // No project cash pays the coupon: the equity table's interest in 2027 is 0.
    expect(findRow(capitalised.statements.equityCashFlow, 'interestPaid').values[0]!.toFixed(2)).toBe('0.00');
  });

  it('keeps the books whole in every choice: sources = uses each year, assets = liabilities + equity to the 分', () => {
    for (const e of [issuer, equity, capitalised]) {
      const uses = findRow(e.statements.investmentPlan, 'totalInvestment').values;
      findRow(e.statements.investmentPlan, 'totalFunding').values.forEach((v, t) => expect(v.minus(uses[t]!).abs().lt('0.005')).toBe(true));
      const sheet = e.statements.balanceSheet;
      const liabilitiesAndEquity = findRow(sheet, 'totalLiabilities').values.map((v, t) => v.plus(findRow(sheet, 'totalEquity').values[t]!));
      findRow(sheet, 'totalAssets').values.forEach((v, t) => expect(v.minus(liabilitiesAndEquity[t]!).abs().lt('0.005'), `${t}`).toBe(true));
    }
  });

  it('does not change the bond\'s coverage: its service is the same, only who pays the construction coupon moves', () => {
    expect(equity.bonds[0]!.coverageNet!.eq(issuer.bonds[0]!.coverageNet!)).toBe(true);
    expect(capitalised.bonds[0]!.totals.service.eq(issuer.bonds[0]!.totals.service)).toBe(true);
    // The account keeps the 2027 coupon either way: the same balances from 2028 (see earmarked-coverage.test.ts).
    expect(equity.bonds[0]!.table.map((r) => r.accountBalance.toFixed(2))).toEqual(issuer.bonds[0]!.table.map((r) => r.accountBalance.toFixed(2)));
  });

  it('refuses an unknown payer and capitalised coupons on a single-source bond, naming the field', () => {
    const bad = parseDeal(buildBondDealInput({}, { constructionCoupons: 'investor' }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([expect.objectContaining({ path: 'funding.sources[0].constructionCoupons', message: 'must be issuer, equity or capitalised' })]);
    const single = parseDeal(buildBondDealInput({}, { batches: undefined, amount: '10000000', couponRate: '0.024', tenorYears: 5, principal: { kind: 'bullet' }, constructionCoupons: 'capitalised' }));
    expect(single.ok).toBe(false);
    if (!single.ok) expect(single.problems).toEqual([expect.objectContaining({ code: 'CONFLICT', path: 'funding.sources[0].constructionCoupons' })]);
    // The single-source form may have them paid from 项目资本金.
    expect(parseDeal(buildBondDealInput({}, { batches: undefined, amount: '10000000', couponRate: '0.024', tenorYears: 5, principal: { kind: 'bullet' }, constructionCoupons: 'equity' })).ok).toBe(true);
  });
});
