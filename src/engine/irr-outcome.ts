import { FinanceError, solveIrr } from '../finance/index.js';
import type { D } from '../finance/decimal.js';
import type { Series } from './series.js';

export type IrrOutcome = { rate: D; otherRootsExist: boolean; method: string } | { rate: null; reason: string };

/**
 * FIRR of a yearly flow row (methodology §4): the root of Σ CF_t (1+r)^−t = 0. "No IRR" is an outcome
 * with its reason, never a made-up number; with several roots the finance module's documented rule
 * picks one and the outcome says others exist.
 */
export function computeIrrOutcome(flows: Series): IrrOutcome {
  try {
    const solved = solveIrr(flows);
    return { rate: solved.rate, otherRootsExist: solved.otherRootsExist, method: solved.method };
  } catch (error) {
    if (error instanceof FinanceError) return { rate: null, reason: describeNoIrr(flows, error.message) };
    throw error;
  }
}

function describeNoIrr(flows: Series, detail: string): string {
  const positives = flows.some((v) => v.isPositive() && !v.isZero());
  const negatives = flows.some((v) => v.isNegative() && !v.isZero());
  if (!positives) return 'no IRR: the flows never turn positive, so nothing is recovered';
  if (!negatives) return 'no IRR: the flows are never negative';
  return `no IRR: no rate above −100% makes the NPV zero (${detail})`;
}
