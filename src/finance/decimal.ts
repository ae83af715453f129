import { Decimal } from 'decimal.js';

/**
 * The project's one configured Decimal constructor (FINANCE.md §8): 34 significant digits
 * (IEEE decimal128's precision, far above anything a 元 amount needs) and banker's rounding.
 * Never use the global `Decimal` config; import `D` from here.
 */
export const D = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type D = InstanceType<typeof D>;

/** What callers may pass where a decimal is expected. */
export type DecimalInput = D | number | string;

export const ZERO = new D(0);
export const ONE = new D(1);

/** Round a 元 amount to the 分 (0.01), half-even. */
export function roundToFen(value: D): D {
  return value.toDecimalPlaces(2, D.ROUND_HALF_EVEN);
}
