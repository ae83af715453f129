import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { computeDiscountFactors, discountSeries, subtractSeries } from '../../src/engine/series.js';
import { D } from '../../src/finance/decimal.js';
import { buildDeal } from '../helpers/build-deal.js';

function evaluate(overrides: Partial<DealInput>): Evaluation {
  const outcome = evaluateDeal(buildDeal(overrides), { asOf: '2026-01-01' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome;
}

const parkingDeal: Partial<DealInput> = {
  timeline: { startYear: 2026, constructionYears: 1, operatingYears: 10 },
  capex: [{ id: 'park', name: '停车场', category: 'improvement', kind: 'parking', amount: '2000000', owner: 'investor' }],
  revenue: [{ id: 'p', name: '停车', driver: 'parking', spaces: 400, occupancy: ['0.8'], monthlyFee: '100' }],
  opex: { majorMaintenance: [{ id: 'gates', name: '道闸更新', amount: '300000', operatingYears: [6], treatment: 'sustaining-capex' }] },
};

describe('computeMetrics', () => {
  it('counts sustaining capex in the investment of the self-financing ratio', () => {
    const e = evaluate(parkingDeal);
    const p = e.projection;
    const factors = computeDiscountFactors(new D('0.06'), p.timeline.T);
    // PV(EBITDA − subsidies) / PV(建设投资 + 维持运营投资), both at the 6% discount rate.
    const expected = discountSeries(subtractSeries(p.ebitda, p.subsidyIncome), factors).div(
      discountSeries(p.capex.total, factors).plus(discountSeries(p.opex.sustainingGross, factors)),
    );
    expect(e.metrics.selfFinancingRatio!.toFixed(15)).toBe(expected.toFixed(15));
    expect(p.opex.sustainingGross.some((v) => !v.isZero())).toBe(true);
  });

  it('solves the break-even occupancy at the rate the deal names', () => {
    const atSix = evaluate(parkingDeal).metrics.breakEvenParkingOccupancy;
    const atZero = evaluate({ ...parkingDeal, indicators: { breakEvenRate: '0' } });
    // 400 spaces at 100 元: more occupancy is needed to earn 6% than to get the money back.
    expect(atSix).not.toBeNull();
    expect(atZero.metrics.breakEvenParkingOccupancy!.lt(atSix!)).toBe(true);
    expect(atZero.metricNotes.breakEvenParkingOccupancy).toContain('at 0%');
  });

  it('says a negative IRR means the outlay is not repaid even undiscounted', () => {
    const e = evaluate({ ...parkingDeal, revenue: [{ id: 'p', name: '停车', driver: 'parking', occupancy: ['0.8'], monthlyFee: '30' }] });
    expect(e.metrics.projectIrrAfterTax!.isNegative()).toBe(true);
    expect(e.metricNotes.projectIrrAfterTax).toContain('do not repay the outlay');
  });
});
