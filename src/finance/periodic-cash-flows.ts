import { countSignChanges, solveTwoTermsInClosedForm, type RateEquation } from './root-finder.js';

/**
 * The IRR equation of equally spaced cash flows c_0 … c_n (methodology §4, §8):
 *
 *   f(r) = Σ_{k=0..n} c_k · (1 + r)^−k = 0
 *
 * (the spreadsheet's NPV(r, c) = f(r) / (1 + r), which has the same roots). Evaluated in float64 with
 * Horner's rule in y = 1 / (1 + r): one pass gives f and f′, no `Math.pow`.
 */
export class PeriodicCashFlowEquation implements RateEquation {
  readonly signChanges: number;
  private readonly flows: Float64Array;

  constructor(flows: Float64Array) {
    this.flows = flows;
    this.signChanges = countSignChanges(flows);
  }

  /** P(y) = Σ c_k y^k and P′(y) by Horner; f(r) = P(y), f′(r) = −y² · P′(y) with y = 1/(1+r). */
  evaluateWithSlope(rate: number, out: Float64Array): void {
    const c = this.flows;
    const y = 1 / (1 + rate);
    const last = c.length - 1;
    let value = c[last] as number;
    let derivative = 0;
    for (let k = last - 1; k >= 0; k--) {
      derivative = derivative * y + value;
      value = value * y + (c[k] as number);
    }
    out[0] = value;
    out[1] = -y * y * derivative;
  }

  /**
   * For 1 + r ≥ 1: f itself (every term |c_k|·y^k ≤ |c_k|). For 1 + r < 1: f·(1+r)^n = Σ c_k x^(n−k)
   * (every term ≤ |c_k|). Both agree at r = 0, so the scaled function is continuous.
   */
  evaluateScaled(rate: number): number {
    const c = this.flows;
    const last = c.length - 1;
    const x = 1 + rate;
    if (x >= 1) {
      const y = 1 / x;
      let value = c[last] as number;
      for (let k = last - 1; k >= 0; k--) value = value * y + (c[k] as number);
      return value;
    }
    let value = c[0] as number;
    for (let k = 1; k <= last; k++) value = value * x + (c[k] as number);
    return value;
  }

  computeRelativeResidual(rate: number): number {
    const c = this.flows;
    const last = c.length - 1;
    const x = 1 + rate;
    let value: number;
    let magnitude: number;
    if (x >= 1) {
      const y = 1 / x;
      value = c[last] as number;
      magnitude = Math.abs(value);
      for (let k = last - 1; k >= 0; k--) {
        const ck = c[k] as number;
        value = value * y + ck;
        magnitude = magnitude * y + Math.abs(ck);
      }
    } else {
      value = c[0] as number;
      magnitude = Math.abs(value);
      for (let k = 1; k <= last; k++) {
        const ck = c[k] as number;
        value = value * x + ck;
        magnitude = magnitude * x + Math.abs(ck);
      }
    }
    return magnitude === 0 ? 0 : Math.abs(value) / magnitude;
  }

  /** Exactly two non-zero flows c_i, c_j of opposite signs: (1+r)^(j−i) = −c_j / c_i. */
  solveInClosedForm(): number | undefined {
    if (this.signChanges !== 1) return undefined;
    const c = this.flows;
    let first = -1;
    let second = -1;
    for (let k = 0; k < c.length; k++) {
      if (c[k] === 0) continue;
      if (first < 0) first = k;
      else if (second < 0) second = k;
      else return undefined;
    }
    return solveTwoTermsInClosedForm(c[first] as number, first, c[second] as number, second);
  }
}
