import type { D, DecimalInput } from './decimal.js';
import { ZERO } from './decimal.js';
import { computePresentValue } from './time-value.js';
import { toDecimal, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * PV(rate, nper, pmt, fv = 0, type = 0) — the value today of the payments and the final balance:
 *
 *   PV = −(fv + pmt·(1 + r·type)·((1+r)^n − 1)/r) / (1+r)^n,   rate 0: −(fv + pmt·nper)
 */
export function pv(
  rate: DecimalInput,
  nper: DecimalInput,
  pmt: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
): D {
  return computePresentValue(
    toDecimal(rate, 'pv', 'rate'),
    toDecimal(nper, 'pv', 'nper'),
    toDecimal(pmt, 'pv', 'pmt'),
    fv === undefined ? ZERO : toDecimal(fv, 'pv', 'fv'),
    toPaymentTiming(type, 'pv'),
  );
}
