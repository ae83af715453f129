import type { Covenants } from '../deal/funding-schema.js';
import { isBelowFloor } from '../engine/covenant-rule.js';
import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { D } from '../finance/decimal.js';

export interface CovenantBreach {
  covenant: 'hardMinDscr' | 'minDscr' | 'minIcr' | 'bondCoverage' | 'allDebtCoverage' | 'minEquityRatio' | 'financialSurvival' | 'lockUp' | 'dsraDraw';
  threshold: string | null;
  value: string | null;
  message: string;
}

/** What the covenants are tested on: an evaluation's indicators, debt and waterfall (a full evaluation, or a stress case's). */
export interface CovenantFigures {
  metrics: Pick<IndicatorEvaluation['metrics'], 'minDscr' | 'minIcr'>;
  debt: Pick<IndicatorEvaluation['debt'], 'coverage' | 'equityRatio' | 'survivalFailures'>;
  waterfall: Pick<IndicatorEvaluation['waterfall'], 'lockUpYears' | 'dsraDrawYears'>;
}

/**
 * The deal's covenants (deal.covenants, methodology §4, §6) against an evaluation: DSCR below the hard
 * floor (1.0) and below the appraisal floor (1.3), ICR, special-bond and all-debt coverage (net of
 * operating cost), minimum equity, the years that fail 财务生存能力 (cash below zero before 临时借款), and
 * from the waterfall (methodology §11) the years distributions are locked up and the DSRA is drawn.
 * An indicator that does not exist (no debt) breaks nothing. The rule is the engine's
 * (engine/covenant-rule.ts): below the threshold by more than its rounding tolerance.
 */
export function checkCovenants(covenants: Covenants, e: CovenantFigures): CovenantBreach[] {
  const breaches: CovenantBreach[] = [];
  const below = (covenant: CovenantBreach['covenant'], value: D | null, threshold: string, what: string) => {
    if (value !== null && isBelowFloor(value, threshold)) {
      breaches.push({ covenant, threshold: new D(threshold).toString(), value: value.toFixed(4), message: `${what} ${value.toFixed(4)} is below ${new D(threshold).toString()}` });
    }
  };
  below('hardMinDscr', e.metrics.minDscr, covenants.hardMinDscr, 'minimum DSCR');
  below('minDscr', e.metrics.minDscr, covenants.minDscr, 'minimum DSCR');
  below('minIcr', e.metrics.minIcr, covenants.minIcr, 'minimum ICR');
  below('bondCoverage', e.debt.coverage.bondNet, covenants.bondCoverage, 'special-bond coverage (net)');
  below('allDebtCoverage', e.debt.coverage.allDebtNet, covenants.allDebtCoverage, 'all-debt coverage (net)');
  below('minEquityRatio', e.debt.equityRatio, covenants.minEquityRatio, '项目资本金 ratio');
  if (e.debt.survivalFailures.length > 0) {
    breaches.push({ covenant: 'financialSurvival', threshold: null, value: null, message: `cumulative surplus would be negative without short-term borrowing in ${e.debt.survivalFailures.join(', ')}` });
  }
  const { lockUpYears, dsraDrawYears } = e.waterfall;
  if (lockUpYears.length > 0) {
    breaches.push({ covenant: 'lockUp', threshold: null, value: null, message: `distributions locked up (DSCR below the lock-up threshold) in ${lockUpYears.join(', ')}` });
  }
  if (dsraDrawYears.length > 0) {
    breaches.push({ covenant: 'dsraDraw', threshold: null, value: null, message: `the debt service reserve is drawn in ${dsraDrawYears.join(', ')}` });
  }
  return breaches;
}
