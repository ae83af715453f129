import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { runRepaymentAccount } from '../../../src/engine/bonds/repayment-account.js';
import { evaluateDeal, type Evaluation } from '../../../src/engine/evaluate-deal.js';
import { D } from '../../../src/finance/decimal.js';
import { buildBondDealInput } from '../../helpers/bond-deal.js';

const series = (values: (string | number)[]) => values.map((v) => new D(v));
const fixed = (row: D[], places = 2) => row.map((v) => v.toFixed(places));
const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));

describe('the repayment account under combined financing (组合融资): the order of bond and loan service', () => {
  // Bond service 100, 100, 1,100 (a bullet in year 3); the loan's 200 a year; the account is the only payer in view.
  const bond = series([100, 100, 1100]);
  const loan = series([200, 200, 200]);

  it('pays the bond first by default, the loan from what is left, the issuer topping up only the bond', () => {
    // Income 250 a year. Year 1: 250 − bond 100 = 150 to the loan (50 unpaid), balance 0; year 2 the same;
    // year 3: all 250 to the bond's 1,100 → top-up 850; nothing left for the loan (200 unpaid).
    const a = runRepaymentAccount(series([250, 250, 250]), bond, 0, 2, { loanService: loan });
    expect(fixed(a.paid)).toEqual(['100.00', '100.00', '250.00']);
    expect(fixed(a.topUp)).toEqual(['0.00', '0.00', '850.00']);
    expect(fixed(a.loanPaid)).toEqual(['150.00', '150.00', '0.00']);
    expect(fixed(a.loanUnpaid)).toEqual(['50.00', '50.00', '200.00']);
    expect(fixed(a.closing)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('pays the loan first when the deal says so: the issuer tops up more', () => {
    // Year 1: loan 200, bond the 50 left (top-up 50); year 2 the same; year 3: loan 200, bond 50, top-up 1,050.
    const a = runRepaymentAccount(series([250, 250, 250]), bond, 0, 2, { loanService: loan, order: 'loan-first' });
    expect(fixed(a.loanPaid)).toEqual(['200.00', '200.00', '200.00']);
    expect(fixed(a.paid)).toEqual(['50.00', '50.00', '50.00']);
    expect(fixed(a.topUp)).toEqual(['50.00', '50.00', '1050.00']);
    expect(fixed(a.loanUnpaid)).toEqual(['0.00', '0.00', '0.00']);
  });

  it('shares a short account pro rata to what falls due', () => {
    // Year 1: due 300 > 250: bond 250 × 100 / 300 = 83.333…, loan 166.666…; year 3: due 1,300:
    // bond 250 × 1,100 / 1,300 = 211.538461…, loan 38.461538…, top-up 1,100 − 211.538461… = 888.461538…
    const a = runRepaymentAccount(series([250, 250, 250]), bond, 0, 2, { loanService: loan, order: 'pro-rata' });
    expect(fixed(a.paid, 6)).toEqual(['83.333333', '83.333333', '211.538462']);
    expect(fixed(a.loanPaid, 6)).toEqual(['166.666667', '166.666667', '38.461538']);
    expect(fixed(a.topUp, 6)).toEqual(['16.666667', '16.666667', '888.461538']);
    // Paid in full when the account can: income 400 covers 300.
    const full = runRepaymentAccount(series([400]), series([100]), 0, 0, { loanService: series([200]), order: 'pro-rata' });
    expect([full.paid[0]!.toFixed(2), full.loanPaid[0]!.toFixed(2), full.closing[0]!.toFixed(2)]).toEqual(['100.00', '200.00', '100.00']);
  });

  it('decides how much of a bullet the accumulated balance repays', () => {
    // Income 500 a year. Bond first: 500 − 100 − 200 = 200 kept in years 1 and 2 → 400; year 3: 900 available,
    // the bullet year's 1,100 takes 900 (top-up 200), the loan's 200 goes unpaid.
    // Loan first: the same balance 400; year 3: the loan 200 first, the bond 700, top-up 400.
    const income = series([500, 500, 500]);
    const bondFirst = runRepaymentAccount(income, bond, 0, 2, { loanService: loan });
    const loanFirst = runRepaymentAccount(income, bond, 0, 2, { loanService: loan, order: 'loan-first' });
    expect(fixed(bondFirst.closing)).toEqual(['200.00', '400.00', '0.00']);
    expect([bondFirst.topUp[2]!.toFixed(2), bondFirst.loanUnpaid[2]!.toFixed(2)]).toEqual(['200.00', '200.00']);
    expect([loanFirst.topUp[2]!.toFixed(2), loanFirst.loanUnpaid[2]!.toFixed(2)]).toEqual(['400.00', '0.00']);
  });

  it('in every order: each due is paid or left, the balance never negative, money in = money out + balance (property)', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000 }).map((v) => new D(v).div(100));
    const order = fc.constantFrom('bond-first' as const, 'loan-first' as const, 'pro-rata' as const);
    fc.assert(
      fc.property(fc.array(fc.tuple(amount.map((v) => v.minus(20_000)), amount, amount), { minLength: 1, maxLength: 25 }), order, (years, o) => {
        const income = years.map(([i]) => i);
        const bondService = years.map(([, s]) => s);
        const loanService = years.map(([, , l]) => l);
        const a = runRepaymentAccount(income, bondService, 0, years.length - 1, { loanService, order: o });
        years.forEach((_, t) => {
          expect(a.closing[t]!.gte(0)).toBe(true);
          expect(a.paid[t]!.plus(a.topUp[t]!).eq(bondService[t]!)).toBe(true);
          expect(a.loanPaid[t]!.plus(a.loanUnpaid[t]!).eq(loanService[t]!)).toBe(true);
          expect(a.topUp[t]!.gte(0) && a.loanUnpaid[t]!.gte(0)).toBe(true);
        });
        expect(sum(a.deposit).minus(sum(a.paid)).minus(sum(a.loanPaid)).minus(a.closing[a.closing.length - 1]!).abs().lt('1e-20')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('a deal whose bond and bank loan share the car park income', () => {
  const evaluate = (input: unknown): Evaluation => {
    const parsed = parseDeal(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const e = evaluateDeal(parsed.deal, { asOf: '2026-01-01', breakEven: false });
    if (!e.ok) throw new Error(JSON.stringify(e.problems));
    return e;
  };
  // The two-batch bond of tests/helpers/bond-deal.ts earmarked to a fifth of the car park (480,000 a year less a fifth
  // of its 0.8 share of staff: 480,000 − 48,000 = 432,000 net), and a 2,000,000 bank loan served by the same income.
  const withLoan = (serviceOrder?: string) => {
    const input = buildBondDealInput({}, { earmark: { streams: [{ stream: 'park', share: '0.2' }], alsoServes: ['loan'], ...(serviceOrder ? { serviceOrder } : {}) } }) as { funding: { sources: unknown[]; fill: unknown[] } };
    input.funding.sources.push({ id: 'loan', name: '银行贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '2000000' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 7, repayment: { kind: 'equal-principal' } });
    input.funding.fill = [{ source: 'bond' }, { source: 'loan' }, { source: 'soe' }];
    return evaluate(input);
  };
  const bondFirst = withLoan();
  const loanFirst = withLoan('loan-first');
  const bondOf = (e: Evaluation) => e.bonds.find((b) => b.id === 'bond')!;

  it('pays the loan from the account after the bond by default, leaving the rest of its service to the borrower', () => {
    const b = bondOf(bondFirst);
    const loan = bondFirst.financing.debts.find((d) => d.source.id === 'loan')!;
    expect(b.rows.order).toBe('bond-first');
    expect(b.notes.serviceOrder).toBe('the repayment account pays the bond first, then the loans (loan)');
    for (const r of b.table) {
      const t = bondFirst.projection.timeline.years.findIndex((y) => y.calendarYear === r.year);
      expect(r.loanService.eq(loan.debtService[t]!)).toBe(true);
      expect(r.loanPaidFromAccount.plus(r.loanUnpaid).eq(r.loanService)).toBe(true);
      expect(r.paidFromAccount.plus(r.issuerTopUp).eq(r.service)).toBe(true);
    }
    // 2028: 432,000 in, the bond's 204,000 first, 228,000 left for the loan's service.
    const y2028 = b.table.find((r) => r.year === 2028)!;
    expect([y2028.netIncome.toFixed(2), y2028.paidFromAccount.toFixed(2), y2028.loanPaidFromAccount.toFixed(2), y2028.accountBalance.toFixed(2)]).toEqual(['432000.00', '204000.00', '228000.00', '0.00']);
  });

  it('loan first moves the shortfall from the borrower to the issuer, by the same amount overall', () => {
    const a = bondOf(bondFirst);
    const b = bondOf(loanFirst);
    // The account pays out the same money either way (it is empty each year here): what the issuer tops up more
    // under loan-first is exactly what the borrower is left less.
    expect(b.totals.issuerTopUp.gt(a.totals.issuerTopUp)).toBe(true);
    expect(b.totals.issuerTopUp.minus(a.totals.issuerTopUp).eq(a.totals.loanUnpaid.minus(b.totals.loanUnpaid))).toBe(true);
    // Coverage does not depend on the order: Σ net income / Σ service.
    expect(b.coverageNet!.eq(a.coverageNet!)).toBe(true);
    expect(b.coverageAllDebt!.eq(a.coverageAllDebt!)).toBe(true);
  });

  it('refuses an order it does not know, naming the field', () => {
    const parsed = parseDeal(buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }], serviceOrder: 'loans-first' } }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual([expect.objectContaining({ path: 'funding.sources[0].earmark.serviceOrder', message: 'must be bond-first, loan-first or pro-rata' })]);
  });
});
