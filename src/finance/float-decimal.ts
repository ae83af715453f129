import { Decimal } from 'decimal.js';

type FloatInput = FloatDecimal | number | string | { toString(): string };

const toFloat = (value: FloatInput): number => {
  if (typeof value === 'number') return value;
  if (value instanceof FloatDecimal) return value.x;
  return Number(String(value));
};

/**
 * Below this apart, two float64 values compare equal: a ten-thousandth absolute (a hundredth of a 分)
 * plus 1e-12 relative. The engine's money is whole 分 and its tests for zero and its comparisons (a
 * funding gap, a balance repaid, a source over its commitment) are exact in decimals; on float64 a few
 * sums and differences of 分 amounts of 1e10 元 carry noise of about 1e-5 元 (the ulp of 1e10 is 2e-6),
 * which must not turn "funded" into "0.00 元 unfunded". No rate, share or ratio the engine compares is
 * meaningful to 1e-4 on this path: a simulation's draw near a covenant threshold moves a probability by
 * one draw at most.
 */
const ABSOLUTE_TOLERANCE = 1e-4;
const RELATIVE_TOLERANCE = 1e-12;

/** `x` as the nearest whole number when it is within 1e-9 relative of it (float64 noise), else itself. */
function snapToWhole(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= 1e-9 * Math.max(1, Math.abs(x)) ? nearest : x;
}

/** −1, 0 or 1 as x is below, within the tolerance of, or above y; NaN when either is NaN. */
export function compareFloats(x: number, y: number): number {
  const difference = x - y;
  if (Number.isNaN(difference)) return x === y ? 0 : NaN; // equal infinities, or a NaN
  if (Math.abs(difference) <= ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE * Math.max(Math.abs(x), Math.abs(y))) return 0;
  return difference > 0 ? 1 : -1;
}

/** Round `value` to `dp` decimal places under a decimal.js rounding mode. */
function roundFloat(value: number, dp: number, rounding: Decimal.Rounding): number {
  const scale = 10 ** dp;
  // A value that is whole at this scale up to float64 noise (0.07 × 100 = 7.000000000000001) is whole:
  // rounding up or down must not act on the noise.
  const scaled = snapToWhole(value * scale);
  const whole = Math.trunc(scaled);
  const rest = scaled - whole;
  let rounded: number;
  switch (rounding) {
    case Decimal.ROUND_DOWN:
      rounded = whole;
      break;
    case Decimal.ROUND_UP:
      rounded = rest === 0 ? whole : whole + Math.sign(scaled);
      break;
    case Decimal.ROUND_FLOOR:
      rounded = Math.floor(scaled);
      break;
    case Decimal.ROUND_CEIL:
      rounded = Math.ceil(scaled);
      break;
    case Decimal.ROUND_HALF_UP:
      rounded = Math.abs(rest) >= 0.5 ? whole + Math.sign(scaled) : whole;
      break;
    case Decimal.ROUND_HALF_DOWN:
      rounded = Math.abs(rest) > 0.5 ? whole + Math.sign(scaled) : whole;
      break;
    default: {
      // ROUND_HALF_EVEN (and the rarely used HALF_CEIL / HALF_FLOOR, treated alike)
      const distance = Math.abs(rest);
      if (distance > 0.5) rounded = whole + Math.sign(scaled);
      else if (distance < 0.5) rounded = whole;
      else rounded = whole % 2 === 0 ? whole : whole + Math.sign(scaled);
    }
  }
  return rounded / scale;
}

/**
 * The subset of decimal.js's API the engine uses, on binary floating point (float64). The Monte Carlo
 * simulation's workers run the one engine with this class in place of `D`, and the break-even search
 * (engine/break-even.ts) steers its secant on a float64 guide of vat.ts and income-tax.ts: the two
 * exceptions to methodology §8's "money is decimal". About 15 significant digits instead of 34, far
 * inside the spread of a sampled distribution, at a tenth of decimal.js's cost. No statement, term
 * sheet or deterministic figure is *reported* from it: the break-even occupancy is checked (and if need
 * be searched again) in decimals at the answer; the simulation's percentiles of NPV, given to the 分,
 * are statistics of float64 draws (within about 1e-7 元 of the exact draws).
 * Known differences from decimal.js: comparisons and zero tests are within ABSOLUTE_TOLERANCE +
 * RELATIVE_TOLERANCE (so −0 is not negative, and |x| ≤ 1e-4 is zero — no unit, rate or share that
 * small is used on this path); rounding, floor and ceil first snap values within 1e-9 of a whole number.
 */
export class FloatDecimal {
  static readonly ROUND_UP = Decimal.ROUND_UP;
  static readonly ROUND_DOWN = Decimal.ROUND_DOWN;
  static readonly ROUND_CEIL = Decimal.ROUND_CEIL;
  static readonly ROUND_FLOOR = Decimal.ROUND_FLOOR;
  static readonly ROUND_HALF_UP = Decimal.ROUND_HALF_UP;
  static readonly ROUND_HALF_DOWN = Decimal.ROUND_HALF_DOWN;
  static readonly ROUND_HALF_EVEN = Decimal.ROUND_HALF_EVEN;
  static readonly ROUND_HALF_CEIL = Decimal.ROUND_HALF_CEIL;
  static readonly ROUND_HALF_FLOOR = Decimal.ROUND_HALF_FLOOR;
  static readonly rounding = Decimal.ROUND_HALF_EVEN;
  static readonly precision = 15;

  readonly x: number;

  constructor(value: FloatInput) {
    this.x = toFloat(value);
  }

  static isDecimal(value: unknown): boolean {
    return value instanceof FloatDecimal || value instanceof Decimal;
  }
  static min(...values: FloatInput[]): FloatDecimal {
    let best = toFloat(values[0]!);
    for (let i = 1; i < values.length; i++) best = Math.min(best, toFloat(values[i]!));
    return new FloatDecimal(best);
  }
  static max(...values: FloatInput[]): FloatDecimal {
    let best = toFloat(values[0]!);
    for (let i = 1; i < values.length; i++) best = Math.max(best, toFloat(values[i]!));
    return new FloatDecimal(best);
  }
  static exp(value: FloatInput): FloatDecimal {
    return new FloatDecimal(Math.exp(toFloat(value)));
  }

  plus(other: FloatInput): FloatDecimal {
    return new FloatDecimal(this.x + toFloat(other));
  }
  add(other: FloatInput): FloatDecimal {
    return this.plus(other);
  }
  minus(other: FloatInput): FloatDecimal {
    return new FloatDecimal(this.x - toFloat(other));
  }
  times(other: FloatInput): FloatDecimal {
    return new FloatDecimal(this.x * toFloat(other));
  }
  div(other: FloatInput): FloatDecimal {
    return new FloatDecimal(this.x / toFloat(other));
  }
  pow(other: FloatInput): FloatDecimal {
    return new FloatDecimal(this.x ** toFloat(other));
  }
  sqrt(): FloatDecimal {
    return new FloatDecimal(Math.sqrt(this.x));
  }
  ln(): FloatDecimal {
    return new FloatDecimal(Math.log(this.x));
  }
  exp(): FloatDecimal {
    return new FloatDecimal(Math.exp(this.x));
  }
  neg(): FloatDecimal {
    return new FloatDecimal(-this.x);
  }
  negated(): FloatDecimal {
    return this.neg();
  }
  abs(): FloatDecimal {
    return this.x < 0 ? new FloatDecimal(-this.x) : this;
  }
  floor(): FloatDecimal {
    return new FloatDecimal(Math.floor(snapToWhole(this.x)));
  }
  ceil(): FloatDecimal {
    return new FloatDecimal(Math.ceil(snapToWhole(this.x)));
  }
  trunc(): FloatDecimal {
    return new FloatDecimal(Math.trunc(this.x));
  }
  round(): FloatDecimal {
    return new FloatDecimal(roundFloat(this.x, 0, FloatDecimal.rounding));
  }
  toDecimalPlaces(dp = 0, rounding: Decimal.Rounding = FloatDecimal.rounding): FloatDecimal {
    return new FloatDecimal(roundFloat(this.x, dp, rounding));
  }
  /** Decimal places of the shortest float64 representation (as decimal.js counts them on its digits). */
  decimalPlaces(): number {
    if (!Number.isFinite(this.x)) return NaN;
    const [mantissa = '', exponent = '0'] = Math.abs(this.x).toString().split('e');
    const fraction = mantissa.split('.')[1]?.length ?? 0;
    return Math.max(0, fraction - Number(exponent));
  }

  isZero(): boolean {
    return compareFloats(this.x, 0) === 0;
  }
  /** Not below zero (decimal.js: true for +0), up to the tolerance. */
  isPositive(): boolean {
    return compareFloats(this.x, 0) >= 0;
  }
  /** Below zero by more than the tolerance. */
  isNegative(): boolean {
    return compareFloats(this.x, 0) < 0;
  }
  isFinite(): boolean {
    return Number.isFinite(this.x);
  }
  isNaN(): boolean {
    return Number.isNaN(this.x);
  }
  /**
   * Whole up to float64 noise, a thousandth absolute plus 1e-9 relative: a sum or difference of 分
   * amounts divided by 0.01 is not exactly whole.
   */
  isInteger(): boolean {
    return Number.isFinite(this.x) && Math.abs(this.x - Math.round(this.x)) <= 1e-3 + 1e-9 * Math.abs(this.x);
  }
  comparedTo(other: FloatInput): number {
    return compareFloats(this.x, toFloat(other));
  }
  eq(other: FloatInput): boolean {
    return compareFloats(this.x, toFloat(other)) === 0;
  }
  gt(other: FloatInput): boolean {
    return compareFloats(this.x, toFloat(other)) > 0;
  }
  gte(other: FloatInput): boolean {
    return compareFloats(this.x, toFloat(other)) >= 0;
  }
  lt(other: FloatInput): boolean {
    return compareFloats(this.x, toFloat(other)) < 0;
  }
  lte(other: FloatInput): boolean {
    return compareFloats(this.x, toFloat(other)) <= 0;
  }

  toNumber(): number {
    return this.x;
  }
  valueOf(): string {
    return this.toString();
  }
  toJSON(): string {
    return this.toString();
  }
  toString(): string {
    const text = String(this.x);
    return text.includes('e') ? new Decimal(this.x).toFixed() : text;
  }
  toFixed(dp?: number, rounding?: Decimal.Rounding): string {
    if (dp === undefined) return this.toString();
    const rounded = roundFloat(this.x, dp, rounding ?? FloatDecimal.rounding);
    // Number#toFixed writes an exponent from 1e21 up; decimal.js never does.
    return Math.abs(rounded) < 1e21 ? rounded.toFixed(dp) : new Decimal(rounded).toFixed(dp);
  }
  toExponential(dp?: number): string {
    return dp === undefined ? this.x.toExponential() : this.x.toExponential(dp);
  }
}
