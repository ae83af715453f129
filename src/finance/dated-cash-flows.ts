import { DAYS_PER_YEAR } from './dates.js';
import { countSignChanges, solveTwoTermsInClosedForm, type RateEquation } from './root-finder.js';

/**
 * The XIRR equation of dated cash flows (methodology §8, ACT/365, first date as origin):
 *
 *   f(r) = Σ_i v_i · (1 + r)^−t_i = 0,   t_i = (day_i − day_0) / 365
 *
 * Flows on the same day are summed and zero sums dropped, and terms are sorted by time (the roots do
 * not depend on the order or on the origin: another origin multiplies f by a positive constant).
 * Each power is exp(−t_i · ln(1 + r)) with ln(1 + r) computed once (`Math.log1p`).
 */
export class DatedCashFlowEquation implements RateEquation {
  readonly signChanges: number;
  /** Number of distinct dates with a non-zero net flow. */
  readonly termCount: number;
  /** Years from the first listed date, ascending and distinct. */
  private readonly times: Float64Array;
  /** Net amount at each time, non-zero. */
  private readonly amounts: Float64Array;
  private readonly earliest: number;
  private readonly latest: number;

  constructor(values: Float64Array, dayNumbers: Float64Array) {
    const origin = dayNumbers[0] as number;
    const netByDay = new Map<number, number>();
    for (let i = 0; i < values.length; i++) {
      const day = dayNumbers[i] as number;
      netByDay.set(day, (netByDay.get(day) ?? 0) + (values[i] as number));
    }
    const days = [...netByDay.keys()].filter((day) => netByDay.get(day) !== 0).sort((a, b) => a - b);
    this.times = Float64Array.from(days, (day) => (day - origin) / DAYS_PER_YEAR);
    this.amounts = Float64Array.from(days, (day) => netByDay.get(day) as number);
    this.signChanges = countSignChanges(this.amounts);
    this.termCount = days.length;
    this.earliest = days.length > 0 ? (this.times[0] as number) : 0;
    this.latest = days.length > 0 ? (this.times[days.length - 1] as number) : 0;
  }

  /** f(r) = Σ v_i e^(−t_i·L), f′(r) = −Σ t_i v_i e^(−t_i·L) / (1 + r), L = ln(1 + r). */
  evaluateWithSlope(rate: number, out: Float64Array): void {
    const logGrowth = Math.log1p(rate);
    const t = this.times;
    const v = this.amounts;
    let value = 0;
    let weighted = 0;
    for (let i = 0; i < t.length; i++) {
      const ti = t[i] as number;
      const term = (v[i] as number) * Math.exp(-ti * logGrowth);
      value += term;
      weighted += ti * term;
    }
    out[0] = value;
    out[1] = -weighted / (1 + rate);
  }

  /**
   * f·(1+r)^s with s = earliest time when 1 + r ≥ 1 and s = latest time when 1 + r < 1: every exponent
   * becomes ≤ 0, so no term exceeds |v_i|. Continuous at r = 0.
   */
  evaluateScaled(rate: number): number {
    const logGrowth = Math.log1p(rate);
    const shift = logGrowth >= 0 ? this.earliest : this.latest;
    const t = this.times;
    const v = this.amounts;
    let value = 0;
    for (let i = 0; i < t.length; i++) value += (v[i] as number) * Math.exp(-((t[i] as number) - shift) * logGrowth);
    return value;
  }

  computeRelativeResidual(rate: number): number {
    const logGrowth = Math.log1p(rate);
    const shift = logGrowth >= 0 ? this.earliest : this.latest;
    const t = this.times;
    const v = this.amounts;
    let value = 0;
    let magnitude = 0;
    for (let i = 0; i < t.length; i++) {
      const term = (v[i] as number) * Math.exp(-((t[i] as number) - shift) * logGrowth);
      value += term;
      magnitude += Math.abs(term);
    }
    return magnitude === 0 ? 0 : Math.abs(value) / magnitude;
  }

  /** Exactly two dates with non-zero net flows of opposite signs: (1+r)^(t_2−t_1) = −v_2 / v_1. */
  solveInClosedForm(): number | undefined {
    if (this.amounts.length !== 2 || this.signChanges !== 1) return undefined;
    return solveTwoTermsInClosedForm(
      this.amounts[0] as number,
      this.times[0] as number,
      this.amounts[1] as number,
      this.times[1] as number,
    );
  }
}
