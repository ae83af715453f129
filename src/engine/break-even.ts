import type { Deal } from '../deal/deal-schema.js';
import { D } from '../finance/decimal.js';
import { computeIncomeTax } from './income-tax.js';
import {
  completeCashFlows,
  computeTaxableBeforeSurcharges,
  projectRevenueDrivenRows,
  sumFixedCashFlows,
  type CashFlowProjection,
  type FixedCashFlows,
  type RevenueDrivenRows,
} from './project-deal.js';
import { discountSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { computeVat } from './vat.js';
import type { Timeline } from './timeline.js';

export type BreakEvenOutcome = { occupancy: D; iterations: number } | { occupancy: null; reason: string };

/** Occupancy tolerance of the break-even search: a ten-thousandth of a percentage point. */
const OCCUPANCY_TOLERANCE = 1e-6;
const MAX_ITERATIONS = 60;

/**
 * Break-even occupancy of the parking streams: the constant occupancy, in every operating year and in
 * place of the ramp, at which the after-tax project FNPV at the deal's discount rate is zero.
 * NPV rises with occupancy and is piecewise linear in it (kinks only where VAT credits or tax losses
 * run out), so a safeguarded secant on [0, 1] converges in a few steps. Each step recomputes only
 * what is not linear in occupancy (createBreakEvenNpv).
 */
export function findBreakEvenParkingOccupancy(base: CashFlowProjection, deal: Deal, timeline: Timeline, factors: Series): BreakEvenOutcome {
  if (!deal.revenue.some((s) => s.driver === 'parking')) {
    return { occupancy: null, reason: 'the deal has no parking stream' };
  }
  const fixed = sumFixedCashFlows(base);
  let lo = 0;
  let hi = 1;
  // Full occupancy first: most deals that fail, fail there, and one projection settles it.
  const full = projectRevenueDrivenRows(deal, base, new D(hi));
  const fHi = discountSeries(completeCashFlows(deal, fixed, full).afterTaxFlow, factors).toNumber();
  if (fHi < 0) {
    return { occupancy: null, reason: `even at 100% occupancy the after-tax FNPV is negative (${fHi.toFixed(2)} 元)` };
  }
  const npvAt = createBreakEvenNpv(deal, fixed, projectRevenueDrivenRows(deal, base, new D(lo)), full, factors);
  const fLo = npvAt(lo);
  if (fLo >= 0) return { occupancy: new D(0), iterations: 1 };
  // Stop when the FNPV is zero to 1e-7 of its swing over [0, 1] occupancy: the occupancy is then
  // right to about 1e-7, far below the hundredth of a percentage point anyone reads.
  const npvTolerance = Math.max(0.005, 1e-7 * (fHi - fLo));
  // The secant through the two latest points: exact as soon as both lie on the root's linear piece.
  // A step that leaves the bracket [lo, hi] bisects it instead, so the search always converges.
  let previous = { x: lo, f: fLo };
  let latest = { x: hi, f: fHi };
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const secant = latest.x - (latest.f * (latest.x - previous.x)) / (latest.f - previous.f);
    const x = secant > lo && secant < hi ? secant : (lo + hi) / 2;
    const fx = npvAt(x);
    if (Math.abs(fx) < npvTolerance || hi - lo < OCCUPANCY_TOLERANCE) {
      return { occupancy: new D(x).toDecimalPlaces(8), iterations: iteration };
    }
    if (fx < 0) lo = x;
    else hi = x;
    previous = latest;
    latest = { x, f: fx };
  }
  return { occupancy: new D((lo + hi) / 2).toDecimalPlaces(8), iterations: MAX_ITERATIONS };
}

/**
 * The after-tax FNPV at occupancy x from the rows at 0 and at 1, which are linear in x
 * (row(x) = row(0) + x × (row(1) − row(0))). The after-tax flow (project-deal.ts completeCashFlows) is
 *   revenue + output VAT + fixed inflows − fixed outflows − operating cost − its input VAT   (linear)
 *   − VAT payable − surcharges − 调整所得税                                              (kinked),
 * so its FNPV is PV(linear at 0) + x × (PV(linear at 1) − PV(linear at 0)), less the PV of the kinked
 * part, which is recomputed at x: VAT with credits carried (vat.ts) on the interpolated output and
 * input VAT, and income tax with losses carried (income-tax.ts) on the interpolated taxable base less
 * the surcharges.
 */
function createBreakEvenNpv(deal: Deal, fixed: FixedCashFlows, at0: RevenueDrivenRows, at1: RevenueDrivenRows, factors: Series): (x: number) => number {
  const T = at0.revenueNet.length;
  const linearPvOf = (r: RevenueDrivenRows) =>
    discountSeries(subtractSeries(sumSeries(T, [r.revenueNet, r.outputVat, fixed.inflows]), sumSeries(T, [fixed.outflows, r.opexNet, r.opexInputVat])), factors);
  const linear0 = linearPvOf(at0);
  const linearSlope = linearPvOf(at1).minus(linear0);
  const outputVat = interpolateRow(at0.outputVat, at1.outputVat);
  const opexInputVat = interpolateRow(at0.opexInputVat, at1.opexInputVat);
  const taxableBeforeSurcharges = interpolateRow(computeTaxableBeforeSurcharges(deal, fixed, at0), computeTaxableBeforeSurcharges(deal, fixed, at1));
  const rate = new D(deal.tax.incomeTaxRate);
  const carryYears = deal.tax.adjustedTaxUsesLossCarryForward ? deal.tax.lossCarryForwardYears : 0;
  return (x) => {
    const occupancy = new D(x);
    const vat = computeVat(outputVat(occupancy), sumSeries(T, [fixed.inputVat, opexInputVat(occupancy)]), deal.tax);
    const tax = computeIncomeTax(subtractSeries(taxableBeforeSurcharges(occupancy), vat.surcharges), rate, carryYears).incomeTax;
    const kinked = discountSeries(sumSeries(T, [vat.payable, vat.surcharges, tax]), factors);
    return linear0.plus(linearSlope.times(occupancy)).minus(kinked).toNumber();
  };
}

/** A row at occupancy x from the row at 0 and at 1 of a row linear in x. */
function interpolateRow(at0: Series, at1: Series): (x: D) => Series {
  const slope = subtractSeries(at1, at0);
  return (x) => at0.map((v, i) => (slope[i]!.isZero() ? v : v.plus(slope[i]!.times(x))));
}
