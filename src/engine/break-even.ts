import type { Deal } from '../deal/deal-schema.js';
import { D } from '../finance/decimal.js';
import { FloatDecimal } from '../finance/float-decimal.js';
import { convertDecimalToFloat } from '../finance/to-decimal.js';
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
 * run out), so a safeguarded secant on [0, 1] converges in a few steps. Each step recomputes only what
 * is not linear in occupancy (createBreakEvenNpv) — first on float64, which only guides the search,
 * then once in decimals at the answer, which must meet the tolerance there (else the search is redone
 * in decimals).
 */
export function findBreakEvenParkingOccupancy(base: CashFlowProjection, deal: Deal, timeline: Timeline, factors: Series): BreakEvenOutcome {
  if (!deal.revenue.some((s) => s.driver === 'parking')) {
    return { occupancy: null, reason: 'the deal has no parking stream' };
  }
  const fixed = sumFixedCashFlows(base);
  // Full occupancy first: most deals that fail, fail there, and one projection settles it.
  const full = projectRevenueDrivenRows(deal, base, new D(1));
  const fHi = discountSeries(completeCashFlows(deal, fixed, full).afterTaxFlow, factors).toNumber();
  if (fHi < 0) {
    return { occupancy: null, reason: `even at 100% occupancy the after-tax FNPV is negative (${fHi.toFixed(2)} 元)` };
  }
  const npv = createBreakEvenNpv(deal, fixed, projectRevenueDrivenRows(deal, base, new D(0)), full, factors);
  // Where exempt sales apportion input VAT (methodology §9), the credit is not linear in occupancy:
  // the interpolation only guides, and the exact FNPV is the direct projection at x.
  if (base.opex.apportionsExemptVat) {
    const direct = (x: number) => discountSeries(completeCashFlows(deal, fixed, projectRevenueDrivenRows(deal, base, new D(x))).afterTaxFlow, factors).toNumber();
    return searchBreakEven({ exact: direct, guide: npv.guide }, fHi);
  }
  return searchBreakEven(npv, fHi);
}

/**
 * The occupancy in [0, 1] at which `npv.exact` (increasing, ≥ 0 at 1 where it is `fHi`) is zero: the
 * secant search on `npv.guide` (cheap, approximate), checked once on `npv.exact`; when the check
 * misses the tolerance, the search is redone on `npv.exact`. The answer always meets the tolerance on
 * the exact function, whatever the guide says.
 */
export function searchBreakEven(npv: { exact: (x: number) => number; guide: (x: number) => number }, fHi: number): { occupancy: D; iterations: number } {
  const guideLo = npv.guide(0);
  // Stop when the FNPV is zero to 1e-7 of its swing over [0, 1] occupancy: the occupancy is then
  // right to about 1e-7, far below the hundredth of a percentage point anyone reads.
  const npvTolerance = Math.max(0.005, 1e-7 * Math.abs(fHi - guideLo));
  if (guideLo >= -npvTolerance && npv.exact(0) >= 0) return { occupancy: new D(0), iterations: 1 };
  const guess = searchSecant(npv.guide, guideLo, fHi, npvTolerance);
  if (Math.abs(npv.exact(guess.x)) < npvTolerance) return { occupancy: new D(guess.x).toDecimalPlaces(8), iterations: guess.iterations + 1 };
  const fLo = npv.exact(0);
  if (fLo >= 0) return { occupancy: new D(0), iterations: guess.iterations + 2 };
  const found = searchSecant(npv.exact, fLo, fHi, npvTolerance);
  return { occupancy: new D(found.x).toDecimalPlaces(8), iterations: guess.iterations + 2 + found.iterations };
}

/**
 * The root of f, increasing on [0, 1] from fLo < 0 to fHi ≥ 0: the secant through the two latest
 * points, exact as soon as both lie on the root's linear piece; a step that leaves the bracket
 * [lo, hi] bisects it instead, so the search always converges.
 */
function searchSecant(f: (x: number) => number, fLo: number, fHi: number, tolerance: number): { x: number; iterations: number } {
  let lo = 0;
  let hi = 1;
  let previous = { x: lo, f: fLo };
  let latest = { x: hi, f: fHi };
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const secant = latest.x - (latest.f * (latest.x - previous.x)) / (latest.f - previous.f);
    const x = secant > lo && secant < hi ? secant : (lo + hi) / 2;
    const fx = f(x);
    if (Math.abs(fx) < tolerance || hi - lo < OCCUPANCY_TOLERANCE) return { x, iterations: iteration };
    if (fx < 0) lo = x;
    else hi = x;
    previous = latest;
    latest = { x, f: fx };
  }
  return { x: (lo + hi) / 2, iterations: MAX_ITERATIONS };
}

/**
 * The after-tax FNPV at occupancy x from the rows at 0 and at 1, which are linear in x
 * (row(x) = row(0) + x × (row(1) − row(0))). The after-tax flow (project-deal.ts completeCashFlows) is
 *   revenue + output VAT + fixed inflows − fixed outflows − operating cost − its input VAT   (linear)
 *   − VAT payable − surcharges − 调整所得税                                              (kinked),
 * so its FNPV is PV(linear at 0) + x × (PV(linear at 1) − PV(linear at 0)), less the PV of the kinked
 * part, which is recomputed at x: VAT with credits carried (vat.ts) on the interpolated output and
 * input VAT, and income tax with losses carried (income-tax.ts) on the interpolated taxable base less
 * the surcharges. `exact` does it in decimals; `guide` runs the same vat.ts and income-tax.ts on
 * float64 (FloatDecimal), at a tenth of the cost, to steer the search.
 */
function createBreakEvenNpv(deal: Deal, fixed: FixedCashFlows, at0: RevenueDrivenRows, at1: RevenueDrivenRows, factors: Series): { exact: (x: number) => number; guide: (x: number) => number } {
  const T = at0.revenueNet.length;
  const linearPvOf = (r: RevenueDrivenRows) =>
    discountSeries(subtractSeries(sumSeries(T, [r.revenueNet, r.outputVat, fixed.inflows]), sumSeries(T, [fixed.outflows, r.opexNet, r.opexInputVat])), factors);
  const linear0 = linearPvOf(at0);
  const linearSlope = linearPvOf(at1).minus(linear0);
  const inputVat0 = sumSeries(T, [fixed.inputVat, at0.opexInputVat]);
  const inputVat1 = sumSeries(T, [fixed.inputVat, at1.opexInputVat]);
  const taxable0 = computeTaxableBeforeSurcharges(deal, fixed, at0);
  const taxable1 = computeTaxableBeforeSurcharges(deal, fixed, at1);
  const carryYears = deal.tax.adjustedTaxUsesLossCarryForward ? deal.tax.lossCarryForwardYears : 0;

  const outputVat = interpolateRow(at0.outputVat, at1.outputVat);
  const inputVat = interpolateRow(inputVat0, inputVat1);
  const taxableBeforeSurcharges = interpolateRow(taxable0, taxable1);
  const rate = new D(deal.tax.incomeTaxRate);
  const exact = (x: number) => {
    const occupancy = new D(x);
    const vat = computeVat(outputVat(occupancy), inputVat(occupancy), deal.tax);
    const tax = computeIncomeTax(subtractSeries(taxableBeforeSurcharges(occupancy), vat.surcharges), rate, carryYears).incomeTax;
    const kinked = discountSeries(sumSeries(T, [vat.payable, vat.surcharges, tax]), factors);
    return linear0.plus(linearSlope.times(occupancy)).minus(kinked).toNumber();
  };

  const F = FloatDecimal as unknown as typeof D;
  const floats = (row: Series) => row.map(convertDecimalToFloat);
  const lerp = (a: number[], b: number[], x: number): Series => a.map((v, i) => new F(v + x * (b[i]! - v)));
  const [o0, o1, i0, i1, t0, t1, f] = [at0.outputVat, at1.outputVat, inputVat0, inputVat1, taxable0, taxable1, factors].map(floats) as number[][];
  const [guideLinear0, guideSlope] = [linear0.toNumber(), linearSlope.toNumber()];
  const floatRate = new F(deal.tax.incomeTaxRate);
  const guide = (x: number) => {
    const vat = computeVat(lerp(o0!, o1!, x), lerp(i0!, i1!, x), deal.tax, F);
    const taxable = lerp(t0!, t1!, x).map((v, i) => v.minus(vat.surcharges[i]!));
    const tax = computeIncomeTax(taxable, floatRate, carryYears, F).incomeTax;
    let kinked = 0;
    for (let i = 0; i < T; i++) kinked += f![i]! * (vat.payable[i]!.toNumber() + vat.surcharges[i]!.toNumber() + tax[i]!.toNumber());
    return guideLinear0 + x * guideSlope - kinked;
  };
  return { exact, guide };
}

/** A row at occupancy x from the row at 0 and at 1 of a row linear in x. */
function interpolateRow(at0: Series, at1: Series): (x: D) => Series {
  const slope = subtractSeries(at1, at0);
  return (x) => at0.map((v, i) => (slope[i]!.isZero() ? v : v.plus(slope[i]!.times(x))));
}
