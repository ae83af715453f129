import type { D, DecimalInput } from './decimal.js';
import { ONE, ZERO } from './decimal.js';
import { throwNoSolution } from './finance-error.js';
import { toDecimal, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * NPER(rate, pmt, pv, fv = 0, type = 0) — the number of periods (Excel's formula; the result may be
 * fractional or negative, both valid spreadsheet answers):
 *
 *   NPER = ln((pmt·(1 + r·type) − fv·r) / (pmt·(1 + r·type) + pv·r)) / ln(1 + r)
 *   rate 0: −(pv + fv) / pmt
 *
 * No value (FinanceError NO_SOLUTION) when rate 0 and pmt 0 (the balance never moves), when the ratio
 * in the logarithm is not positive (the target balance is never reached), or when rate ≤ −1.
 */
export function nper(
  rate: DecimalInput,
  pmt: DecimalInput,
  pv: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
): D {
  const r = toDecimal(rate, 'nper', 'rate');
  const payment = toDecimal(pmt, 'nper', 'pmt');
  const presentValue = toDecimal(pv, 'nper', 'pv');
  const futureValue = fv === undefined ? ZERO : toDecimal(fv, 'nper', 'fv');
  const timing = toPaymentTiming(type, 'nper');
  if (r.isZero()) {
    if (payment.isZero()) return throwNoSolution('nper', 'with rate 0 and pmt 0 the balance never changes (division by zero)');
    return presentValue.plus(futureValue).div(payment).neg();
  }
  if (r.lte(-1)) return throwNoSolution('nper', `rate must be greater than -1 (-100%), got ${r.toString()}`);
  const adjustedPayment = timing === 1 ? payment.times(ONE.plus(r)) : payment;
  const numerator = adjustedPayment.minus(futureValue.times(r));
  const denominator = adjustedPayment.plus(presentValue.times(r));
  if (denominator.isZero()) {
    return throwNoSolution('nper', 'the payment exactly pays the interest on pv, so the balance never changes (division by zero)');
  }
  const ratio = numerator.div(denominator);
  if (ratio.lte(0)) {
    return throwNoSolution('nper', 'these payments never bring pv to fv (the logarithm of a non-positive ratio)');
  }
  return ratio.ln().div(ONE.plus(r).ln());
}
