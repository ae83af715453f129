import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { accumulateSeries, computeDiscountFactors, discountSeries } from '../../src/engine/series.js';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';
import { buildDealInput } from '../helpers/build-deal.js';

/** Random but well-formed deals: parking, advertising, a canteen, fixed and proportional costs. */
const dealArbitrary = fc
  .record({
    C: fc.integer({ min: 1, max: 3 }),
    N: fc.integer({ min: 3, max: 25 }),
    // Multiples of 600 元 split into whole 分 over 1–3 construction years, also at half, so the phasing
    // rounds nothing and scaling stays exact.
    investorCapex: fc.integer({ min: 167, max: 83_000 }).map((x) => x * 600),
    publicCapex: fc.integer({ min: 0, max: 83_000 }).map((x) => x * 600),
    spaces: fc.integer({ min: 10, max: 800 }),
    fee: fc.integer({ min: 50, max: 400 }),
    occupancy: fc.array(fc.integer({ min: 30, max: 100 }), { minLength: 1, maxLength: 4 }),
    panels: fc.integer({ min: 0, max: 60 }),
    meals: fc.integer({ min: 0, max: 400 }),
    staff: fc.integer({ min: 0, max: 2_000_000 }),
    maintenanceShare: fc.integer({ min: 0, max: 30 }),
    escalation: fc.integer({ min: 0, max: 4 }),
    residual: fc.integer({ min: 0, max: 50 }),
  })
  .map((r): DealInput =>
    buildDealInput({
      timeline: { startYear: 2027, constructionYears: r.C, operatingYears: r.N },
      scope: { households: 1000, parkingSpaces: r.spaces },
      capex: [
        { id: 'centre', name: '中心', category: 'enhancement', kind: 'neighbourhood-centre', amount: String(r.investorCapex), owner: 'investor', depreciationYears: 30 },
        { id: 'pipes', name: '管网', category: 'basic', kind: 'pipeline', utility: 'water', amount: String(r.publicCapex), owner: 'utility' },
      ],
      revenue: [
        { id: 'park', name: '停车', driver: 'parking', occupancy: r.occupancy.map((o) => (o / 100).toString()), monthlyFee: String(r.fee), escalation: { kind: 'annual', rate: (r.escalation / 100).toString() } },
        { id: 'ads', name: '广告', driver: 'advertising', panels: r.panels, annualRentPerPanel: '4000' },
        { id: 'meals', name: '助餐', driver: 'canteen', mealsPerDay: r.meals, averagePrice: '12', foodCostShare: '0.55', taxIncentive: 'community-care' },
      ],
      opex: {
        fixed: [{ id: 'staff', name: '人员', annualAmount: String(r.staff) }],
        percentOfCapex: [{ id: 'upkeep', name: '维护', share: (r.maintenanceShare / 1000).toString(), inputVatRate: '0.13' }],
      },
      handBack: { residualValue: String(Math.floor((r.investorCapex * r.residual) / 200)) },
    }),
  );

function evaluate(input: DealInput): Evaluation {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const outcome = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome;
}

/** Multiply every money input of a deal by k (amounts and prices; not rates, shares or counts). */
function scaleMoney(input: DealInput, k: number): DealInput {
  const times = (v: unknown) => new D(v as string).times(k).toString();
  const scaled = structuredClone(input);
  for (const item of scaled.capex) item.amount = times(item.amount);
  for (const s of scaled.revenue ?? []) {
    if (s.driver === 'parking') s.monthlyFee = times(s.monthlyFee);
    if (s.driver === 'advertising') s.annualRentPerPanel = times(s.annualRentPerPanel);
    if (s.driver === 'canteen') s.averagePrice = times(s.averagePrice);
  }
  for (const f of scaled.opex?.fixed ?? []) f.annualAmount = times(f.annualAmount);
  if (scaled.handBack?.residualValue !== undefined) scaled.handBack.residualValue = times(scaled.handBack.residualValue);
  return scaled;
}

const closeRelative = (a: D, b: D) => a.minus(b).abs().lte(b.abs().times('1e-20').plus('1e-18'));

describe('engine invariants over random deals', () => {
  it('scaling every money input by k scales money outputs by k and leaves rates unchanged', () => {
    fc.assert(
      fc.property(dealArbitrary, fc.constantFrom(2, 7, 10, 0.5), (input, k) => {
        const base = evaluate(input);
        const scaled = evaluate(scaleMoney(input, k));
        expect(closeRelative(scaled.metrics.projectNpvAfterTax, base.metrics.projectNpvAfterTax.times(k))).toBe(true);
        expect(closeRelative(scaled.metrics.totalInvestment, base.metrics.totalInvestment.times(k))).toBe(true);
        const baseRows = base.statements.profitAndLoss.rows;
        scaled.statements.profitAndLoss.rows.forEach((row, r) =>
          row.values.forEach((v, i) => expect(closeRelative(v, baseRows[r]!.values[i]!.times(k))).toBe(true)),
        );
        for (const key of ['projectIrrPreTax', 'projectIrrAfterTax'] as const) {
          const a = base.metrics[key];
          const b = scaled.metrics[key];
          if (a === null || b === null) expect(b).toBe(a);
          else expect(Math.abs(a.toNumber() - b.toNumber())).toBeLessThan(1e-9);
        }
        expect(scaled.metrics.roi?.toFixed(15)).toBe(base.metrics.roi?.toFixed(15));
        const bo = base.metrics.breakEvenParkingOccupancy;
        const so = scaled.metrics.breakEvenParkingOccupancy;
        if (bo === null || so === null) expect(so).toBe(bo);
        else expect(Math.abs(bo.toNumber() - so.toNumber())).toBeLessThan(1e-5);
      }),
      { numRuns: 25 },
    );
  });

  it('cumulative rows equal running sums, and inflow − outflow is the pre-tax flow', () => {
    fc.assert(
      fc.property(dealArbitrary, (input) => {
        const cf = evaluate(input).statements.projectCashFlow;
        const value = (key: string) => findRow(cf, key).values;
        expect(value('cumulativePreTax').map(String)).toEqual(accumulateSeries(value('netCashFlowPreTax')).map(String));
        expect(value('cumulativeAfterTax').map(String)).toEqual(accumulateSeries(value('netCashFlowAfterTax')).map(String));
        value('cashInflow').forEach((inflow, i) => expect(inflow.minus(value('cashOutflow')[i]!).eq(value('netCashFlowPreTax')[i]!)).toBe(true));
      }),
      { numRuns: 40 },
    );
  });

  it('payback lies in the year the cumulative flow turns non-negative', () => {
    fc.assert(
      fc.property(dealArbitrary, (input) => {
        const e = evaluate(input);
        const cumulative = findRow(e.statements.projectCashFlow, 'cumulativeAfterTax').values;
        const payback = e.metrics.paybackStaticYears;
        if (payback === null) {
          expect(cumulative[cumulative.length - 1]!.isNegative()).toBe(true);
          return;
        }
        // Pt = T − 1 + fraction, so year T = ⌊Pt⌋ + 1 (or Pt itself when exact) is the first non-negative one.
        const T = payback.isInteger() ? payback.toNumber() : payback.floor().toNumber() + 1;
        expect(cumulative[T - 1]!.isNegative() && !cumulative[T - 1]!.isZero()).toBe(false);
        for (let t = 1; t < T; t++) expect(cumulative[t - 1]!.isNegative()).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('the project FNPV at the project FIRR is zero', () => {
    fc.assert(
      fc.property(dealArbitrary, (input) => {
        const e = evaluate(input);
        const rate = e.metrics.projectIrrAfterTax;
        if (rate === null) return;
        const flows = findRow(e.statements.projectCashFlow, 'netCashFlowAfterTax').values;
        const factors = computeDiscountFactors(rate, flows.length);
        const npv = discountSeries(flows, factors);
        // Relative to the size of the discounted terms, which dwarf the flows at deeply negative rates.
        const scale = discountSeries(flows.map((v) => v.abs()), factors);
        expect(npv.abs().div(scale).toNumber()).toBeLessThan(1e-9);
      }),
      { numRuns: 40 },
    );
  });
});
