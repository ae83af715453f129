import { solveByBrent, type RateEquation } from '../finance/root-finder.js';

export interface BracketTolerances {
  /** Stop when |f(x)| is at most this… */
  value: number;
  /** …or when the bracket is at most this wide. */
  input: number;
  /** Evaluations of f inside the bracket before giving up. */
  maxEvaluations: number;
}

export interface BracketPoint {
  x: number;
  fx: number;
}

export interface BracketedSolution {
  /** The point returned: within the value tolerance, else the end of the final bracket where f ≥ 0. */
  point: BracketPoint;
  /** How it stopped: f within tolerance, the bracket narrower than the input tolerance, or out of evaluations. */
  converged: 'value' | 'input' | 'none';
  evaluations: number;
}

const OUT_OF_EVALUATIONS = Symbol('out of evaluations');

/**
 * Root of f in [lo, hi] where f(lo) and f(hi) have opposite signs, by the project's Brent solver
 * (src/finance/root-finder.ts, the one IRR uses). Brent's own tolerances are float64-tight; here every
 * value of f costs a deal evaluation, so f is wrapped: a value within `value` tolerance is reported
 * as 0 (Brent stops at a zero), and so is any value once the bracket — the latest point of each sign,
 * which is exactly Brent's bracket — is narrower than `input`.
 */
export function solveBracketed(f: (x: number) => number, lo: BracketPoint, hi: BracketPoint, tolerances: BracketTolerances): BracketedSolution {
  let negative = lo.fx < 0 ? lo : hi;
  let positive = lo.fx < 0 ? hi : lo;
  let evaluations = 0;
  let hit: BracketPoint | undefined;
  const equation = {
    signChanges: undefined,
    evaluateScaled(x: number): number {
      if (evaluations >= tolerances.maxEvaluations) throw OUT_OF_EVALUATIONS;
      evaluations++;
      const fx = f(x);
      if (fx < 0) negative = { x, fx };
      else positive = { x, fx };
      if (Math.abs(fx) <= tolerances.value) {
        hit = { x, fx };
        return 0;
      }
      return Math.abs(positive.x - negative.x) <= tolerances.input ? 0 : fx;
    },
  } as unknown as RateEquation;
  try {
    solveByBrent(equation, lo.x, hi.x, lo.fx, hi.fx);
  } catch (error) {
    if (error !== OUT_OF_EVALUATIONS) throw error;
    return { point: positive, converged: 'none', evaluations };
  }
  if (hit) return { point: hit, converged: 'value', evaluations };
  return { point: positive, converged: Math.abs(positive.x - negative.x) <= tolerances.input ? 'input' : 'none', evaluations };
}

/**
 * The integer in [lo, hi] nearest the crossing on the side where f ≥ 0, by bisection on whole numbers:
 * f(lo) and f(hi) have opposite signs; `null` (no valid value there) counts as below the target.
 */
export function solveOnIntegers(f: (x: number) => number | null, lo: number, hi: number, fLo: number | null, fHi: number | null): { x: number; evaluations: number } {
  const meets = (v: number | null) => v !== null && v >= 0;
  const rising = meets(fHi);
  let [below, above] = rising ? [lo, hi] : [hi, lo]; // f(below) < 0 ≤ f(above)
  void fLo;
  let evaluations = 0;
  while (Math.abs(above - below) > 1) {
    const mid = Math.floor((below + above) / 2);
    evaluations++;
    if (meets(f(mid))) above = mid;
    else below = mid;
  }
  return { x: above, evaluations };
}
