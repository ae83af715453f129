import { describe, expect, it } from 'vitest';
import { findRow } from '../../../src/engine/statement.js';
import { ZERO } from '../../../src/finance/decimal.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';
import { evaluateInput } from '../../helpers/evaluate-input.js';

const waterfall = { dsra: { months: 6, funding: 'at-close' }, mmra: { buildUpYears: 2 }, lockUp: { minDscr: '1.3' }, distributions: { enabled: true } };

describe('the waterfall in an evaluation (methodology §11)', () => {
  const e = evaluateInput({
    ...buildFundedDealInput(),
    opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'reseal', name: '路面翻修', operatingYears: [6], amount: '300000' }] },
    waterfall,
  });
  const plan = e.statements.financialPlan;
  const values = (key: string) => findRow(plan, key).values;
  const w = e.waterfall;

  it('keeps the cumulative surplus equal to free cash plus reserves, every year, to the 分', () => {
    const surplus = values('cumulativeSurplus');
    surplus.forEach((v, t) => expect(v.minus(w.freeCash[t]!).minus(w.dsra.closing[t]!).minus(w.mmra.closing[t]!).abs().lt('0.005')).toBe(true));
  });

  it('never distributes more than the 可供分配利润 earned so far nor the cash, and keeps reserves ≥ 0', () => {
    let earned = ZERO;
    let paid = ZERO;
    w.distributions.forEach((d, t) => {
      earned = earned.plus(w.distributableProfit[t]!);
      paid = paid.plus(d);
      expect(paid.lte(earned.plus('0.005')) || d.isZero()).toBe(true);
      expect(w.freeCash[t]!.gte(0)).toBe(true);
      expect(w.dsra.closing[t]!.gte(0) && w.mmra.closing[t]!.gte(0)).toBe(true);
    });
    expect(paid.isPositive()).toBe(true);
    // The 应付利润 row of the statement is the waterfall's.
    expect(values('distributions').map(String)).toEqual(w.distributions.map(String));
  });

  it('funds the DSRA at close with equity and releases it at the loan\'s final maturity', () => {
    const C = e.projection.timeline.C;
    expect(w.dsra.equityAtClose[C - 1]!.isPositive()).toBe(true);
    expect(values('dsraEquity')[C - 1]!.eq(w.dsra.equityAtClose[C - 1]!)).toBe(true);
    const loan = e.financing.debts.find((d) => d.source.id === 'loan')!;
    const last = loan.debtService.reduce((at, v, t) => (v.isZero() ? at : t), -1);
    expect(w.dsra.closing[last]!.isZero()).toBe(true);
    expect(w.dsra.release[last]!.isPositive()).toBe(true);
  });

  it('splits distributions among shareholders and reports returns on them beside the free-cash equity IRR', () => {
    const shares = w.returns.shareholders.reduce((s, h) => s.plus(h.share), ZERO);
    expect(shares.minus(1).abs().lt('1e-12')).toBe(true);
    expect(w.returns.irr.rate).not.toBeNull();
    // Paid in: the equity of the 项目资本金现金流量表 plus the DSRA at close.
    const paidIn = w.returns.paidIn.reduce((s, v) => s.plus(v), ZERO);
    expect(paidIn.isPositive()).toBe(true);
  });

  it('gives the same figures as before when the waterfall is left at its defaults', () => {
    const plain = evaluateInput(buildFundedDealInput());
    expect(plain.waterfall.distributions.every((v) => v.isZero())).toBe(true);
    expect(findRow(plain.statements.financialPlan, 'cumulativeSurplus').values.map(String)).toEqual(plain.waterfall.freeCash.map(String));
  });
});

describe('临时借款 in an evaluation (methodology §11)', () => {
  const opex = { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'rebuild', name: '车库大修', operatingYears: [7], amount: '1950000' }] };
  const base = evaluateInput({ ...buildFundedDealInput(), opex });
  const e = evaluateInput({ ...buildFundedDealInput(), opex, waterfall: { distributions: { enabled: true }, shortTermBorrowing: { rate: '0.04' } } });
  const w = e.waterfall;
  const pl = (key: string) => findRow(e.statements.profitAndLoss, key).values;

  it('borrows where distributions left too little cash for the major maintenance, and reports those years as failing survival', () => {
    const drawnYears = w.shortTerm.drawn.flatMap((v, t) => (v.isPositive() && !v.isZero() ? [e.years[t]!.calendarYear] : []));
    expect(drawnYears.length).toBeGreaterThan(0);
    expect(w.survivalFailures).toEqual(drawnYears);
    expect(e.debt.survivalFailures).toEqual(drawnYears);
    expect(e.warnings.some((x) => x.code === 'SURVIVAL_FAILS')).toBe(true);
    // Without distributions the retained cash pays for it: no failing year.
    expect(base.debt.survivalFailures).toEqual([]);
  });

  it('charges its interest (opening balance × 4%) to the P&L, and the tax falls by no more than 25% of it', () => {
    w.shortTerm.interest.forEach((v, t) => {
      const opening = t === 0 ? ZERO : w.shortTerm.closing[t - 1]!;
      expect(v.minus(opening.times('0.04')).abs().lt('1e-9')).toBe(true);
    });
    expect(pl('shortTermInterest').map(String)).toEqual(w.shortTerm.interest.map(String));
    const baseInterest = findRow(base.statements.profitAndLoss, 'interestExpense').values;
    pl('interestExpense').forEach((v, t) => expect(v.minus(baseInterest[t]!).minus(w.shortTerm.interest[t]!).abs().lt('1e-9')).toBe(true));
    const taxSaved = base.financing.incomeTax.incomeTax.reduce((s, v) => s.plus(v), ZERO).minus(e.financing.incomeTax.incomeTax.reduce((s, v) => s.plus(v), ZERO));
    const interest = w.shortTerm.interest.reduce((s, v) => s.plus(v), ZERO);
    expect(interest.isPositive()).toBe(true);
    expect(taxSaved.gte(0) && taxSaved.lte(interest.times('0.25').plus('0.01'))).toBe(true);
    // Repaid in full by the end: every 元 drawn is repaid.
    const sum = (row: typeof w.distributions) => row.reduce((s, v) => s.plus(v), ZERO);
    expect(sum(w.shortTerm.drawn).minus(sum(w.shortTerm.repaid)).minus(w.shortTerm.closing.at(-1)!).abs().lt('1e-9')).toBe(true);
  });
});
