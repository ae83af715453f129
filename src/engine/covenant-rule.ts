import { D, type DecimalInput } from '../finance/decimal.js';

/**
 * How far below its threshold a covenant ratio (DSCR, ICR, coverage, equity ratio) may fall and still
 * be met: one hundred-thousandth. Amounts are whole 分 (a sculpted loan's service is rounded down and
 * its last year clears the balance), which moves a ratio by far less than this and far less than the
 * two decimals a lender reads; a covenant is never breached by rounding. One rule for the engine's
 * flags, the analysis tools and the term sheet's status formulas.
 */
export const COVENANT_TOLERANCE = new D('0.00001');

/** Whether `value` misses a floor `threshold` (by more than the tolerance). */
export function isBelowFloor(value: D, threshold: DecimalInput): boolean {
  return value.lt(new D(threshold).minus(COVENANT_TOLERANCE));
}

/** Whether `value` exceeds a cap `threshold` (by more than the tolerance). */
export function isAboveCap(value: D, threshold: DecimalInput): boolean {
  return value.gt(new D(threshold).plus(COVENANT_TOLERANCE));
}

/** isBelowFloor on plain numbers (the simulation's draws). */
export function isNumberBelowFloor(value: number, threshold: number): boolean {
  return value < threshold - COVENANT_TOLERANCE.toNumber();
}
