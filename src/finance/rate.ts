import { D, type DecimalInput } from './decimal.js';
import { AnnuityRateEquation } from './annuity-rate-equation.js';
import { throwInvalidInput, throwNoSolution } from './finance-error.js';
import { DEFAULT_GUESS, findRoot } from './root-finder.js';
import { toFloat, toGuess, toPaymentTiming, type PaymentTiming } from './to-decimal.js';

/**
 * RATE(nper, pmt, pv, fv = 0, type = 0, guess = 0.1) — the rate per period r > −1 with
 *
 *   pv·(1+r)^n + pmt·(1 + r·type)·((1+r)^n − 1)/r + fv = 0
 *
 * solved in float64 by the shared root finder (root-finder.ts: closed form when pmt = 0, else Newton
 * from the guess, then bracket scan + Brent). nper must be > 0 (INVALID_INPUT otherwise). No rate
 * above −100% solves it (e.g. pmt, pv and fv all of one sign) → FinanceError('NO_SOLUTION').
 */
export function rate(
  nper: DecimalInput,
  pmt: DecimalInput,
  pv: DecimalInput,
  fv?: DecimalInput,
  type?: PaymentTiming,
  guess?: DecimalInput,
): D {
  const periods = toFloat(nper, 'rate', 'nper');
  if (!(periods > 0)) return throwInvalidInput('rate', `nper must be greater than 0, got ${periods}`);
  const equation = new AnnuityRateEquation(
    periods,
    toFloat(pmt, 'rate', 'pmt'),
    toFloat(pv, 'rate', 'pv'),
    fv === undefined ? 0 : toFloat(fv, 'rate', 'fv'),
    toPaymentTiming(type, 'rate'),
  );
  if (equation.isIdenticallyZero) {
    return throwNoSolution('rate', 'every rate satisfies these arguments (the payments settle pv at once), so RATE is undefined');
  }
  const root = findRoot(equation, toGuess(guess, 'rate', DEFAULT_GUESS));
  if (root === undefined) {
    return throwNoSolution('rate', 'no rate above -100% makes these payments turn pv into fv (check the signs of pmt, pv and fv)');
  }
  return new D(root.rate);
}
