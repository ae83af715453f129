import type { D, DecimalInput } from './decimal.js';
import { ZERO } from './decimal.js';
import { computeFutureValue } from './time-value.js';
import { toDecimal, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * FV(rate, nper, pmt, pv = 0, type = 0) — the balance after nper periods:
 *
 *   FV = −(pv·(1+r)^n + pmt·(1 + r·type)·((1+r)^n − 1)/r),   rate 0: −(pv + pmt·nper)
 */
export function fv(
  rate: DecimalInput,
  nper: DecimalInput,
  pmt: DecimalInput,
  pv?: DecimalInput,
  type?: PaymentTiming,
): D {
  return computeFutureValue(
    toDecimal(rate, 'fv', 'rate'),
    toDecimal(nper, 'fv', 'nper'),
    toDecimal(pmt, 'fv', 'pmt'),
    pv === undefined ? ZERO : toDecimal(pv, 'fv', 'pv'),
    toPaymentTiming(type, 'fv'),
  );
}
