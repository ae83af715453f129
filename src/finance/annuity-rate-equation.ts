import { countSignChanges, solveTwoTermsInClosedForm, type RateEquation } from './root-finder.js';
import type { PaymentTiming } from './to-decimal.js';

/**
 * The RATE equation (Excel's RATE; methodology §8): with x = 1 + r, n = nper, t = type,
 *
 *   f(r) = pv·x^n + pmt·(1 + r·t)·(x^n − 1)/r + fv = 0        (at r = 0: pv + pmt·n + fv)
 *
 * x^n − 1 is computed as expm1(n·log1p(r)) so rates near 0 keep full precision. For a whole nper this
 * is the IRR equation of the flows [pv + pmt·t, pmt, …, pmt, pmt·(1 − t) + fv] at times 0 … n, whose
 * sign changes bound the number of roots.
 */
export class AnnuityRateEquation implements RateEquation {
  readonly signChanges: number | undefined;
  /** True when every implied flow is 0 (e.g. nper 1, type 1, pmt = −pv): every rate solves it. */
  readonly isIdenticallyZero: boolean;

  constructor(
    private readonly periods: number,
    private readonly payment: number,
    private readonly presentValue: number,
    private readonly futureValue: number,
    private readonly timing: PaymentTiming,
  ) {
    if (Number.isInteger(periods)) {
      const flows: number[] = [presentValue + payment * timing];
      if (periods >= 2) flows.push(payment);
      flows.push(payment * (1 - timing) + futureValue);
      this.signChanges = countSignChanges(flows);
      this.isIdenticallyZero = flows.every((flow) => flow === 0);
    } else {
      this.signChanges = undefined;
      this.isIdenticallyZero = false;
    }
  }

  /** A(r) = (x^n − 1)/r, the accumulated value of n unit payments (n at r = 0). */
  private computeAccumulationFactor(rate: number, growthMinusOne: number): number {
    return rate === 0 ? this.periods : growthMinusOne / rate;
  }

  /**
   * f′(r) = pv·n·x^(n−1) + pmt·(t·A + (1 + r·t)·A′),   A′ = (n·x^(n−1) − A)/r;
   * for |r| < 1e-6 the series A′ ≈ n(n−1)/2 + n(n−1)(n−2)/3·r avoids the cancellation.
   */
  evaluateWithSlope(rate: number, out: Float64Array): void {
    const n = this.periods;
    const logGrowth = Math.log1p(rate);
    const growthMinusOne = Math.expm1(n * logGrowth);
    const growth = growthMinusOne + 1;
    const accumulation = this.computeAccumulationFactor(rate, growthMinusOne);
    const paymentFactor = 1 + rate * this.timing;
    out[0] = this.presentValue * growth + this.payment * paymentFactor * accumulation + this.futureValue;
    const growthSlope = n * Math.exp((n - 1) * logGrowth); // n·x^(n−1)
    const accumulationSlope =
      Math.abs(rate) < 1e-6
        ? (n * (n - 1)) / 2 + ((n * (n - 1) * (n - 2)) / 3) * rate
        : (growthSlope - accumulation) / rate;
    out[1] =
      this.presentValue * growthSlope +
      this.payment * (this.timing * accumulation + paymentFactor * accumulationSlope);
  }

  /** f itself when x < 1 (every term bounded); f / x^n when x ≥ 1. */
  evaluateScaled(rate: number): number {
    const [value] = this.computeScaledTerms(rate);
    return value;
  }

  computeRelativeResidual(rate: number): number {
    const [value, magnitude] = this.computeScaledTerms(rate);
    return magnitude === 0 ? 0 : Math.abs(value) / magnitude;
  }

  private computeScaledTerms(rate: number): [number, number] {
    const n = this.periods;
    const logGrowth = Math.log1p(rate);
    const paymentFactor = 1 + rate * this.timing;
    if (logGrowth < 0) {
      const growthMinusOne = Math.expm1(n * logGrowth);
      const a = this.presentValue * (growthMinusOne + 1);
      const b = this.payment * paymentFactor * this.computeAccumulationFactor(rate, growthMinusOne);
      const c = this.futureValue;
      return [a + b + c, Math.abs(a) + Math.abs(b) + Math.abs(c)];
    }
    // f / x^n = pv + pmt·(1 + r·t)·(1 − x^−n)/r + fv·x^−n
    const shrinkMinusOne = Math.expm1(-n * logGrowth); // x^−n − 1
    const a = this.presentValue;
    const b = this.payment * paymentFactor * (rate === 0 ? n : -shrinkMinusOne / rate);
    const c = this.futureValue * (shrinkMinusOne + 1);
    return [a + b + c, Math.abs(a) + Math.abs(b) + Math.abs(c)];
  }

  /** pmt = 0: pv·x^n + fv = 0, so x = (−fv/pv)^(1/n) (NaN — no root — when pv and fv share a sign). */
  solveInClosedForm(): number | undefined {
    if (this.payment !== 0) return undefined;
    if (this.presentValue === 0 || this.futureValue === 0) return Number.NaN;
    return solveTwoTermsInClosedForm(this.presentValue, 0, this.futureValue, this.periods);
  }
}
