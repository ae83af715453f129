import { D, ONE, ZERO, type DecimalInput } from './decimal.js';
import { throwNoSolution } from './finance-error.js';
import { toDecimal, toDecimalArray } from './to-decimal.js';

/**
 * MIRR(values, financeRate, reinvestRate) — modified IRR (Excel's definition), n = values.length:
 *
 *   MIRR = ( FV_reinvest(positives) / −PV_finance(negatives) )^(1/(n−1)) − 1
 *   FV_reinvest = Σ_{i=1..n} max(v_i, 0)·(1 + reinvestRate)^(n−i)
 *   PV_finance  = Σ_{i=1..n} min(v_i, 0)·(1 + financeRate)^−(i−1)
 *
 * (equal to Excel's ((−NPV(rr, pos)·(1+rr)^n) / (NPV(fr, neg)·(1+fr)))^(1/(n−1)) − 1). Computed in
 * decimal. No value (NO_SOLUTION, Excel #DIV/0!/#NUM!) without at least one positive and one negative
 * value, with a rate of −1, or when the ratio is negative (no real root).
 */
export function mirr(values: readonly DecimalInput[], financeRate: DecimalInput, reinvestRate: DecimalInput): D {
  const flows = toDecimalArray(values, 'mirr', 'values');
  const finance = toDecimal(financeRate, 'mirr', 'financeRate');
  const reinvest = toDecimal(reinvestRate, 'mirr', 'reinvestRate');
  const financeGrowth = ONE.plus(finance);
  const reinvestGrowth = ONE.plus(reinvest);
  if (financeGrowth.isZero() || reinvestGrowth.isZero()) {
    return throwNoSolution('mirr', 'a finance or reinvestment rate of -1 (-100%) divides by zero');
  }
  const financeDiscount = ONE.div(financeGrowth);
  let futurePositives = ZERO; // Horner: Σ pos_i·g^(n−i)
  let presentNegatives = ZERO; // Horner from the end: Σ neg_i·d^(i−1)
  for (let i = 0; i < flows.length; i++) {
    const flow = flows[i] as D;
    futurePositives = futurePositives.times(reinvestGrowth).plus(flow.gt(0) ? flow : ZERO);
  }
  for (let i = flows.length - 1; i >= 0; i--) {
    const flow = flows[i] as D;
    presentNegatives = presentNegatives.times(financeDiscount).plus(flow.lt(0) ? flow : ZERO);
  }
  const hasPositive = flows.some((flow) => flow.gt(0));
  const hasNegative = flows.some((flow) => flow.lt(0));
  if (!hasPositive || !hasNegative) {
    return throwNoSolution('mirr', 'the values need at least one positive and one negative cash flow (division by zero)');
  }
  if (presentNegatives.isZero()) {
    return throwNoSolution('mirr', 'the financed negative flows are worth zero at this finance rate (division by zero)');
  }
  const ratio = futurePositives.div(presentNegatives.neg());
  const root = flows.length === 2 ? ratio : ratio.pow(ONE.div(flows.length - 1));
  if (!root.isFinite()) {
    return throwNoSolution('mirr', 'the ratio of reinvested inflows to financed outflows is negative, so no real MIRR exists');
  }
  return root.minus(ONE);
}
