import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { totalOf, type Series } from '../engine/series.js';
import { findRow } from '../engine/statement.js';
import type { D } from '../finance/decimal.js';

/**
 * Indicators the decision tools read (methodology §4). `cumulativeCashFlowAfterTax` is the cumulative
 * after-tax project cash flow at the end of the term: ≥ 0 exactly when the investment is paid back
 * (statically) within the term, so "payback within the term" is this indicator at 0.
 */
export const INDICATORS = {
  equityIrr: 'rate',
  projectIrrAfterTax: 'rate',
  projectIrrPreTax: 'rate',
  projectNpvAfterTax: 'amount',
  projectNpvPreTax: 'amount',
  cumulativeCashFlowAfterTax: 'amount',
  minDscr: 'ratio',
  avgDscr: 'ratio',
  llcr: 'ratio',
  minIcr: 'ratio',
  bondCoverageNet: 'ratio',
  bondCoverageGross: 'ratio',
  allDebtCoverageNet: 'ratio',
  allDebtCoverageGross: 'ratio',
} as const;
export type Indicator = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as [Indicator, ...Indicator[]];

/** Default tolerance on an indicator: a thousandth of a percentage point, 0.0001×, 10 元. */
export const DEFAULT_INDICATOR_TOLERANCE: Record<(typeof INDICATORS)[Indicator], number> = { rate: 1e-5, ratio: 1e-4, amount: 10 };

/** The indicator's value, or null where it does not exist (no IRR, no debt service, no bond). */
export function readIndicator(e: IndicatorEvaluation, indicator: Indicator): D | null {
  const m = e.metrics;
  switch (indicator) {
    case 'cumulativeCashFlowAfterTax':
      return totalOf(e.projection.afterTaxFlow);
    case 'allDebtCoverageNet':
      return e.debt.coverage.allDebtNet;
    case 'allDebtCoverageGross':
      return e.debt.coverage.allDebtGross;
    default:
      return m[indicator];
  }
}

/** Upper limit an absent ratio stands for: no debt service means coverage without bound. */
const ABSENT_RATIO = 1000;
/** An IRR that does not exist because the flows never turn positive is read as −100%; because they never turn negative, as 1000%. */
const IRR_OF_ALL_POSITIVE = 10;

function flowsOf(e: IndicatorEvaluation, indicator: 'equityIrr' | 'projectIrrAfterTax' | 'projectIrrPreTax'): Series {
  if (indicator === 'projectIrrAfterTax') return e.projection.afterTaxFlow;
  if (indicator === 'projectIrrPreTax') return e.projection.preTaxFlow;
  return findRow(e.statements.equityCashFlow, 'netCashFlow').values;
}

/**
 * The indicator as a number for a search, where an absent value stands for its limit: an IRR of flows
 * that never repay is −100% (1000% when nothing is ever paid out), a ratio with nothing to cover is
 * 1000×. So a search can cross from "no debt" to "some debt" or from "no IRR" to an IRR.
 */
export function readIndicatorForSearch(e: IndicatorEvaluation, indicator: Indicator): number {
  const value = readIndicator(e, indicator);
  if (value !== null) return value.toNumber();
  if (INDICATORS[indicator] === 'ratio') return ABSENT_RATIO;
  const flows = flowsOf(e, indicator as 'equityIrr');
  return totalOf(flows).isNegative() ? -1 : IRR_OF_ALL_POSITIVE;
}
