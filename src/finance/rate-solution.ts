import { D } from './decimal.js';
import type { RateRootAnalysis, RootMethod } from './root-finder.js';

/**
 * The rich answer of `solveIrr` / `solveXirr`: the rate `irr` / `xirr` return, how it was found, and
 * whether the cash flows have other roots (methodology §8: "with several roots the result says which one
 * it returns and that others exist").
 */
export interface RateSolution {
  /** The rate `irr()` / `xirr()` return (same rule, same value). */
  rate: D;
  /**
   * `'closed-form'`: two net flows, unique root computed directly; `'newton'`: Newton from the guess
   * converged (the spreadsheet's answer); `'brent'`: Newton failed and this is the lowest root the
   * bracket scan found.
   */
  method: RootMethod;
  /** Every root found in (−1, 1e7] (plus `rate` if it lies outside), ascending; includes `rate`. */
  roots: D[];
  /** `roots.length > 1`: the cash flows have more than one IRR, so `rate` is one choice among several. */
  otherRootsExist: boolean;
  /**
   * Sign changes of the time-ordered (net) flows: by Descartes' rule an upper bound on the number of
   * roots, with the same parity. 1 ⇒ the root is unique; ≥ 2 with one root listed ⇒ further roots
   * are possible only as double roots or pairs closer than the scan grid.
   */
  signChanges: number;
}

export function toRateSolution(analysis: RateRootAnalysis, signChanges: number): RateSolution {
  return {
    rate: new D(analysis.rate),
    method: analysis.method,
    roots: analysis.roots.map((root) => new D(root)),
    otherRootsExist: analysis.roots.length > 1,
    signChanges,
  };
}
