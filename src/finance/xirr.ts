import { D, type DecimalInput } from './decimal.js';
import { DatedCashFlowEquation } from './dated-cash-flows.js';
import { toDayNumbers, type DateInput } from './dates.js';
import { throwNoSolution } from './finance-error.js';
import { toRateSolution, type RateSolution } from './rate-solution.js';
import { DEFAULT_GUESS, describeMissingRoot, findRoot, findRootAndOthers } from './root-finder.js';
import { toFloatArray, toGuess } from './to-decimal.js';

/**
 * XIRR(values, dates, guess) — the annual rate r > −1 with Σ v_i / (1 + r)^((d_i − d_0)/365) = 0
 * (methodology §8: ACT/365, the first listed date is the origin; dates may be unordered and may even
 * precede the first date — the root does not depend on the origin).
 *
 * Same root rule as `irr` (root-finder.ts); with exactly two distinct dates the root is computed in
 * closed form. No real root → FinanceError('NO_SOLUTION').
 */
export function xirr(values: readonly DecimalInput[], dates: readonly DateInput[], guess?: DecimalInput): D {
  const { equation, amounts, days, start } = prepareXirr(values, dates, guess);
  const root = findRoot(equation, start);
  if (root === undefined) return throwNoRoot(equation, amounts, days);
  return new D(root.rate);
}

/** XIRR with the full picture; the same `rate` as `xirr(values, dates, guess)`. See `RateSolution`. */
export function solveXirr(
  values: readonly DecimalInput[],
  dates: readonly DateInput[],
  guess?: DecimalInput,
): RateSolution {
  const { equation, amounts, days, start } = prepareXirr(values, dates, guess);
  const analysis = findRootAndOthers(equation, start);
  if (analysis === undefined) return throwNoRoot(equation, amounts, days);
  return toRateSolution(analysis, equation.signChanges);
}

function prepareXirr(
  values: readonly DecimalInput[],
  dates: readonly DateInput[],
  guess: DecimalInput | undefined,
): { equation: DatedCashFlowEquation; amounts: Float64Array; days: Float64Array; start: number } {
  const amounts = toFloatArray(values, 'xirr', 'values');
  const days = toDayNumbers(dates, amounts.length, 'xirr');
  const start = toGuess(guess, 'xirr', DEFAULT_GUESS);
  return { equation: new DatedCashFlowEquation(amounts, days), amounts, days, start };
}

function throwNoRoot(equation: DatedCashFlowEquation, amounts: Float64Array, days: Float64Array): never {
  const hasPositive = amounts.some((amount) => amount > 0);
  const hasNegative = amounts.some((amount) => amount < 0);
  if (!hasPositive || !hasNegative) {
    return throwNoSolution(
      'xirr',
      'the cash flows need at least one positive and one negative value; with no sign change no rate makes XNPV zero',
    );
  }
  if (days.every((day) => day === days[0])) {
    return throwNoSolution('xirr', 'all cash flows fall on one date, so XNPV does not depend on the rate and XIRR is undefined');
  }
  if (equation.termCount === 0) {
    return throwNoSolution('xirr', 'the cash flows net to zero on every date, so XNPV is zero at every rate and XIRR is undefined');
  }
  if (equation.signChanges === 0) {
    return throwNoSolution(
      'xirr',
      'after netting the flows of each date, all of them have the same sign, so no rate makes XNPV zero',
    );
  }
  return throwNoSolution('xirr', describeMissingRoot(equation, 'XNPV'));
}
