import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { formatIndicator } from './format-indicator.js';
import { readIndicator, type Indicator } from './indicators.js';

/** The indicators a lender and an investor read in a case: returns, DSCR, LLCR, ICR and coverage. */
export const CASE_INDICATORS = [
  'equityIrr',
  'projectIrrAfterTax',
  'projectNpvAfterTax',
  'minDscr',
  'avgDscr',
  'llcr',
  'minIcr',
  'bondCoverageNet',
  'bondCoverageGross',
  'allDebtCoverageNet',
  'allDebtCoverageGross',
] as const satisfies readonly Indicator[];

export type CaseMetrics = Record<(typeof CASE_INDICATORS)[number], string | null>;

/** The case indicators as decimal strings (null where the indicator does not exist). */
export function readCaseMetrics(e: IndicatorEvaluation): CaseMetrics {
  return Object.fromEntries(CASE_INDICATORS.map((k) => [k, formatIndicator(k, readIndicator(e, k))])) as CaseMetrics;
}
