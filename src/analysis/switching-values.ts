import type { Deal } from '../deal/deal-schema.js';
import { hasBankLoan } from './edits/cost-edits.js';
import { applyDriver, nameDriver, type Driver } from './drivers.js';
import { evaluateVariant } from './evaluate-variant.js';
import { formatIndicator } from './format-indicator.js';
import { DEFAULT_INDICATOR_TOLERANCE, INDICATORS, keyOfTarget, readIndicator, readIndicatorForSearch, type Indicator } from './indicators.js';
import { solveBracketed, type BracketPoint } from './solve-bracketed.js';

export interface SwitchingValue {
  driver: string;
  target: { indicator: Indicator; value: string; facility?: string };
  /** The relative change of the driver at which the indicator reaches the target; null when none within the range. */
  change: string | null;
  indicator: string | null;
  reason?: string;
}

/** Thresholds of the issue: NPV to 0, DSCR to 1.0 and 1.3, coverage to 1.1 (bond) and 1.2 (all debt). */
export const DEFAULT_SWITCHING_TARGETS: { indicator: Indicator; value: string }[] = [
  { indicator: 'projectNpvAfterTax', value: '0' },
  { indicator: 'minDscr', value: '1' },
  { indicator: 'minDscr', value: '1.3' },
  { indicator: 'bondCoverageNet', value: '1.1' },
  { indicator: 'allDebtCoverageNet', value: '1.2' },
];

export function listDefaultSwitchingDrivers(deal: Deal): Driver[] {
  return [{ driver: 'revenue' }, { driver: 'capex' }, { driver: 'opex' }, ...(hasBankLoan(deal) ? [{ driver: 'interest-rate' } as const] : [])];
}

/** Relative changes searched: from −90% to +200%. */
const RANGE: [number, number] = [-0.9, 2];
/** Switching values are read to a thousandth of a percent of the driver. */
const CHANGE_TOLERANCE = 1e-5;

/**
 * Switching values (methodology §4 thresholds): for each driver and target, the relative change of the
 * driver at which the indicator equals the target, other inputs at base — by the goal-seek bracket
 * (Brent) over −90%…+200%, shrunk toward 0 where the changed deal is invalid. Indicators the deal does
 * not have (no bond, no debt) are skipped.
 */
export function findSwitchingValues(deal: Deal, asOf: string, drivers: readonly Driver[], targets: readonly { indicator: Indicator; value: string; facility?: string }[], base: Record<string, boolean>): SwitchingValue[] {
  const results: SwitchingValue[] = [];
  for (const driver of drivers) {
    const cache = new Map<number, ReturnType<typeof evaluateVariant>>();
    const at = (x: number) => {
      let outcome = cache.get(x);
      if (!outcome) cache.set(x, (outcome = evaluateVariant(applyDriver(deal, driver, x), asOf)));
      return outcome;
    };
    const validBound = (x: number) => {
      for (let k = 0; k < 5; k++, x /= 2) if (at(x).ok) return x;
      return undefined;
    };
    const lo = validBound(RANGE[0]);
    const hi = validBound(RANGE[1]);
    for (const target of targets) {
      if (!base[keyOfTarget(target)]) continue;
      const result: SwitchingValue = { driver: nameDriver(driver), target, change: null, indicator: null };
      results.push(result);
      if (lo === undefined || hi === undefined) {
        result.reason = 'the deal is invalid when this driver moves far from its base';
        continue;
      }
      const goal = Number(target.value);
      const gap = (x: number) => {
        const outcome = at(x);
        return outcome.ok ? readIndicatorForSearch(outcome.evaluation, target.indicator, target.facility) - goal : Number.NaN;
      };
      const [gLo, gHi] = [gap(lo), gap(hi)];
      if (gLo >= 0 === gHi >= 0) {
        result.reason = `the ${target.indicator} stays ${gLo >= 0 ? 'above' : 'below'} ${target.value} from ${lo * 100}% to +${hi * 100}%`;
        continue;
      }
      const solved = solveBracketed(gap, { x: lo, fx: gLo } as BracketPoint, { x: hi, fx: gHi }, {
        value: DEFAULT_INDICATOR_TOLERANCE[INDICATORS[target.indicator]],
        input: CHANGE_TOLERANCE,
        maxEvaluations: 40,
      });
      const outcome = at(solved.point.x);
      result.change = solved.point.x.toFixed(6);
      result.indicator = outcome.ok ? formatIndicator(target.indicator, readIndicator(outcome.evaluation, target.indicator, target.facility)) : null;
    }
  }
  return results;
}
