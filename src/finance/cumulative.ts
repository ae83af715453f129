import { D, ONE, ZERO, type DecimalInput } from './decimal.js';
import { throwInvalidInput } from './finance-error.js';
import { computeGrowthFactor, computePayment } from './time-value.js';
import { toDecimal, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * CUMIPMT(rate, nper, pv, start, end, type) — interest paid from period `start` to `end` inclusive.
 * Excel rules: rate > 0, nper > 0, pv > 0, 1 ≤ start ≤ end ≤ nper and type 0 or 1, otherwise #NUM!
 * (here INVALID_INPUT); a fractional start is rounded up and a fractional end down (the periods wholly
 * inside [start, end]), as Excel computes in practice. Sum of IPMT(rate, per, nper, pv, 0, type).
 */
export function cumipmt(
  rate: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  start: DecimalInput,
  end: DecimalInput,
  type: PaymentTiming,
): D {
  return accumulatePayments('cumipmt', rate, nper, pv, start, end, type).interest;
}

/**
 * CUMPRINC(rate, nper, pv, start, end, type) — principal repaid from period `start` to `end`
 * inclusive; same rules as CUMIPMT. Sum of PPMT = PMT − IPMT over the periods.
 */
export function cumprinc(
  rate: DecimalInput,
  nper: DecimalInput,
  pv: DecimalInput,
  start: DecimalInput,
  end: DecimalInput,
  type: PaymentTiming,
): D {
  return accumulatePayments('cumprinc', rate, nper, pv, start, end, type).principal;
}

function accumulatePayments(
  functionName: string,
  rateInput: DecimalInput,
  nperInput: DecimalInput,
  pvInput: DecimalInput,
  startInput: DecimalInput,
  endInput: DecimalInput,
  typeInput: PaymentTiming,
): { interest: D; principal: D } {
  const rate = toDecimal(rateInput, functionName, 'rate');
  const nper = toDecimal(nperInput, functionName, 'nper');
  const pv = toDecimal(pvInput, functionName, 'pv');
  const start = toDecimal(startInput, functionName, 'start');
  const end = toDecimal(endInput, functionName, 'end');
  if (typeInput === undefined) throwInvalidInput(functionName, 'type is required (0 = end of period, 1 = beginning)');
  const timing = toPaymentTiming(typeInput, functionName);
  if (rate.lte(0)) throwInvalidInput(functionName, `rate must be greater than 0, got ${rate.toString()}`);
  if (nper.lte(0)) throwInvalidInput(functionName, `nper must be greater than 0, got ${nper.toString()}`);
  if (pv.lte(0)) throwInvalidInput(functionName, `pv must be greater than 0, got ${pv.toString()}`);
  if (start.lt(1) || end.lt(1)) throwInvalidInput(functionName, 'start and end must be at least 1');
  if (start.gt(end)) throwInvalidInput(functionName, `start (${start.toString()}) must not be after end (${end.toString()})`);
  if (end.gt(nper)) throwInvalidInput(functionName, `end (${end.toString()}) must not exceed nper (${nper.toString()})`);

  const first = start.ceil().toNumber();
  const last = end.floor().toNumber();
  const growth = ONE.plus(rate);
  const paymentAtEnd = computePayment(rate, nper, pv, ZERO, 0, functionName);
  const payment = timing === 1 ? paymentAtEnd.div(growth) : paymentAtEnd;
  let interest = ZERO;
  let principal = ZERO;
  if (first > last) return { interest, principal };
  // Balance growth g_{per−1} = (1 + r)^(per−1), advanced by one multiplication per period.
  let balanceGrowth = computeGrowthFactor(rate, new D(first - 1), functionName);
  for (let per = first; per <= last; per++) {
    // IPMT_per = −(pv·g·r + PMT_end·(g − 1)), ÷ (1 + r) for type 1; 0 for type 1, per 1 (time-value.ts).
    let periodInterest = ZERO;
    if (!(timing === 1 && per === 1)) {
      periodInterest = pv.times(balanceGrowth).times(rate).plus(paymentAtEnd.times(balanceGrowth.minus(ONE))).neg();
      if (timing === 1) periodInterest = periodInterest.div(growth);
    }
    interest = interest.plus(periodInterest);
    principal = principal.plus(payment.minus(periodInterest));
    balanceGrowth = balanceGrowth.times(growth);
  }
  return { interest, principal };
}
