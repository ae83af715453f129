import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { totalOf } from '../engine/series.js';
import { roundToFen } from '../finance/decimal.js';

/** What each funding source pays toward capex (元, to the 分), in the deal's order. */
export function summariseFunding(e: IndicatorEvaluation): { source: string; kind: string; amount: string }[] {
  return e.financing.funding.sources.map((s) => ({ source: s.source.id, kind: s.source.kind, amount: roundToFen(totalOf(s.total)).toFixed(2) }));
}
