import { describe, expect, it } from 'vitest';
import type { BankLoan, SpecialBond } from '../../src/deal/funding-schema.js';
import { fundingSourceSchema } from '../../src/deal/funding-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { scheduleBond, scheduleLoan } from '../../src/engine/debt-schedule.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { D } from '../../src/finance/decimal.js';
import { ipmt, pmt, ppmt } from '../../src/finance/index.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

const loan = (fields: object) =>
  fundingSourceSchema.parse({ id: 'l', name: '贷款', kind: 'bank-loan', size: { kind: 'need' }, rate: { kind: 'fixed', rate: '0.05' }, tenorYears: 6, ...fields }) as BankLoan;
const series = (...values: (string | number)[]) => values.map((v) => new D(v));
const fen = (row: D[]) => row.map((v) => v.toFixed(2));
const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));

describe('bank loan schedules', () => {
  // One construction year drawing 1,000,000 mid-year at 5%: interest (0 + 1,000,000 / 2) × 5% = 25,000,
  // capitalised, so repayment starts from 1,025,000 over years 2–6 (n = 5).
  const draws = series(1_000_000, 0, 0, 0, 0, 0, 0);

  it('等额本息 pays PMT every year and matches IPMT/PPMT to the 分', () => {
    const s = scheduleLoan(loan({ repayment: { kind: 'annuity' } }), draws, 1);
    expect(s.capitalisedInterest[0]!.toFixed(2)).toBe('25000.00');
    const payment = pmt('0.05', 5, '1025000').negated();
    for (let k = 1; k <= 5; k++) {
      expect(s.interestPaid[k]!.minus(ipmt('0.05', k, 5, '1025000').negated()).abs().lte('0.01')).toBe(true);
      expect(s.principal[k]!.minus(ppmt('0.05', k, 5, '1025000').negated()).abs().lte('0.02')).toBe(true);
      if (k < 5) expect(s.debtService[k]!.toFixed(2)).toBe(payment.toDecimalPlaces(2).toFixed(2));
    }
    expect(sum(s.principal).toFixed(2)).toBe('1025000.00');
    expect(s.closing[5]!.toFixed(2)).toBe('0.00');
  });

  it('等额本金 repays equal principal, interest on the falling balance', () => {
    const s = scheduleLoan(loan({ repayment: { kind: 'equal-principal' } }), draws, 1);
    expect(fen(s.principal.slice(1, 6))).toEqual(['205000.00', '205000.00', '205000.00', '205000.00', '205000.00']);
    expect(fen(s.interestPaid.slice(1, 6))).toEqual(['51250.00', '41000.00', '30750.00', '20500.00', '10250.00']);
  });

  it('a bullet pays interest only, then the whole balance at maturity; grace years pay interest only', () => {
    const bullet = scheduleLoan(loan({ repayment: { kind: 'bullet' } }), draws, 1);
    expect(fen(bullet.principal.slice(1, 6))).toEqual(['0.00', '0.00', '0.00', '0.00', '1025000.00']);
    const grace = scheduleLoan(loan({ repayment: { kind: 'equal-principal' }, graceYears: 2 }), draws, 1);
    expect(fen(grace.principal.slice(1, 6))).toEqual(['0.00', '0.00', '341666.67', '341666.67', '341666.66']);
  });

  it('a custom schedule splits the balance by its shares', () => {
    const s = scheduleLoan(loan({ repayment: { kind: 'custom', shares: ['0.1', '0.1', '0.2', '0.3', '0.3'] } }), draws, 1);
    expect(fen(s.principal.slice(1, 6))).toEqual(['102500.00', '102500.00', '205000.00', '307500.00', '307500.00']);
  });

  it('construction interest the deal says is paid is paid in cash and not rolled up', () => {
    const s = scheduleLoan(loan({ repayment: { kind: 'bullet' }, constructionInterest: 'paid' }), draws, 1);
    expect(s.interestPaid[0]!.toFixed(2)).toBe('25000.00');
    expect(s.closing[0]!.toFixed(2)).toBe('1000000.00');
  });

  it('balances roll forward: closing of year t is the opening of year t + 1', () => {
    const s = scheduleLoan(loan({ repayment: { kind: 'annuity' } }), series(400_000, 600_000, 0, 0, 0, 0, 0), 2);
    for (let t = 1; t < s.opening.length; t++) expect(s.opening[t]!.eq(s.closing[t - 1]!)).toBe(true);
    expect(sum(s.principal).eq(sum(s.draw).plus(sum(s.capitalisedInterest)))).toBe(true);
  });
});

describe('special bonds', () => {
  const bond = (principal: object) =>
    fundingSourceSchema.parse({ id: 'b', name: '专项债', kind: 'special-bond', level: 'municipal', amount: '1000000', couponRate: '0.025', tenorYears: 5, principal, issuanceCostRate: '0.001' }) as SpecialBond;

  it('issues mid-year, pays half a coupon in the year of issue and repays a bullet on the anniversary', () => {
    const s = scheduleBond(bond({ kind: 'bullet' }), series(1_000_000, 0, 0, 0, 0, 0, 0));
    // 12,500 in the year of issue, 25,000 a year, then half a year's coupon and the principal in bond year 6.
    expect(fen(s.interestPaid)).toEqual(['12500.00', '25000.00', '25000.00', '25000.00', '25000.00', '12500.00', '0.00']);
    expect(fen(s.principal)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '1000000.00', '0.00']);
    expect(s.issuanceCost[0]!.toFixed(2)).toBe('1000.00');
  });

  it('repays 20% a year in bond years 2–6 on a schedule', () => {
    const shares = [2, 3, 4, 5, 6].map((bondYear) => ({ bondYear, share: '0.2' }));
    const s = scheduleBond(bond({ kind: 'schedule', shares }), series(1_000_000, 0, 0, 0, 0, 0, 0));
    expect(fen(s.principal.slice(1, 6))).toEqual(['200000.00', '200000.00', '200000.00', '200000.00', '200000.00']);
    // Year 2: (1,000,000 − 200,000 / 2) × 2.5% = 22,500.
    expect(s.interestPaid[1]!.toFixed(2)).toBe('22500.00');
  });
});

describe('a sculpted loan whose target service is below the interest', () => {
  it('repays no principal that year (never a negative principal) and pays the interest in full', () => {
    // One construction year: 1,000,000 drawn mid-year at 10%, interest paid (0 + 500,000) × 10% = 50,000.
    // Repayment years 2–4. Year 2's target service 60,000 is below the interest 100,000: principal
    // max(0, 60,000 − 100,000) = 0, balance stays 1,000,000. Year 3: 600,000 − 100,000 = 500,000.
    // Year 4, the last, clears the 500,000 left, interest 50,000.
    const l = loan({ rate: { kind: 'fixed', rate: '0.1' }, tenorYears: 4, constructionInterest: 'paid', repayment: { kind: 'sculpted', targetDscr: '1.3' } });
    const s = scheduleLoan(l, series(1_000_000, 0, 0, 0), 1, series(0, 60_000, 600_000, 550_000));
    expect(fen(s.principal)).toEqual(['0.00', '0.00', '500000.00', '500000.00']);
    expect(fen(s.interestPaid)).toEqual(['50000.00', '100000.00', '100000.00', '50000.00']);
    expect(fen(s.closing)).toEqual(['1000000.00', '1000000.00', '500000.00', '0.00']);
    expect(fen(s.debtService)).toEqual(['50000.00', '100000.00', '600000.00', '550000.00']);
  });
});

describe('a loan sculpted to a target DSCR', () => {
  function evaluateSculpted(targetDscr: string, amount = '6000000') {
    const input = buildFundedDealInput();
    const sources = input.funding!.sources;
    sources[4] = { id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'amount', amount }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 12, repayment: { kind: 'sculpted', targetDscr } };
    const parsed = parseDeal(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const e = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
    if (!e.ok) throw new Error(JSON.stringify(e.problems));
    return e;
  }

  it('hits the target DSCR in every repayment year when CFADS limits the loan', () => {
    const e = evaluateSculpted('1.3');
    const dscr = e.debt.dscr.filter((v): v is D => v !== null);
    expect(dscr).toHaveLength(10);
    for (const v of dscr) expect(v.minus('1.3').abs().lt('1e-6')).toBe(true);
    const s = e.financing.debts[0]!;
    expect(sum(s.principal).eq(sum(s.draw).plus(sum(s.capitalisedInterest)))).toBe(true);
    // CFADS of about 0.69m a year repays less than the 6m asked: the loan is capped, equity pays the rest.
    expect(sum(s.draw).lt(6_000_000)).toBe(true);
  });

  it('rounds the sculpted service down, so no year but the last (which clears the balance) falls below the target', () => {
    const e = evaluateSculpted('1.3');
    const years = e.debt.dscr.flatMap((v, t) => (v === null ? [] : [t]));
    for (const t of years.slice(0, -1)) expect(e.debt.dscr[t]!.gte('1.3')).toBe(true);
    // The last year's rounding shortfall is a few 角 at most, and not a covenant breach.
    const last = years.at(-1)!;
    expect(e.financing.debtService[last]!.minus(e.financing.cfads[last]!.div('1.3')).lt(1)).toBe(true);
    expect(e.debt.flags.map((f) => f.code)).not.toContain('DSCR_BELOW_MINIMUM');
  });

  it('never lends above the need: a small need is lent in full at a higher, constant DSCR', () => {
    const e = evaluateSculpted('1.3', '1000000');
    const dscr = e.debt.dscr.filter((v): v is D => v !== null);
    expect(sum(e.financing.debts[0]!.draw).toFixed(2)).toBe('1000000.00');
    const first = dscr[0]!;
    expect(first.gt('1.3')).toBe(true);
    // Constant but for rounding: service is rounded down to the 分 each year and the last year clears
    // the balance, a few 分 on some 135,000 元 of service, i.e. a few millionths of the ratio.
    for (const v of dscr) expect(v.minus(first).abs().lt('1e-5')).toBe(true);
  });
});
