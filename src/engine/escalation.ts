import type { Escalation } from '../deal/primitives.js';
import { D } from '../finance/decimal.js';

/**
 * Price factors by operating year n = 1…N, counted from the first operating year of the deal
 * (methodology §2): annual (1+g)^(n−1); a step every k years (1+g)^⌊(n−1)/k⌋; none 1.
 * Built by repeated multiplication so no non-integer power is ever taken.
 */
export function computeEscalationFactors(escalation: Escalation, N: number): D[] {
  const factors: D[] = [];
  if (escalation.kind === 'none') {
    const one = new D(1);
    for (let n = 1; n <= N; n++) factors.push(one);
    return factors;
  }
  const growth = new D(escalation.rate).plus(1);
  const every = escalation.kind === 'annual' ? 1 : escalation.everyYears;
  let factor = new D(1);
  for (let n = 1; n <= N; n++) {
    if (n > 1 && (n - 1) % every === 0) factor = factor.times(growth);
    factors.push(factor);
  }
  return factors;
}
