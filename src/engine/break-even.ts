import type { Deal } from '../deal/deal-schema.js';
import { D } from '../finance/decimal.js';
import { completeCashFlows, projectRevenueDrivenRows, sumFixedCashFlows, type CashFlowProjection, type RevenueDrivenRows } from './project-deal.js';
import { discountSeries, subtractSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';

export type BreakEvenOutcome = { occupancy: D; iterations: number } | { occupancy: null; reason: string };

/** Occupancy tolerance of the break-even search: a ten-thousandth of a percentage point. */
const OCCUPANCY_TOLERANCE = 1e-6;
const MAX_ITERATIONS = 60;

/**
 * Break-even occupancy of the parking streams: the constant occupancy, in every operating year and in
 * place of the ramp, at which the after-tax project FNPV at the deal's discount rate is zero.
 * NPV rises with occupancy and is piecewise linear in it (kinks only where VAT credits or tax losses
 * run out), so the Illinois variant of regula falsi on [0, 1] converges in a few projections. Each
 * projection redoes only what occupancy drives, up to the after-tax flow.
 */
export function findBreakEvenParkingOccupancy(base: CashFlowProjection, deal: Deal, timeline: Timeline, factors: Series): BreakEvenOutcome {
  if (!deal.revenue.some((s) => s.driver === 'parking')) {
    return { occupancy: null, reason: 'the deal has no parking stream' };
  }
  const fixed = sumFixedCashFlows(base);
  const npvOf = (rows: RevenueDrivenRows) => discountSeries(completeCashFlows(deal, fixed, rows).afterTaxFlow, factors).toNumber();
  let lo = 0;
  let hi = 1;
  // Full occupancy first: most deals that fail, fail there, and one projection settles it.
  const full = projectRevenueDrivenRows(deal, base, new D(hi));
  let fHi = npvOf(full);
  if (fHi < 0) {
    return { occupancy: null, reason: `even at 100% occupancy the after-tax FNPV is negative (${fHi.toFixed(2)} 元)` };
  }
  const empty = projectRevenueDrivenRows(deal, base, new D(lo));
  let fLo = npvOf(empty);
  // Between the two, the rows revenue drives are linear in occupancy: row(x) = row(0) + x × (row(1) − row(0)).
  // Only what follows them (VAT credits, surcharges, tax with losses: the kinks) is recomputed.
  const interpolate = createRowInterpolation(empty, full);
  const npvAt = (occupancy: number) => npvOf(interpolate(new D(occupancy)));
  if (fLo >= 0) return { occupancy: new D(0), iterations: 1 };
  // Stop when the FNPV is zero to 1e-7 of its swing over [0, 1] occupancy: the occupancy is then
  // right to about 1e-7, far below the hundredth of a percentage point anyone reads.
  const npvTolerance = Math.max(0.005, 1e-7 * (fHi - fLo));
  let side = 0;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const x = (lo * fHi - hi * fLo) / (fHi - fLo);
    const fx = npvAt(x);
    if (Math.abs(fx) < npvTolerance || hi - lo < OCCUPANCY_TOLERANCE) {
      return { occupancy: new D(x).toDecimalPlaces(8), iterations: iteration };
    }
    if (fx < 0) {
      lo = x;
      fLo = fx;
      if (side === -1) fHi /= 2;
      side = -1;
    } else {
      hi = x;
      fHi = fx;
      if (side === 1) fLo /= 2;
      side = 1;
    }
  }
  return { occupancy: new D((lo + hi) / 2).toDecimalPlaces(8), iterations: MAX_ITERATIONS };
}

/** Rows at occupancy x from the rows at 0 and at 1 of rows linear in x. */
function createRowInterpolation(at0: RevenueDrivenRows, at1: RevenueDrivenRows): (x: D) => RevenueDrivenRows {
  const mapRows = (f: (key: keyof RevenueDrivenRows) => Series): RevenueDrivenRows => ({
    revenueNet: f('revenueNet'), outputVat: f('outputVat'), relievedNet: f('relievedNet'), opexNet: f('opexNet'), opexInputVat: f('opexInputVat'),
  });
  const slopes = mapRows((k) => subtractSeries(at1[k], at0[k]));
  return (x) => mapRows((k) => at0[k].map((v, i) => (slopes[k][i]!.isZero() ? v : v.plus(slopes[k][i]!.times(x)))));
}
