import type { D, DecimalInput } from './decimal.js';
import { throwNoSolution } from './finance-error.js';
import { toDecimal } from './to-decimal.js';

/**
 * ISPMT(rate, per, nper, pv) — interest of period `per` (counted from 0) of a loan repaid in equal
 * principal instalments (等额本金, methodology §6), Excel's definition:
 *
 *   ISPMT = pv·rate·(per/nper − 1)        e.g. ISPMT(1%, 0, 10, 1000) = −10
 *
 * nper = 0 divides by zero → NO_SOLUTION.
 */
export function ispmt(rate: DecimalInput, per: DecimalInput, nper: DecimalInput, pv: DecimalInput): D {
  const r = toDecimal(rate, 'ispmt', 'rate');
  const period = toDecimal(per, 'ispmt', 'per');
  const periods = toDecimal(nper, 'ispmt', 'nper');
  const presentValue = toDecimal(pv, 'ispmt', 'pv');
  if (periods.isZero()) return throwNoSolution('ispmt', 'nper = 0 divides by zero');
  return presentValue.times(r).times(period.div(periods).minus(1));
}
