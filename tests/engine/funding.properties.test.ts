import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

/** Random funded deals: amounts to the 分, phasing, split, grant, loan size, rate, tenor and repayment. */
const fundedDeal = fc
  .record({
    C: fc.integer({ min: 1, max: 3 }),
    N: fc.integer({ min: 5, max: 25 }),
    road: fc.integer({ min: 1, max: 900_000_000 }),
    water: fc.integer({ min: 0, max: 500_000_000 }),
    garage: fc.integer({ min: 100_000, max: 2_000_000_000 }),
    utilityShare: fc.integer({ min: 0, max: 100 }),
    central: fc.integer({ min: 0, max: 10_000_000 }),
    loanShare: fc.integer({ min: 0, max: 100 }),
    rate: fc.integer({ min: 0, max: 80 }),
    repayment: fc.constantFrom('annuity', 'equal-principal', 'bullet', 'sculpted'),
    grace: fc.integer({ min: 0, max: 2 }),
  })
  .map((r) => {
    const input = buildFundedDealInput({
      timeline: { startYear: 2027, constructionYears: r.C, operatingYears: r.N },
    });
    input.capex![0]!.amount = (r.road / 100).toFixed(2);
    input.capex![1]!.amount = (r.water / 100).toFixed(2);
    input.capex![3]!.amount = (r.garage / 100).toFixed(2);
    const f = input.funding!;
    f.sources[0] = { ...f.sources[0]!, amount: (r.central / 100).toFixed(2) } as never;
    f.sources[4] = {
      id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'share-of-need', share: (r.loanShare / 100).toString() },
      rate: { kind: 'fixed', rate: (r.rate / 1000).toString() }, tenorYears: r.C + r.N, graceYears: r.grace,
      repayment: r.repayment === 'sculpted' ? { kind: 'sculpted', targetDscr: '1.3' } : { kind: r.repayment },
    } as never;
    f.rules![0] = { kind: 'utility-split', basis: 'percentage', utilityShare: (r.utilityShare / 100).toString(), governmentSource: 'district' };
    return input;
  });

function evaluate(input: unknown): Evaluation {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const e = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
  if (!e.ok) throw new Error(JSON.stringify(e.problems));
  return e;
}
const total = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));

describe('funding invariants over random deals', () => {
  it('sources equal uses to the 分 in every year, and every amount is whole 分', () => {
    fc.assert(
      fc.property(fundedDeal, (input) => {
        const e = evaluate(input);
        const plan = e.statements.investmentPlan;
        expect(findRow(plan, 'totalFunding').values.map(String)).toEqual(findRow(plan, 'totalInvestment').values.map(String));
        for (const a of e.financing.funding.sources) for (const row of a.byItem.values()) for (const v of row) expect(v.decimalPlaces()).toBeLessThanOrEqual(2);
      }),
      { numRuns: 60 },
    );
  });

  it('each loan repays what it drew plus capitalised interest, and balances roll forward', () => {
    fc.assert(
      fc.property(fundedDeal, (input) => {
        for (const d of evaluate(input).financing.debts) {
          expect(total(d.principal).eq(total(d.draw).plus(total(d.capitalisedInterest)))).toBe(true);
          for (let t = 1; t < d.opening.length; t++) expect(d.opening[t]!.eq(d.closing[t - 1]!)).toBe(true);
          expect(d.closing.at(-1)!.isZero()).toBe(true);
          for (const v of d.principal) expect(v.isNegative()).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('contribution shares, present values and per-household amounts add up exactly to their totals', () => {
    fc.assert(
      fc.property(fundedDeal, (input) => {
        const c = evaluate(input).contributions;
        const sumOf = <T>(rows: T[], pick: (r: T) => D) => rows.reduce((s, r) => s.plus(pick(r)), new D(0));
        expect(sumOf(c.bySource, (r) => r.nominal).eq(c.total.nominal)).toBe(true);
        expect(sumOf(c.bySource, (r) => r.pv).eq(c.total.pv)).toBe(true);
        expect(sumOf(c.bySource, (r) => r.share).eq(1)).toBe(true);
        expect(sumOf(c.byParty, (r) => r.nominal).eq(c.total.nominal)).toBe(true);
        expect(sumOf(c.byCategory, (r) => r.total).eq(c.total.nominal)).toBe(true);
        expect(sumOf(c.perHousehold!, (r) => r.amount).eq(c.total.nominal.div(400).toDecimalPlaces(2))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
