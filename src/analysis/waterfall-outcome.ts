import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { formatIndicator } from './format-indicator.js';

/** What a lender reads of the waterfall in a stressed or sensitivity case (methodology §11.6, §11.9). */
export interface WaterfallOutcome {
  /** Calendar years distributions are locked up (DSCR below waterfall.lockUp.minDscr). */
  lockUpYears: number[];
  /** Years the DSRA is drawn for a shortfall of debt service. */
  dsraDrawYears: number[];
  /** Years a distribution was due (可供分配利润 unpaid) and none was paid: locked up or no cash. */
  blockedYears: number[];
  /** Years the cash would go below zero before 临时借款 (财务生存能力 fails). */
  survivalFailures: number[];
  /** Each loan's and bond's own lowest DSCR and its year. */
  facilities: { sourceId: string; minDscr: string | null; minDscrYear: number | null }[];
}

/** The waterfall's years and each facility's own min DSCR, read from an evaluation. */
export function readWaterfallOutcome(e: IndicatorEvaluation): WaterfallOutcome {
  const w = e.waterfall;
  return {
    lockUpYears: w.lockUpYears,
    dsraDrawYears: w.dsraDrawYears,
    blockedYears: w.blockedYears,
    survivalFailures: w.survivalFailures,
    facilities: e.debt.facilities.map((f) => ({ sourceId: f.sourceId, minDscr: formatIndicator('minDscr', f.minDscr), minDscrYear: f.minDscrYear })),
  };
}
