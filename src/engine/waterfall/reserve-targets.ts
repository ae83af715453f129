import { D, ZERO } from '../../finance/decimal.js';
import { createZeroSeries, type Series } from '../series.js';

/**
 * DSRA target (methodology §11): months/12 × the debt service the project pays next year, from the
 * last construction year (when the reserve is funded at close) to the year before final maturity; in
 * the year of the last service there is no next year's service, so the target is 0 and the reserve is
 * released at final maturity.
 */
export function computeDsraTargets(months: number, serviceDue: Series, C: number): Series {
  const T = serviceDue.length;
  const targets = createZeroSeries(T);
  if (months === 0) return targets;
  const share = new D(months).div(12);
  for (let t = Math.max(0, C - 1); t < T - 1; t++) targets[t] = serviceDue[t + 1]!.times(share);
  return targets;
}

/**
 * MMRA target (methodology §11): each major-maintenance event G_e (维持运营投资, as paid, VAT
 * included) is set aside in k equal parts in the k years before it, so at the end of year t the
 * reserve holds Σ_{t < e ≤ t+k} G_e × (k − (e − t) + 1) / k; in the event's own year its part leaves
 * the target and is released to pay it. Only operating years hold a target.
 */
export function computeMmraTargets(buildUpYears: number, events: Series, C: number): Series {
  const T = events.length;
  const targets = createZeroSeries(T);
  if (buildUpYears === 0) return targets;
  const k = buildUpYears;
  for (let t = C; t < T; t++) {
    let target = ZERO;
    for (let e = t + 1; e <= Math.min(T - 1, t + k); e++) {
      if (!events[e]!.isZero()) target = target.plus(events[e]!.times(k - (e - t) + 1).div(k));
    }
    targets[t] = target;
  }
  return targets;
}
