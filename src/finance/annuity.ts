import type { D, DecimalInput } from './decimal.js';
import { ZERO } from './decimal.js';
import { checkPeriod, computeInterestPayment, computePayment } from './time-value.js';
import { toDecimal, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * PMT(rate, nper, pv, fv = 0, type = 0) — the constant payment per period (methodology §6: 等额本息,
 * P·r(1+r)^n / ((1+r)^n − 1) for fv = 0, type 0):
 *
 *   PMT = −(pv·(1+r)^n + fv)·r / ((1 + r·type)·((1+r)^n − 1)),   rate 0: −(pv + fv) / nper
 *
 * Spreadsheet signs: money received positive, paid negative (a loan pv > 0 gives PMT < 0).
 */
export function pmt(
  rate: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
): D {
  return computePayment(
    toDecimal(rate, 'pmt', 'rate'),
    toDecimal(nper, 'pmt', 'nper'),
    toDecimal(pv, 'pmt', 'pv'),
    fv === undefined ? ZERO : toDecimal(fv, 'pmt', 'fv'),
    toPaymentTiming(type, 'pmt'),
    'pmt',
  );
}

/**
 * IPMT(rate, per, nper, pv, fv = 0, type = 0) — the interest part of payment `per` (1 ≤ per ≤ nper,
 * else INVALID_INPUT). Excel conventions: type 1 and per 1 → 0 (nothing has accrued yet); rate 0 → 0.
 * Formula in time-value.ts (`computeInterestPayment`).
 */
export function ipmt(
  rate: DecimalInput,
  per: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
): D {
  const args = readPeriodArguments('ipmt', rate, per, nper, pv, fv, type);
  return computeInterestPayment(args.rate, args.per, args.nper, args.pv, args.fv, args.timing, 'ipmt');
}

/**
 * PPMT(rate, per, nper, pv, fv = 0, type = 0) — the principal part of payment `per`:
 * PPMT = PMT − IPMT (so for type 1, per 1 the whole payment is principal; rate 0: PMT).
 */
export function ppmt(
  rate: DecimalInput,
  per: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
): D {
  const args = readPeriodArguments('ppmt', rate, per, nper, pv, fv, type);
  const payment = computePayment(args.rate, args.nper, args.pv, args.fv, args.timing, 'ppmt');
  const interest = computeInterestPayment(args.rate, args.per, args.nper, args.pv, args.fv, args.timing, 'ppmt');
  return payment.minus(interest);
}

function readPeriodArguments(
  functionName: string,
  rate: DecimalInput,
  per: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  fv: DecimalInput | undefined,
  type: PaymentTiming | undefined,
): { rate: D; per: D; nper: D; pv: D; fv: D; timing: PaymentTiming } {
  const args = {
    rate: toDecimal(rate, functionName, 'rate'),
    per: toDecimal(per, functionName, 'per'),
    nper: toDecimal(nper, functionName, 'nper'),
    pv: toDecimal(pv, functionName, 'pv'),
    fv: fv === undefined ? ZERO : toDecimal(fv, functionName, 'fv'),
    timing: toPaymentTiming(type, functionName),
  };
  checkPeriod(args.per, args.nper, functionName);
  return args;
}
