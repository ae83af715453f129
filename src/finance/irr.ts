import { D, type DecimalInput } from './decimal.js';
import { throwNoSolution } from './finance-error.js';
import { PeriodicCashFlowEquation } from './periodic-cash-flows.js';
import { toRateSolution, type RateSolution } from './rate-solution.js';
import { DEFAULT_GUESS, describeMissingRoot, findRoot, findRootAndOthers } from './root-finder.js';
import { toFloatArray, toGuess } from './to-decimal.js';

/**
 * IRR(values, guess) — the rate r > −1 with Σ_{k=0..n} values[k] / (1 + r)^k = 0 (methodology §4, §8).
 * Blank cells are not a thing here: every element must be a number (the spreadsheet skips blanks in a
 * range; callers drop them before calling).
 *
 * Root rule (root-finder.ts): Newton from `guess` (default 0.1) as in the spreadsheets; if it fails,
 * the lowest root found by the bracket scan from just above −1 upward (Brent). Unlike the spreadsheets
 * it finds deeply negative IRRs (e.g. −0.9). No real root → FinanceError('NO_SOLUTION').
 */
export function irr(values: readonly DecimalInput[], guess?: DecimalInput): D {
  const { equation, start } = prepareIrr(values, guess);
  const root = findRoot(equation, start);
  if (root === undefined) return throwNoRoot(equation);
  return new D(root.rate);
}

/**
 * IRR with the full picture: the same `rate` as `irr(values, guess)`, how it was found, every root the
 * scan finds and whether other roots exist. See `RateSolution`.
 */
export function solveIrr(values: readonly DecimalInput[], guess?: DecimalInput): RateSolution {
  const { equation, start } = prepareIrr(values, guess);
  const analysis = findRootAndOthers(equation, start);
  if (analysis === undefined) return throwNoRoot(equation);
  return toRateSolution(analysis, equation.signChanges);
}

function prepareIrr(
  values: readonly DecimalInput[],
  guess: DecimalInput | undefined,
): { equation: PeriodicCashFlowEquation; start: number } {
  const flows = toFloatArray(values, 'irr', 'values');
  const start = toGuess(guess, 'irr', DEFAULT_GUESS);
  return { equation: new PeriodicCashFlowEquation(flows), start };
}

function throwNoRoot(equation: PeriodicCashFlowEquation): never {
  if (equation.signChanges === 0) {
    return throwNoSolution(
      'irr',
      'the cash flows need at least one positive and one negative value; with no sign change no rate makes their NPV zero',
    );
  }
  return throwNoSolution('irr', describeMissingRoot(equation, 'NPV'));
}
