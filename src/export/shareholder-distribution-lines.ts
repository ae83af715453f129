import type { Evaluation } from '../engine/evaluate-deal.js';
import { subtractSeries, sumSeries } from '../engine/series.js';
import { ZERO } from '../finance/decimal.js';
import type { Check } from './checks-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import { toNumbers } from './line-formulas.js';
import type { SheetLine, YearColumn, YearSheet } from './year-sheet.js';

const CITE = 'methodology §11';
const keyOf = (sourceId: string) => `shareholder.${sourceId}`;

/**
 * 应付利润 by shareholder (methodology §11, src/engine/waterfall/distribution-returns.ts): each year the
 * waterfall's distributions (line 28) × the shareholder's share, as the engine splits them — unrounded
 * (Decimal precision, no largest-remainder step), so the same product in a cell agrees to the 分 and the
 * shareholders' lines add up to line 28 (the shares add up to 1). The share is the investor's
 * profitShare where the deal gives one (an Inputs cell); otherwise its own equity for the works ÷ all
 * investors' (the investment plan's 2.1.k totals), which is what the engine's "equity paid in" share
 * reduces to: own_k = S_k + (P − Σ S) × S_k / Σ S, so own_k / P = S_k / Σ S; 1 / n without equity for the works.
 * A last line shows 28 − Σ shareholders (0 every year).
 */
export function listShareholderDistributionLines(e: Evaluation, inputs: InputCells, investmentPlan: YearSheet): SheetLine[] {
  const holders = e.waterfall.returns.shareholders;
  if (holders.length === 0) return [];
  const equityTotals = holders.map((h) => investmentPlan.totalCell(`source.${h.sourceId}`));
  const shareOf = (sourceId: string, k: number) =>
    inputs.profitShare.get(sourceId) ?? `IF((${equityTotals.join('+')})=0,1/${holders.length},${equityTotals[k]}/(${equityTotals.join('+')}))`;
  const T = e.years.length;
  const unallocated = subtractSeries(e.waterfall.distributions, sumSeries(T, holders.map((h) => h.distributions)));
  return [
    { heading: '八、应付利润按股东分配 Distributions by shareholder（= 28 × 分配比例 its share）' },
    ...holders.map((h, k) => ({
      key: keyOf(h.sourceId), no: `39.${k + 1}`, zh: `${h.investor}：应付利润`,
      en: inputs.profitShare.has(h.sourceId) ? `${h.sourceId}: 28 × its profitShare (Inputs)` : `${h.sourceId}: 28 × its equity for the works / all investors' (investment plan 2.1)`,
      values: toNumbers(h.distributions), total: true,
      formula: (c: YearColumn) => `${c.at('distributions')}*${shareOf(h.sourceId, k)}`,
    })),
    {
      key: 'shareholdersUnallocated', no: '40', zh: '未分配给股东的应付利润（应为 0）', en: 'Distributions not allocated to a shareholder (must be 0)', values: toNumbers(unallocated), total: true,
      formula: (c: YearColumn) => `${c.at('distributions')}-${holders.map((h) => c.at(keyOf(h.sourceId))).join('-')}`,
    },
  ];
}

/** Each shareholder's 应付利润 in total, for the Checks sheet. */
export function listShareholderDistributionChecks(e: Evaluation, sheet: YearSheet): Check[] {
  return e.waterfall.returns.shareholders.map((h) => ({
    key: `distributions.${h.sourceId}`, zh: `应付利润：${h.investor}`, en: `Distributions to ${h.sourceId}, total`, kind: 'money' as const,
    formula: sheet.totalCell(keyOf(h.sourceId)), engine: h.distributions.reduce((s, v) => s.plus(v), ZERO).toNumber(),
    note: `Σ 应付利润 × its share (${h.share.toFixed(6)}), recomputed by the waterfall's formulas (${CITE})`,
  }));
}
