import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { findRow } from '../../../src/engine/statement.js';
import { D, ZERO } from '../../../src/finance/decimal.js';
import { evaluateInput } from '../../helpers/evaluate-input.js';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';

const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), ZERO);
const withSweep = (cashSweep: object, extra: object = {}) => ({ ...buildFundedDealInput(), waterfall: { cashSweep, ...extra } });
const sources = buildFundedDealInput().funding!.sources!;
const withLoan = (fields: object) => sources.map((s) => (s.id === 'loan' ? { ...s, ...fields } : s));

describe('a cash sweep in an evaluation (methodology §11.11)', () => {
  // The funded deal: a 3,000,000 annuity loan at 4% (LPR 3.5% + 0.5%), grace year 3, repaid years 4–10 (2030–2036).
  const plain = evaluateInput(buildFundedDealInput());
  const e = evaluateInput(withSweep({ sourceId: 'loan', share: '0.5' }));
  const w = e.waterfall;
  const loanOf = (x: typeof e) => x.financing.debts.find((d) => d.source.id === 'loan')!;
  const loan = loanOf(e);
  const base = loanOf(plain);
  const C = e.projection.timeline.C;

  it('prepays half of each operating year\'s own cash left, rounded down to the 分, never more than the loan owes', () => {
    expect(w.sweep!.prepayment.some((v) => v.gt(0))).toBe(true);
    w.sweep!.prepayment.forEach((v, t) => {
      const half = w.sweep!.available[t]!.times('0.5').toDecimalPlaces(2, D.ROUND_DOWN);
      const capacity = loan.closing[t]!.plus(loan.prepayment[t]!);
      expect(v.eq(D.min(half, capacity))).toBe(true);
      expect(v.lte(w.sweep!.available[t]!)).toBe(true);
      if (t < C) expect(v.isZero()).toBe(true);
    });
    // The loan took exactly what the waterfall swept: settled.
    expect(loan.prepayment.map(String)).toEqual(w.sweep!.prepayment.map(String));
  });

  it('charges interest on the reduced balance: each year\'s interest = opening × 4% to the 分, less in all than without the sweep', () => {
    for (let t = C; t < loan.interest.length; t++) expect(loan.interest[t]!.toFixed(2)).toBe(loan.opening[t]!.times('0.04').toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2));
    const saved = sum(base.interest).minus(sum(loan.interest));
    expect(saved.gt(0)).toBe(true);
    // The saving reaches the P&L: 利息支出 falls by the interest saved, and 利润总额 rises by the same.
    const pl = (x: typeof e, key: string) => sum(findRow(x.statements.profitAndLoss, key).values);
    expect(pl(plain, 'interestExpense').minus(pl(e, 'interestExpense')).toFixed(2)).toBe(saved.toFixed(2));
    expect(pl(e, 'profitBeforeTax').minus(pl(plain, 'profitBeforeTax')).toFixed(2)).toBe(saved.toFixed(2));
  });

  it('ends the loan earlier and repays exactly what was drawn plus capitalised, scheduled or prepaid', () => {
    const lastOf = (d: typeof loan) => d.closing.findIndex((v, t) => t >= C && v.isZero());
    expect(lastOf(loan)).toBeLessThan(lastOf(base));
    expect(sum(loan.principal).plus(sum(loan.prepayment)).toFixed(2)).toBe(sum(loan.draw).plus(sum(loan.capitalisedInterest)).toFixed(2));
    const cover = e.debt.facilities.find((f) => f.sourceId === 'loan')!;
    const baseCover = plain.debt.facilities.find((f) => f.sourceId === 'loan')!;
    expect(cover.finalMaturityYear!).toBeLessThan(baseCover.finalMaturityYear!);
  });

  it('does not count the prepayment as debt service: DSCR = CFADS / (interest + scheduled principal)', () => {
    e.debt.dscr.forEach((v, t) => {
      if (v === null) return;
      expect(v.toString()).toBe(e.financing.cfads[t]!.div(loan.interestPaid[t]!.plus(loan.principal[t]!)).toString());
    });
    expect(findRow(e.statements.debtService, 'debtService').values.map(String)).toEqual(loan.debtService.map(String));
  });

  it('shows the prepayment as its own row of the 财务计划现金流量表 and the loan\'s schedule; the balance sheet still balances', () => {
    expect(findRow(e.statements.financialPlan, 'sweepPrepayment').values.map(String)).toEqual(w.sweep!.prepayment.map(String));
    expect(findRow(e.statements.debtService, 'loan.prepayment').values.map(String)).toEqual(loan.prepayment.map(String));
    const surplus = findRow(e.statements.financialPlan, 'cumulativeSurplus').values;
    surplus.forEach((v, t) => expect(v.minus(w.freeCash[t]!).abs().lt('0.005')).toBe(true));
    const bs = (key: string) => findRow(e.statements.balanceSheet, key).values;
    bs('totalAssets').forEach((a, t) => expect(a.minus(bs('liabilitiesAndEquity')[t]!).abs().lt('0.005')).toBe(true));
    // Without a sweep neither row exists.
    expect(plain.statements.financialPlan.rows.some((r) => r.key === 'sweepPrepayment')).toBe(false);
    expect(plain.waterfall.sweep).toBeUndefined();
  });

  it('sweeps before distributions: a distributing deal pays out only what the sweep left', () => {
    const d = evaluateInput(withSweep({ sourceId: 'loan', share: '1' }, { distributions: { enabled: true } }));
    const dl = d.financing.debts.find((x) => x.source.id === 'loan')!;
    // While the loan still owes after the sweep, the whole of the year's own cash went to it: what is
    // distributed that year comes only out of cash retained before (the free cash at the start of the year)
    // and the under one 分 the sweep leaves when it rounds down.
    d.waterfall.sweep!.prepayment.forEach((v, t) => {
      if (t >= C && v.gt(0) && dl.closing[t]!.gt(0)) expect(d.waterfall.distributions[t]!.lte(d.waterfall.freeCash[t - 1]!.plus('0.01'))).toBe(true);
    });
    expect(sum(d.waterfall.distributions).gt(0)).toBe(true);
  });

  it('re-amortises: the instalment after a prepayment is lower and the loan runs to its tenor', () => {
    const r = evaluateInput(withSweep({ sourceId: 'loan', share: '0.2', mode: 'reamortise' }));
    const rl = r.financing.debts.find((d) => d.source.id === 'loan')!;
    const last = rl.debtService.reduce((at, v, t) => (v.isZero() ? at : t), -1);
    expect(last).toBe(base.debtService.reduce((at, v, t) => (v.isZero() ? at : t), -1));
    // The first prepayment in a repayment year (year C is the grace year, interest only).
    const first = rl.prepayment.findIndex((v, t) => t > C && v.gt(0));
    expect(rl.debtService[first + 1]!.lt(rl.debtService[first]!)).toBe(true);
    expect(rl.closing[last]!.isZero()).toBe(true);
  });
});

describe('cash sweep settings are checked (methodology §11.11)', () => {
  const problemsOf = (cashSweep: object, funding?: object) => {
    const input = { ...buildFundedDealInput(), waterfall: { cashSweep }, ...(funding ? { funding } : {}) };
    const parsed = parseDeal(input);
    return parsed.ok ? [] : parsed.problems.map((p) => `${p.code} ${p.path}`);
  };
  // The single-object form (saved before several sweeps were offered) is read as a list of one, so its problems are at [0].
  it('names an unknown source, a source that is not a bank loan, a share out of range and an unknown mode', () => {
    expect(problemsOf({ sourceId: 'nope', share: '0.5' })).toContain('UNKNOWN_REFERENCE waterfall.cashSweep[0].sourceId');
    expect(problemsOf({ sourceId: 'soe', share: '0.5' })).toContain('WRONG_SOURCE_KIND waterfall.cashSweep[0].sourceId');
    expect(problemsOf({ sourceId: 'loan', share: '1.5' }).some((p) => p.endsWith('waterfall.cashSweep[0].share'))).toBe(true);
    expect(problemsOf({ sourceId: 'loan', share: '-0.1' }).some((p) => p.endsWith('waterfall.cashSweep[0].share'))).toBe(true);
    expect(problemsOf({ sourceId: 'loan', share: '0.5', mode: 'faster' }).some((p) => p.endsWith('waterfall.cashSweep[0].mode'))).toBe(true);
    expect(problemsOf({ sourceId: 'loan', share: '0.5' })).toEqual([]);
  });
  it('refuses a special bond and a sculpted loan as the target', () => {
    const f = buildFundedDealInput().funding!;
    const bond = { id: 'bond', name: '专项债', kind: 'special-bond', level: 'provincial', amount: '1000000', couponRate: '0.03', tenorYears: 10, principal: { kind: 'bullet' } };
    const withBond = { ...f, sources: [...f.sources!, bond] };
    expect(problemsOf({ sourceId: 'bond', share: '0.5' }, withBond)).toContain('WRONG_SOURCE_KIND waterfall.cashSweep[0].sourceId');
    const sculpted = { ...f, sources: withLoan({ repayment: { kind: 'sculpted', targetDscr: '1.3' } }) };
    expect(problemsOf({ sourceId: 'loan', share: '0.5' }, sculpted)).toContain('SWEEP_OF_SCULPTED_LOAN waterfall.cashSweep[0].sourceId');
  });
});

describe('cash sweep properties over generated deals (methodology §11.11)', () => {
  it('repays drawn + capitalised exactly, keeps balances ≥ 0 and never sweeps more than the cash available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 60 }).map((x) => String(x * 100_000)),
        fc.integer({ min: 20, max: 80 }).map((x) => String(x / 1000)),
        fc.integer({ min: 0, max: 100 }).map((x) => String(x / 100)),
        fc.constantFrom('shorten', 'reamortise'),
        fc.constantFrom('annuity', 'equal-principal', 'bullet'),
        fc.boolean(),
        (amount, lpr, share, mode, kind, distribute) => {
          const input = {
            ...buildFundedDealInput(),
            funding: { ...buildFundedDealInput().funding!, sources: withLoan({ size: { kind: 'amount', amount }, rate: { kind: 'lpr', lpr, spread: '0.005' }, repayment: { kind } }) },
            waterfall: { cashSweep: { sourceId: 'loan', share, mode }, distributions: { enabled: distribute } },
          };
          const x = evaluateInput(input);
          const l = x.financing.debts.find((d) => d.source.id === 'loan')!;
          expect(sum(l.principal).plus(sum(l.prepayment)).toFixed(2)).toBe(sum(l.draw).plus(sum(l.capitalisedInterest)).toFixed(2));
          expect(l.closing.every((v) => !v.isNegative())).toBe(true);
          x.waterfall.sweep!.prepayment.forEach((v, t) => {
            expect(v.isNegative()).toBe(false);
            expect(v.lte(x.waterfall.sweep!.available[t]!.times(share))).toBe(true);
          });
          expect(x.waterfall.freeCash.every((v) => v.gte('-0.005'))).toBe(true);
        },
      ),
      { numRuns: 12, seed: 1511 },
    );
  }, 240_000);
});
