import { D } from '../../finance/decimal.js';

/**
 * A decimal as the deal stores it: a plain string of at most 12 decimals (a price, share or rate
 * needs no more), without exponent. Amounts to the 分 are rounded by their callers first.
 */
export function formatDecimal(value: D | number): string {
  return new D(value).toDecimalPlaces(12).toFixed();
}
