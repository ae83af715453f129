import { D, ONE, ZERO } from './decimal.js';
import { throwInvalidInput, throwNoSolution } from './finance-error.js';
import type { PaymentTiming } from './to-decimal.js';

/**
 * Decimal kernels of the spreadsheet time-value-of-money functions (methodology §6, §8). Arguments are
 * already validated `D`s. With g = (1 + r)^n and t the timing flag (0 = end, 1 = beginning):
 *
 *   pv·g + pmt·(1 + r·t)·(g − 1)/r + fv = 0          (r ≠ 0)
 *   pv + pmt·n + fv = 0                              (r = 0)
 *
 * is the identity every one of FV, PV, PMT, NPER and RATE solves for one unknown.
 */

/** (1 + r)^n: an integer n uses exact repeated squaring, otherwise exp(n·ln(1 + r)). */
export function computeGrowthFactor(rate: D, nper: D, functionName: string): D {
  const growth = ONE.plus(rate).pow(nper);
  if (!growth.isFinite()) {
    return throwNoSolution(
      functionName,
      `(1 + rate)^nper is undefined for rate ${rate.toString()} and nper ${nper.toString()} (a negative base needs a whole nper; rate -1 needs nper > 0)`,
    );
  }
  return growth;
}

/** (1 + r·t)·(g − 1)/r: the value factor of the payments (r ≠ 0). */
function computeAnnuityFactor(rate: D, growth: D, timing: PaymentTiming): D {
  const annuity = growth.minus(ONE).div(rate);
  return timing === 1 ? annuity.times(ONE.plus(rate)) : annuity;
}

/** FV = −(pv·g + pmt·(1 + r·t)·(g − 1)/r); r = 0: −(pv + pmt·n). */
export function computeFutureValue(rate: D, nper: D, payment: D, presentValue: D, timing: PaymentTiming): D {
  if (rate.isZero()) return presentValue.plus(payment.times(nper)).neg();
  const growth = computeGrowthFactor(rate, nper, 'fv');
  return presentValue.times(growth).plus(payment.times(computeAnnuityFactor(rate, growth, timing))).neg();
}

/** PV = −(fv + pmt·(1 + r·t)·(g − 1)/r) / g; r = 0: −(fv + pmt·n). */
export function computePresentValue(rate: D, nper: D, payment: D, futureValue: D, timing: PaymentTiming): D {
  if (rate.isZero()) return futureValue.plus(payment.times(nper)).neg();
  const growth = computeGrowthFactor(rate, nper, 'pv');
  if (growth.isZero()) return throwNoSolution('pv', 'rate = -1 (-100%) discounts the future to zero: PV is undefined');
  return futureValue.plus(payment.times(computeAnnuityFactor(rate, growth, timing))).div(growth).neg();
}

/** PMT = −(pv·g + fv)·r / ((1 + r·t)·(g − 1)); r = 0: −(pv + fv)/n. */
export function computePayment(
  rate: D,
  nper: D,
  presentValue: D,
  futureValue: D,
  timing: PaymentTiming,
  functionName: string,
): D {
  if (rate.isZero()) {
    if (nper.isZero()) return throwNoSolution(functionName, 'nper = 0 with rate 0 divides by zero');
    return presentValue.plus(futureValue).div(nper).neg();
  }
  const growth = computeGrowthFactor(rate, nper, functionName);
  const factor = computeAnnuityFactor(rate, growth, timing);
  if (factor.isZero()) {
    return throwNoSolution(functionName, 'the payments have no value for this rate, nper and type (division by zero)');
  }
  return presentValue.times(growth).plus(futureValue).div(factor).neg();
}

/** Spreadsheet range check shared by IPMT and PPMT: 1 ≤ per ≤ nper. */
export function checkPeriod(per: D, nper: D, functionName: string): void {
  if (per.lt(1) || per.gt(nper)) {
    throwInvalidInput(functionName, `per must be between 1 and nper (${nper.toString()}), got ${per.toString()}`);
  }
}

/**
 * Interest part of payment number `per` (Excel's IPMT): the interest on the balance after per − 1
 * payments,
 *
 *   IPMT = −(pv·g_{per−1}·r + PMT_end·(g_{per−1} − 1)),   g_k = (1 + r)^k, PMT_end = PMT(type 0)
 *
 * and for payments at the beginning (type 1) the same divided by (1 + r); for per = 1 with type 1 no
 * interest has accrued yet: 0. Rate 0: 0.
 */
export function computeInterestPayment(
  rate: D,
  per: D,
  nper: D,
  presentValue: D,
  futureValue: D,
  timing: PaymentTiming,
  functionName: string,
): D {
  if (timing === 1 && per.eq(1)) return ZERO;
  if (rate.isZero()) return ZERO;
  const paymentAtEnd = computePayment(rate, nper, presentValue, futureValue, 0, functionName);
  const growth = computeGrowthFactor(rate, per.minus(1), functionName);
  const interest = presentValue.times(growth).times(rate).plus(paymentAtEnd.times(growth.minus(ONE))).neg();
  return timing === 1 ? interest.div(ONE.plus(rate)) : interest;
}
