import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { totalOf, type Series } from '../engine/series.js';
import { findRow } from '../engine/statement.js';
import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
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

/** The indicators a loan or bond has of its own (methodology §11.9), read from debt.facilities when a target names the facility. */
export const FACILITY_INDICATORS = ['minDscr', 'avgDscr', 'llcr'] as const satisfies readonly Indicator[];
type FacilityIndicator = (typeof FACILITY_INDICATORS)[number];
const isFacilityIndicator = (indicator: Indicator): indicator is FacilityIndicator => (FACILITY_INDICATORS as readonly string[]).includes(indicator);

/**
 * The indicator's value, or null where it does not exist (no IRR, no debt service, no bond). With a
 * facility (a loan or bond id), that facility's own minimum or average DSCR or LLCR.
 */
export function readIndicator(e: IndicatorEvaluation, indicator: Indicator, facility?: string): D | null {
  if (facility !== undefined) {
    const cover = e.debt.facilities.find((f) => f.sourceId === facility);
    return cover && isFacilityIndicator(indicator) ? cover[indicator] : null;
  }
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
export function readIndicatorForSearch(e: IndicatorEvaluation, indicator: Indicator, facility?: string): number {
  const value = readIndicator(e, indicator, facility);
  if (value !== null) return value.toNumber();
  if (INDICATORS[indicator] === 'ratio') return ABSENT_RATIO;
  const flows = flowsOf(e, indicator as 'equityIrr');
  return totalOf(flows).isNegative() ? -1 : IRR_OF_ALL_POSITIVE;
}

/**
 * A target that names a facility must name a loan or bond of the deal and an indicator it has of its
 * own (minDscr, avgDscr, llcr); the problems name the field.
 */
export function checkFacilityTarget(deal: Deal, target: { indicator: Indicator; facility?: string }, path: string): Problem[] {
  if (target.facility === undefined) return [];
  const problems: Problem[] = [];
  const source = deal.funding.sources.find((s) => s.id === target.facility);
  if (!source) problems.push({ code: 'UNKNOWN_REFERENCE', path: `${path}.facility`, message: `no funding source has id "${target.facility}"` });
  else if (source.kind !== 'bank-loan' && source.kind !== 'special-bond') problems.push({ code: 'WRONG_SOURCE_KIND', path: `${path}.facility`, message: `source "${target.facility}" is ${source.kind}; a facility target names a bank loan or special bond` });
  if (!isFacilityIndicator(target.indicator)) problems.push({ code: 'NOT_APPLICABLE', path: `${path}.indicator`, message: `a facility has its own ${FACILITY_INDICATORS.join(', ')}; not ${target.indicator}` });
  return problems;
}

/** A key telling targets apart: the indicator, and the facility it is read of (minDscr@loan). */
export const keyOfTarget = (target: { indicator: Indicator; facility?: string }) => (target.facility === undefined ? target.indicator : `${target.indicator}@${target.facility}`);
