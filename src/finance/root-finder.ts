/**
 * Root finder for the rate functions IRR, XIRR and RATE (methodology §8).
 *
 * Every rate equation is written in terms of the rate r > −1 (the growth factor x = 1 + r > 0).
 * Arithmetic is float64: a rate needs no decimal precision and the spreadsheets solve in double too.
 *
 * Order of methods (deterministic; this is the documented multiple-root rule):
 *  0. **Sign rule.** When the equation knows the sign changes of its coefficients ordered by time
 *     (Descartes' rule of signs, which also holds for the non-integer exponents of XIRR), 0 sign
 *     changes means no root: NO_SOLUTION at once. 1 sign change means exactly one root.
 *  1. **Closed form.** An equation with exactly two non-zero terms a·x^−s + b·x^−t = 0 has the single
 *     root x = (−b/a)^(1/(t−s)); it is returned directly (this covers astronomically large and
 *     deeply negative two-flow XIRRs that no iteration reaches).
 *  2. **Newton–Raphson from the guess** (default 0.1), as the spreadsheets do, at most
 *     `NEWTON_MAX_ITERATIONS` steps, stopping when a step is below `NEWTON_STEP_TOLERANCE` (relative).
 *     Newton fails when an iterate leaves the domain (r ≤ −1), a value overflows, the slope is 0, or it
 *     does not converge. A converged point is accepted only if it is a genuine root: its relative
 *     residual |f| / Σ|terms| is at most `ROOT_RESIDUAL_TOLERANCE`, or f changes sign within a relative
 *     distance `ROOT_SIGN_CHECK_WIDTH` of it (then Brent polishes it).
 *  3. **Bracket scan + Brent.** If Newton fails: scan the growth factor x = 1 + r on a log grid
 *     (`SCAN_POINTS_PER_DECADE` points per decade) from `SCAN_LOWEST_GROWTH` (r just above −1) up to
 *     r = `SCAN_HIGHEST_RATE`, and run Brent's method in the **first** bracket with a sign change,
 *     i.e. return the lowest root the scan finds. The scan evaluates a positively rescaled f that
 *     cannot overflow, so deeply negative rates (−0.9, −0.99999) are found. When the sign rule says
 *     the root is unique, a coarser grid (`SCAN_STRIDE_FOR_UNIQUE_ROOT`) finds the same root faster.
 *  4. Nothing found → `undefined` (the callers throw FinanceError('NO_SOLUTION')).
 *
 * With several roots the result is therefore: the root Newton reaches from the guess (the spreadsheet
 * rule); when Newton fails, the lowest root the scan brackets. `findRootAndOthers` lists every root the
 * scan brackets so callers can report that others exist. A root of even multiplicity (f touches 0
 * without crossing) or two roots closer than one grid step cannot be bracketed; Newton may still find
 * them, and a root Newton reaches beyond the scan range (r > 1e7) is accepted — it is a genuine root.
 * Roots beyond 1e7 that Newton does not reach are not searched for (NO_SOLUTION says so).
 */

/** Default starting point of Newton's method, as in the spreadsheets. */
export const DEFAULT_GUESS = 0.1;
/** Newton iterations before giving up (Excel uses 20 for IRR and 100 for XIRR). */
export const NEWTON_MAX_ITERATIONS = 50;
/** Newton stops when |Δr| ≤ this × max(1, |r|). */
export const NEWTON_STEP_TOLERANCE = 1e-13;
/** A point is a genuine root if |f(r)| ≤ this × Σ|terms of f(r)| … */
export const ROOT_RESIDUAL_TOLERANCE = 1e-9;
/** … or if f changes sign between r ∓ this × (1 + r) (ill-conditioned roots near r = −1). */
export const ROOT_SIGN_CHECK_WIDTH = 1e-9;
/**
 * Lowest growth factor 1 + r the scan looks at (r = −0.99999999999999): a float64 rate this close to
 * −1 keeps only about two significant digits of 1 + r, and none from 1.1e-16 down.
 */
export const SCAN_LOWEST_GROWTH = 1e-14;
/** Highest rate the scan looks at (the oracle's analysis range is (−1, 1e7)). */
export const SCAN_HIGHEST_RATE = 1e7;
/** Density of the log-spaced scan grid on 1 + r: 200 points per decade ≈ 1.16% steps in 1 + r. */
export const SCAN_POINTS_PER_DECADE = 200;
/**
 * When the sign rule guarantees a unique root (one sign change), any bracket holds it: the scan then
 * looks at every 20th grid point only (10 per decade) — the same root, 20× fewer evaluations.
 */
export const SCAN_STRIDE_FOR_UNIQUE_ROOT = 20;
/** Brent iterations before giving up (it converges in far fewer). */
export const BRENT_MAX_ITERATIONS = 200;
/** Brent stops when the bracket is below BRENT_ABSOLUTE_TOLERANCE + BRENT_RELATIVE_TOLERANCE × |r|. */
export const BRENT_ABSOLUTE_TOLERANCE = 1e-15;
export const BRENT_RELATIVE_TOLERANCE = 4 * Number.EPSILON;
/** Two roots closer than this × max(1, |r|) are the same root (when merging Newton's and the scan's). */
export const ROOT_IDENTITY_TOLERANCE = 1e-9;

/** How a root was obtained. */
export type RootMethod = 'closed-form' | 'newton' | 'brent';

/** A rate equation f(r) = 0 on r > −1, evaluated in float64. */
export interface RateEquation {
  /**
   * Sign changes of the coefficients ordered by time, zeros ignored (an upper bound on the number of
   * roots, with the same parity); `undefined` when not known.
   */
  readonly signChanges: number | undefined;
  /** f(r) into out[0] and f′(r) into out[1]; either may be non-finite on overflow. */
  evaluateWithSlope(rate: number, out: Float64Array): void;
  /**
   * f(r)·c(r) for some continuous c(r) > 0 chosen so the value cannot overflow anywhere on r > −1:
   * the same sign and the same roots as f. Used by the scan and by Brent.
   */
  evaluateScaled(rate: number): number;
  /** |f(r)| / Σ|terms of f(r)|: a scale-free residual (0 at an exact root). */
  computeRelativeResidual(rate: number): number;
  /** The root in closed form when the equation has exactly two terms; `undefined` otherwise. */
  solveInClosedForm?(): number | undefined;
}

/** A root and how it was found. */
export interface RateRoot {
  rate: number;
  method: RootMethod;
}

const slopeScratch = new Float64Array(2);

/** Rates of the scan grid, ascending: 1 + r = 10^(k / SCAN_POINTS_PER_DECADE) from SCAN_LOWEST_GROWTH. */
const SCAN_GRID: Float64Array = buildScanGrid();

function buildScanGrid(): Float64Array {
  const lowestDecade = Math.round(Math.log10(SCAN_LOWEST_GROWTH));
  const highestDecade = Math.log10(1 + SCAN_HIGHEST_RATE);
  const steps = Math.ceil((highestDecade - lowestDecade) * SCAN_POINTS_PER_DECADE);
  const rates: number[] = [];
  for (let k = 0; k <= steps; k++) {
    const rate = 10 ** (lowestDecade + k / SCAN_POINTS_PER_DECADE) - 1;
    if (rate >= SCAN_HIGHEST_RATE) break;
    if (rate > -1 && (rates.length === 0 || rate > (rates[rates.length - 1] as number))) rates.push(rate);
  }
  rates.push(SCAN_HIGHEST_RATE);
  return Float64Array.from(rates);
}

/** Number of sign changes in a sequence, zeros ignored (Descartes' rule of signs). */
export function countSignChanges(coefficients: ArrayLike<number>): number {
  let changes = 0;
  let previous = 0;
  for (let i = 0; i < coefficients.length; i++) {
    const c = coefficients[i] as number;
    if (c === 0) continue;
    if (previous !== 0 && (c > 0) !== (previous > 0)) changes++;
    previous = c;
  }
  return changes;
}

/**
 * Root of a·x^−s + b·x^−t = 0 (s < t, a·b < 0): x^(t−s) = −b/a, so r = expm1(ln(−b/a) / (t − s)).
 * `expm1` keeps full precision for small rates; an overflow gives +Infinity (no representable root).
 */
export function solveTwoTermsInClosedForm(a: number, s: number, b: number, t: number): number {
  return Math.expm1(Math.log(-b / a) / (t - s));
}

/**
 * Newton–Raphson from `guess` on f. Returns the converged rate, or `undefined` when it leaves the
 * domain, overflows, meets a zero slope or does not converge (see the module comment).
 */
export function solveByNewton(equation: RateEquation, guess: number): number | undefined {
  const out = slopeScratch;
  let rate = guess;
  for (let iteration = 0; iteration < NEWTON_MAX_ITERATIONS; iteration++) {
    equation.evaluateWithSlope(rate, out);
    const value = out[0] as number;
    const slope = out[1] as number;
    if (value === 0) return rate;
    if (!Number.isFinite(value) || !Number.isFinite(slope) || slope === 0) return undefined;
    const next = rate - value / slope; // r_{k+1} = r_k − f(r_k) / f′(r_k)
    if (!(next > -1) || !Number.isFinite(next)) return undefined;
    if (Math.abs(next - rate) <= NEWTON_STEP_TOLERANCE * Math.max(1, Math.abs(next))) return next;
    rate = next;
  }
  return undefined;
}

/**
 * Brent's method (Brent 1973, in the form of SciPy's `brentq`) on the scaled equation in the bracket
 * [low, high], whose scaled values `valueLow`, `valueHigh` have opposite signs.
 */
export function solveByBrent(
  equation: RateEquation,
  low: number,
  high: number,
  valueLow: number,
  valueHigh: number,
): number {
  let previous = low;
  let current = high;
  let fPrevious = valueLow;
  let fCurrent = valueHigh;
  if (fPrevious === 0) return previous;
  if (fCurrent === 0) return current;
  let block = 0;
  let fBlock = 0;
  let stepPrevious = 0;
  let stepCurrent = 0;
  for (let iteration = 0; iteration < BRENT_MAX_ITERATIONS; iteration++) {
    if (fPrevious !== 0 && fCurrent !== 0 && fPrevious > 0 !== fCurrent > 0) {
      block = previous;
      fBlock = fPrevious;
      stepPrevious = stepCurrent = current - previous;
    }
    if (Math.abs(fBlock) < Math.abs(fCurrent)) {
      previous = current;
      current = block;
      block = previous;
      fPrevious = fCurrent;
      fCurrent = fBlock;
      fBlock = fPrevious;
    }
    const tolerance = (BRENT_ABSOLUTE_TOLERANCE + BRENT_RELATIVE_TOLERANCE * Math.abs(current)) / 2;
    const bisection = (block - current) / 2;
    if (fCurrent === 0 || Math.abs(bisection) < tolerance) return current;
    if (Math.abs(stepPrevious) > tolerance && Math.abs(fCurrent) < Math.abs(fPrevious)) {
      let trial: number;
      if (previous === block) {
        trial = (-fCurrent * (current - previous)) / (fCurrent - fPrevious); // secant
      } else {
        const slopePrevious = (fPrevious - fCurrent) / (previous - current);
        const slopeBlock = (fBlock - fCurrent) / (block - current);
        trial =
          (-fCurrent * (fBlock * slopeBlock - fPrevious * slopePrevious)) /
          (slopeBlock * slopePrevious * (fBlock - fPrevious)); // inverse quadratic interpolation
      }
      if (2 * Math.abs(trial) < Math.min(Math.abs(stepPrevious), 3 * Math.abs(bisection) - tolerance)) {
        stepPrevious = stepCurrent;
        stepCurrent = trial;
      } else {
        stepPrevious = stepCurrent = bisection;
      }
    } else {
      stepPrevious = stepCurrent = bisection;
    }
    previous = current;
    fPrevious = fCurrent;
    current += Math.abs(stepCurrent) > tolerance ? stepCurrent : bisection > 0 ? tolerance : -tolerance;
    fCurrent = equation.evaluateScaled(current);
  }
  return current;
}

/**
 * Scan the grid from r just above −1 upward for sign changes of the scaled equation and solve each
 * bracket with Brent. With `firstOnly` it stops at the first root. Roots come out ascending.
 */
export function scanForRoots(equation: RateEquation, firstOnly: boolean, stride = 1): number[] {
  const roots: number[] = [];
  let previousRate = Number.NaN;
  let previousValue = Number.NaN; // NaN = no usable previous point
  const lastIndex = SCAN_GRID.length - 1;
  for (let k = 0; k <= lastIndex; k = k < lastIndex && k + stride > lastIndex ? lastIndex : k + stride) {
    const rate = SCAN_GRID[k] as number;
    const value = equation.evaluateScaled(rate);
    if (value === 0) {
      roots.push(rate); // exact root on the grid
      if (firstOnly) return roots;
      previousValue = Number.NaN;
      continue;
    }
    if (!Number.isFinite(value)) {
      previousValue = Number.NaN;
      continue;
    }
    if (previousValue === previousValue && previousValue > 0 !== value > 0) {
      roots.push(solveByBrent(equation, previousRate, rate, previousValue, value));
      if (firstOnly) return roots;
    }
    previousRate = rate;
    previousValue = value;
  }
  return roots;
}

/**
 * Accept a Newton point only if it is a genuine root (see the module comment); returns the (possibly
 * Brent-polished) root or `undefined`.
 */
export function confirmRoot(equation: RateEquation, rate: number): number | undefined {
  if (equation.computeRelativeResidual(rate) <= ROOT_RESIDUAL_TOLERANCE) return rate;
  const width = ROOT_SIGN_CHECK_WIDTH * (1 + rate);
  const low = rate - width;
  const high = rate + width;
  const valueLow = equation.evaluateScaled(low);
  const valueHigh = equation.evaluateScaled(high);
  if (Number.isFinite(valueLow) && Number.isFinite(valueHigh) && (valueLow === 0 || valueHigh === 0 || valueLow > 0 !== valueHigh > 0)) {
    return solveByBrent(equation, low, high, valueLow, valueHigh);
  }
  return undefined;
}

/**
 * The documented rule: sign rule → closed form → Newton from the guess → first bracket of the scan.
 * Returns `undefined` when the equation has no root the methods can find.
 */
export function findRoot(equation: RateEquation, guess: number): RateRoot | undefined {
  if (equation.signChanges === 0) return undefined;
  if (equation.solveInClosedForm) {
    const closed = equation.solveInClosedForm();
    if (closed !== undefined) return closed > -1 && Number.isFinite(closed) ? { rate: closed, method: 'closed-form' } : undefined;
  }
  const newton = solveByNewton(equation, guess);
  if (newton !== undefined) {
    const confirmed = confirmRoot(equation, newton);
    if (confirmed !== undefined) return { rate: confirmed, method: 'newton' };
  }
  const stride = equation.signChanges === 1 ? SCAN_STRIDE_FOR_UNIQUE_ROOT : 1;
  const [first] = scanForRoots(equation, true, stride);
  return first === undefined ? undefined : { rate: first, method: 'brent' };
}

/** The result of `findRoot` plus every root the scan brackets (ascending, deduplicated). */
export interface RateRootAnalysis extends RateRoot {
  roots: number[];
}

/**
 * `findRoot`, and the list of all roots: when the sign rule says the root is unique (one sign change,
 * or the closed form) no scan is needed; otherwise the whole grid is scanned.
 */
export function findRootAndOthers(equation: RateEquation, guess: number): RateRootAnalysis | undefined {
  const root = findRoot(equation, guess);
  if (root === undefined) return undefined;
  if (root.method === 'closed-form' || equation.signChanges === 1) return { ...root, roots: [root.rate] };
  const isSameRoot = (other: number): boolean =>
    Math.abs(other - root.rate) <= ROOT_IDENTITY_TOLERANCE * Math.max(1, Math.abs(root.rate));
  const roots = scanForRoots(equation, false).filter((other) => !isSameRoot(other));
  roots.push(root.rate);
  roots.sort((a, b) => a - b);
  return { ...root, roots };
}

/**
 * Plain-English reason why `findRoot` found nothing for an equation with a sign change: the closed-form
 * root is not representable in float64, or no root lies in the searched range.
 */
export function describeMissingRoot(equation: RateEquation, valueName: string): string {
  const closed = equation.solveInClosedForm?.();
  if (closed !== undefined && closed === Number.POSITIVE_INFINITY) {
    return `the only rate that makes the ${valueName} zero is too large to represent as a number`;
  }
  if (closed !== undefined && closed <= -1) {
    return `the only rate that makes the ${valueName} zero is so close to -100% that it cannot be told apart from -100%`;
  }
  return (
    `no rate above -100% and up to ${SCAN_HIGHEST_RATE} (the search range) makes the ${valueName} of these ` +
    'cash flows zero, and Newton from the guess found none either'
  );
}
