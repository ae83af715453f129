import { D, ONE, ZERO, type DecimalInput } from './decimal.js';
import { throwNoSolution } from './finance-error.js';
import { toDecimal, toDecimalArray } from './to-decimal.js';

/**
 * NPV(rate, values) — spreadsheet convention (methodology §2, §8): the first value is discounted one
 * full period,
 *
 *   NPV = Σ_{i=1..n} values_i / (1 + rate)^i
 *
 * computed in decimal by Horner's rule with d = 1 / (1 + rate): NPV = d·(v_1 + d·(v_2 + … + d·v_n)).
 * Any rate ≠ −1 is accepted (spreadsheets accept rates below −1 too); rate = −1 divides by zero →
 * FinanceError('NO_SOLUTION'). For the value at the start of period 1 of flows that begin at t = 0,
 * add values_0 separately: values_0 + NPV(rate, rest).
 */
export function npv(rate: DecimalInput, values: readonly DecimalInput[]): D {
  const r = toDecimal(rate, 'npv', 'rate');
  const flows = toDecimalArray(values, 'npv', 'values');
  const growth = ONE.plus(r);
  if (growth.isZero()) return throwNoSolution('npv', 'rate = -1 (-100%) divides by zero');
  const discount = ONE.div(growth);
  let total = ZERO;
  for (let i = flows.length - 1; i >= 0; i--) total = total.plus(flows[i] as D).times(discount);
  return total;
}
