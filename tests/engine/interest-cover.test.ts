import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';
import { evaluateInput, evaluateTemplate } from '../helpers/evaluate-input.js';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));

describe('ICR (利息备付率) on the interest charged to the P&L (methodology §4, §9)', () => {
  /*
   * The hand-worked parking deal with a 500,000 bullet loan at a fixed 4%, construction interest paid:
   * construction year (500,000 / 2) × 4% = 10,000, paid in cash from equity; it is still part of the
   * investment and written off over the 5 operating years, 2,000 a year (methodology §6). Operating
   * years: 500,000 × 4% = 20,000 a year of 利息支出. EBIT = the unlevered deal's 100,000, 100,000, 99,136,
   * 96,112, 96,112 (evaluate-deal.test.ts) less 2,000 → 98,000, 98,000, 97,136, 94,112, 94,112, and
   * ICR = EBIT / 20,000 = 4.9, 4.9, 4.8568, 4.7056, 4.7056.
   */
  const input = parking();
  input.funding = {
    sources: [
      { id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '500000' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 6, repayment: { kind: 'bullet' }, constructionInterest: 'paid' },
      { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
    ],
    fill: [{ source: 'loan' }, { source: 'soe' }],
  };
  const e = evaluateInput(input);

  it('divides EBIT by the 利息支出 of each operating year', () => {
    expect(e.financing.constructionInterest[0]!.toFixed(2)).toBe('10000.00');
    expect(e.financing.interestExpense.map((v) => v.toFixed(2))).toEqual(['0.00', '20000.00', '20000.00', '20000.00', '20000.00', '20000.00']);
    expect(e.debt.icr.map((v) => v?.toFixed(4) ?? null)).toEqual([null, '4.9000', '4.9000', '4.8568', '4.7056', '4.7056']);
    expect(e.metrics.minIcr!.toFixed(4)).toBe('4.7056');
  });

  it('counts construction interest paid in cash as 项目资本金: (590,000 + 10,000) / 1,100,000', () => {
    expect(e.metrics.equityRatio!.toFixed(12)).toBe(new D(600000).div(1100000).toFixed(12));
  });

  it("on 福州鼓楼, uses the bond interest the project pays, not every coupon owed", () => {
    const f = evaluateTemplate('fuzhou-gulou-25y');
    const pl = f.statements.profitAndLoss;
    const C = f.projection.timeline.C;
    f.debt.icr.forEach((icr, t) => {
      const charged = findRow(pl, 'interestExpense').values[t]!;
      if (t < C || charged.isZero()) expect(icr).toBeNull();
      else expect(icr!.toFixed(12)).toBe(findRow(pl, 'ebit').values[t]!.div(charged).toFixed(12));
    });
  });
});

describe('福州鼓楼: minimum ICR 0.32 beside a minimum DSCR of 1.41 (methodology §4.4)', () => {
  /*
   * The lowest ICR is operating year 1 (2029), the first year of revenue ramp-up and of the loan's grace:
   * EBIT = 40,366,118 revenue − surcharges − 16,572,669 operating cost − 21,402,613 of depreciation
   * (21,158,139 of the works + 244,474 of capitalised interest) = 2,390,836, against 7,503,739 of
   * interest charged: 2,390,836 / 7,503,739 = 0.3186. The same year's DSCR is 3.17: CFADS is before
   * depreciation (about 23.8 million) and no principal falls due in the grace years. The ratios measure
   * different things — ICR the accounting profit over interest, DSCR the cash over debt service — so an
   * ICR below 1 beside a DSCR above 1.3 in a year of heavy straight-line depreciation and ramping revenue
   * is right, not a bug; the year's P&L shows a loss, carried forward. The lowest DSCR, 1.41, is 2037.
   */
  const e = evaluateTemplate('fuzhou-gulou-25y');
  const pl = e.statements.profitAndLoss;
  const C = e.projection.timeline.C;
  const at = (key: string) => findRow(pl, key).values[C]!;

  it('is set by operating year 1 (2029), EBIT after the first full year of depreciation', () => {
    const years = e.debt.icr.map((icr, t) => ({ icr, year: e.years[t]!.calendarYear })).filter((r) => r.icr !== null);
    const lowest = years.reduce((a, b) => (b.icr!.lt(a.icr!) ? b : a));
    expect(lowest.year).toBe(2029);
    expect(e.years[C]!.calendarYear).toBe(2029);
    expect(at('ebit').toFixed(0)).toBe('2390836');
    expect(at('interestExpense').toFixed(0)).toBe('7503739');
    expect(at('depreciationAmortisation').toFixed(0)).toBe('21402613');
    // EBIT = revenue − surcharges − operating cost − depreciation + subsidy income (P&L lines 1, 2, 3.1, 3.2, 4).
    expect(at('operatingRevenue').minus(at('surcharges')).minus(at('operatingCost')).minus(at('depreciationAmortisation')).plus(at('subsidyIncome')).toFixed(2)).toBe(at('ebit').toFixed(2));
    expect(e.metrics.minIcr!.toFixed(4)).toBe('0.3186');
    expect(e.metrics.minIcr!.eq(at('ebit').div(at('interestExpense')))).toBe(true);
  });

  it('while that year\'s DSCR is 3.17: no principal in the grace year, CFADS before depreciation', () => {
    expect(findRow(e.statements.debtService, 'fz-cdb-loan.principal').values[C]!.isZero()).toBe(true);
    expect(e.debt.dscr[C]!.toFixed(2)).toBe('3.17');
    const minDscrYear = e.debt.dscr.findIndex((d) => d !== null && d.eq(e.metrics.minDscr!));
    expect(e.years[minDscrYear]!.calendarYear).toBe(2037);
    // 1.41 since CFADS counts sustaining capex net of the VAT it credits (methodology §4.5; 1.33 before).
    expect(e.metrics.minDscr!.toFixed(2)).toBe('1.41');
  });
});

describe('EBIT before financing, the base of 调整所得税 (methodology §3, §9)', () => {
  it('is in the P&L as EBIT plus the capitalised interest written off, and in the project table beside 调整所得税', () => {
    const f = evaluateTemplate('fuzhou-gulou-25y');
    const pl = f.statements.profitAndLoss;
    const pcf = f.statements.projectCashFlow;
    const ebit = findRow(pl, 'ebit').values;
    const writeOff = findRow(pl, 'capitalisedInterestWriteOff').values;
    const preFinancing = findRow(pl, 'ebitPreFinancing').values;
    preFinancing.forEach((v, t) => expect(v.toFixed(6)).toBe(ebit[t]!.plus(writeOff[t]!).toFixed(6)));
    expect(findRow(pcf, 'ebitPreFinancing').values).toBe(preFinancing);
    // Without losses to carry or reliefs, 调整所得税 = 25% of the taxable income shown beside it.
    const taxable = findRow(pcf, 'adjustedTaxableIncome').values;
    findRow(pcf, 'adjustedIncomeTax').values.forEach((tax, t) => expect(tax.toFixed(6)).toBe(taxable[t]!.times('0.25').toFixed(6)));
  });

  it('equals the P&L EBIT on a deal without capitalised interest: the hand-worked deal', () => {
    const e = evaluateInput(parking());
    const pl = e.statements.profitAndLoss;
    expect(findRow(pl, 'ebitPreFinancing').values.map((v) => v.toFixed(2))).toEqual(['0.00', '100000.00', '100000.00', '99136.00', '96112.00', '96112.00']);
  });
});
