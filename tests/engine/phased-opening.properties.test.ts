import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { D, ZERO } from '../../src/finance/decimal.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

/**
 * Random phased openings (methodology §10.11) of the funded test deal: C construction years, the garage
 * built by its opening year k ≤ C and its parking stream and staff opening with it, a loan of a random
 * share of the need and a random rate.
 */
const phasedDeal = fc
  .record({
    C: fc.integer({ min: 2, max: 4 }),
    opening: fc.integer({ min: 0, max: 3 }),
    N: fc.integer({ min: 3, max: 20 }),
    garage: fc.integer({ min: 100_000, max: 2_000_000_000 }),
    loanShare: fc.integer({ min: 0, max: 100 }),
    rate: fc.integer({ min: 0, max: 80 }),
    repayment: fc.constantFrom('annuity', 'equal-principal', 'bullet'),
  })
  .map((r) => {
    const k = Math.min(r.opening, r.C - 1);
    const input: DealInput = buildFundedDealInput({ timeline: { startYear: 2027, constructionYears: r.C, operatingYears: r.N } });
    const garage = input.capex.find((c) => c.id === 'garage')!;
    // Spent evenly over the years up to its opening: shares 1/(k+1), the last taking the rest.
    const part = new D(1).div(k + 1).toDecimalPlaces(6, D.ROUND_DOWN);
    const phasing = Array.from({ length: r.C }, (_, c) => (c < k ? part.toString() : c === k ? new D(1).minus(part.times(k)).toString() : '0'));
    Object.assign(garage, { amount: (r.garage / 100).toFixed(2), phasing, openingYear: 2027 + k, servesStreams: ['park'] });
    input.revenue![0]!.openingYear = 2027 + k;
    input.opex!.fixed![0]!.openingYear = 2027 + k;
    input.funding!.sources[4] = {
      id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'share-of-need', share: (r.loanShare / 100).toString() },
      rate: { kind: 'fixed', rate: (r.rate / 1000).toString() }, tenorYears: r.C + r.N, graceYears: 0, repayment: { kind: r.repayment },
    } as never;
    return { input, k, C: r.C };
  });

const values = (e: Evaluation, statement: keyof Evaluation['statements'], key: string) => findRow(e.statements[statement]!, key).values as D[];

describe('phased opening: funding still balances (methodology §8, §10.11)', () => {
  it('sources = uses every year to the 分, the balance sheet balances, each loan is repaid, and operation overlaps construction from the opening', () => {
    fc.assert(
      fc.property(phasedDeal, ({ input, k, C }) => {
        const parsed = parseDeal(input);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const e = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
        if (!e.ok) throw new Error(JSON.stringify(e.problems));
        const uses = values(e, 'investmentPlan', 'totalInvestment');
        const sources = values(e, 'investmentPlan', 'totalFunding');
        uses.forEach((u, t) => expect(u.toFixed(2), `year ${t + 1}`).toBe(sources[t]!.toFixed(2)));
        const assets = values(e, 'balanceSheet', 'totalAssets');
        const claims = values(e, 'balanceSheet', 'liabilitiesAndEquity');
        assets.forEach((a, t) => expect(a.minus(claims[t]!).abs().lt('0.005'), `balance sheet, year ${t + 1}`).toBe(true));
        for (const debt of e.financing.debts) {
          const drawn = debt.draw.reduce((s, v) => s.plus(v), ZERO).plus(debt.capitalisedInterest.reduce((s, v) => s.plus(v), ZERO));
          expect(debt.principal.reduce((s, v) => s.plus(v), ZERO).toFixed(2)).toBe(drawn.toFixed(2));
        }
        expect(e.years.map((y) => y.phase).slice(0, C)).toEqual(Array.from({ length: C }, (_, c) => (c < k ? 'construction' : 'construction-and-operation')));
        // The parking stream earns from the opening year; nothing before it.
        const revenue = values(e, 'projectCashFlow', 'operatingRevenue');
        expect(revenue.slice(0, k).every((v) => v.isZero())).toBe(true);
        expect(revenue[k]!.isPositive()).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
