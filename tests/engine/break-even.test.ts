import { describe, expect, it } from 'vitest';
import { findBreakEvenParkingOccupancy, searchBreakEven } from '../../src/engine/break-even.js';
import { projectCashFlows, projectDeal } from '../../src/engine/project-deal.js';
import { computeDiscountFactors, discountSeries } from '../../src/engine/series.js';
import { buildTimeline } from '../../src/engine/timeline.js';
import { D } from '../../src/finance/decimal.js';
import { loadTemplate } from '../helpers/load-template.js';

describe('findBreakEvenParkingOccupancy', () => {
  // The search interpolates the revenue-driven rows between occupancy 0 and 1 and recomputes only
  // VAT, surcharges and tax; a full projection at the answer must agree that the FNPV is zero.
  // 福州 undiscounted breaks even with its car park empty (case below), so its search starts at 2%.
  for (const [id, rates] of [['fuzhou-gulou-25y', ['0.02', '0.04']], ['lugu-package', ['0', '0.02', '0.04']]] as const) {
    for (const rate of rates) {
      it(`${id} at ${rate}: a direct projection at the answer has a zero after-tax FNPV`, () => {
        const deal = loadTemplate(id);
        const timeline = buildTimeline(deal);
        const base = projectDeal(deal, timeline);
        const factors = computeDiscountFactors(new D(rate), timeline.T);
        const outcome = findBreakEvenParkingOccupancy(base, deal, timeline, factors);
        if (outcome.occupancy === null) throw new Error(outcome.reason);
        const npvAt = (x: D) => discountSeries(projectCashFlows(deal, timeline, { parkingOccupancy: x }).afterTaxFlow, factors);
        const swing = npvAt(new D(1)).minus(npvAt(new D(0)));
        // An answer of 0 is right only when even an empty car park breaks even (福州's entity scope at 0%).
        if (outcome.occupancy.isZero()) return expect(npvAt(new D(0)).gte(0)).toBe(true);
        expect(outcome.occupancy.gt(0) && outcome.occupancy.lt(1)).toBe(true);
        // The occupancy is given to 8 places, so the FNPV there is zero to about 1e-8 of the swing.
        expect(npvAt(outcome.occupancy).abs().div(swing).toNumber()).toBeLessThan(1e-7);
      });
    }
  }

  it('answers 0 when the deal breaks even with the car park empty (福州 undiscounted: its FNPV at occupancy 0 is already ≥ 0)', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const timeline = buildTimeline(deal);
    const factors = computeDiscountFactors(new D(0), timeline.T);
    const outcome = findBreakEvenParkingOccupancy(projectDeal(deal, timeline), deal, timeline, factors);
    expect(outcome.occupancy?.toString()).toBe('0');
    const empty = discountSeries(projectCashFlows(deal, timeline, { parkingOccupancy: new D(0) }).afterTaxFlow, factors);
    expect(empty.gte(0)).toBe(true);
  });

  it('says so when even full occupancy does not break even', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const timeline = buildTimeline(deal);
    const outcome = findBreakEvenParkingOccupancy(projectDeal(deal, timeline), deal, timeline, computeDiscountFactors(new D('0.2'), timeline.T));
    expect(outcome.occupancy).toBeNull();
    expect(outcome.occupancy === null && outcome.reason).toMatch(/^even at 100% occupancy the after-tax FNPV is negative \(-\d+\.\d{2} 元\)$/);
  });

  describe('searchBreakEven', () => {
    // A piecewise-linear FNPV with a kink at 0.6 (tax losses used up): −1e8 at 0, 0 at 0.8, 2e7 at 1.
    const kinked = (x: number) => (x < 0.6 ? -1e8 + x * 1.5e8 : -1e7 + (x - 0.6) * 5e7);
    const calls = { exact: 0 };
    const counted = (f: (x: number) => number) => (x: number) => (calls.exact++, f(x));

    it('takes the guide’s answer when the exact FNPV is zero there, checking it once', () => {
      calls.exact = 0;
      const outcome = searchBreakEven({ exact: counted(kinked), guide: (x) => kinked(x) * (1 + 1e-12) }, kinked(1));
      expect(outcome.occupancy.toNumber()).toBeCloseTo(0.8, 8);
      expect(calls.exact).toBe(1);
    });

    it('redoes the search on the exact FNPV when the guide misleads it', () => {
      calls.exact = 0;
      const misleading = (x: number) => kinked(x) + 5e6; // a root near 0.7, not 0.8
      const outcome = searchBreakEven({ exact: counted(kinked), guide: misleading }, kinked(1));
      expect(Math.abs(kinked(outcome.occupancy.toNumber()))).toBeLessThan(1e-7 * (kinked(1) - kinked(0)));
      expect(calls.exact).toBeGreaterThan(2);
    });

    it('answers 0 when even an empty car park breaks even', () => {
      expect(searchBreakEven({ exact: (x) => 1 + x, guide: (x) => 1 + x }, 2).occupancy.toNumber()).toBe(0);
    });
  });
});
