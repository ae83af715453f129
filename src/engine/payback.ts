import { D, ZERO } from '../finance/decimal.js';
import type { Series } from './series.js';

export type PaybackOutcome =
  | { years: D; reversed: boolean }
  | { years: null; reason: string };

/**
 * Payback counted from the start of construction year 1 (methodology §4):
 *   Pt = T − 1 + |cumulative CF at end of T−1| / CF_T,
 * T the first year in which the cumulative flow, having been negative, is ≥ 0. Flows that never go
 * negative have nothing to recover (Pt = 0). `reversed` says the cumulative turns negative again later
 * (e.g. a major repair), which a reader of the payback figure should know.
 */
export function computePayback(flows: Series): PaybackOutcome {
  let cumulative = ZERO;
  let wasNegative = false;
  for (let i = 0; i < flows.length; i++) {
    const previous = cumulative;
    cumulative = cumulative.plus(flows[i]!);
    if (cumulative.isNegative() && !cumulative.isZero()) {
      wasNegative = true;
      continue;
    }
    if (!wasNegative) continue;
    // First recovery: T = i + 1, so Pt = i + |previous| / CF_T.
    const years = new D(i).plus(previous.abs().div(flows[i]!));
    return { years, reversed: turnsNegativeAfter(flows, i, cumulative) };
  }
  if (!wasNegative) return { years: ZERO, reversed: false };
  return {
    years: null,
    reason: `the cumulative flow is still negative at the end of year ${flows.length} (${cumulative.toFixed(2)} 元)`,
  };
}

function turnsNegativeAfter(flows: Series, index: number, cumulative: D): boolean {
  let running = cumulative;
  for (let i = index + 1; i < flows.length; i++) {
    running = running.plus(flows[i]!);
    if (running.isNegative() && !running.isZero()) return true;
  }
  return false;
}
