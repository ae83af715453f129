import { D } from '../../finance/decimal.js';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { paragraph, rate, table, wan } from './html-parts.js';

/** Operating years between the columns of the printed balance sheet; a longer operation steps by LONG_STEP. */
const STEP = 5;
const LONG_STEP = 10;
/** Above this many operating years the columns step by LONG_STEP, so the table stays within A4 portrait. */
const LONG_OPERATION = 35;

/**
 * The years the printed 资产负债表 shows (indexes into the timeline): the end of construction (the last
 * construction year, debt at its peak), the first operating year, every fifth operating year (5, 10, …;
 * every tenth past 35 operating years) and the last year. Sorted, each once.
 */
export function pickBalanceSheetYears(years: WireEvaluation['years']): number[] {
  const operating = years.filter((y) => y.operatingYear !== null).length;
  const step = operating > LONG_OPERATION ? LONG_STEP : STEP;
  const picks = new Set<number>();
  years.forEach((y, t) => {
    const next = years[t + 1];
    // The last year with works under way (a phased deal already operates in it).
    if (y.phase !== 'operation' && next !== undefined && next.phase === 'operation') picks.add(t);
    if (y.operatingYear === 1 || (y.operatingYear !== null && y.operatingYear % step === 0)) picks.add(t);
  });
  picks.add(years.length - 1);
  return [...picks].sort((a, b) => a - b);
}

/**
 * 资产负债表 of the project entity for the years pickBalanceSheetYears chooses (methodology §11.8): every
 * line of `statements.balanceSheet` in 万元, 资产负债率 as a percentage; under it the ratio for every
 * year, `metrics.maxDebtToAssetRatio` with its year, and the largest gap between assets and
 * liabilities + equity over all years (0.00 when it balances to the 分). Pure.
 */
export function buildBalanceSheetHtml(e: WireEvaluation): string {
  const sheet = e.statements.balanceSheet;
  const picks = pickBalanceSheetYears(e.years);
  const label = (t: number) => {
    const y = e.years[t]!;
    return `${y.calendarYear}${y.phase !== 'operation' && e.years[t + 1]?.phase === 'operation' ? ' 建设期末' : y.operatingYear === 1 ? ' 运营首年' : y.operatingYear !== null ? ` 运营第${y.operatingYear}年` : ' 建设期'}`;
  };
  const isRatio = (r: (typeof sheet.rows)[number]) => 'unit' in r && r.unit === 'ratio';
  const indent = (no: string) => '　'.repeat(no.split('.').length - 1);
  const rows = sheet.rows.map((r) => [r.no, `${indent(r.no)}${r.zh} ${r.en}`, ...picks.map((t) => (isRatio(r) ? rate(r.values[t]!) : wan(r.values[t]!)))]);
  const totals = sheet.rows.flatMap((r, k) => (/^\d+$/.test(r.no) ? [k] : []));
  const ratioRow = sheet.rows.find((r) => r.key === 'debtToAssetRatio');
  const ratios = ratioRow?.values ?? [];
  const max = e.metrics.maxDebtToAssetRatio;
  const maxAt = max === null ? -1 : ratios.findIndex((v) => v !== null && new D(v).eq(max));
  const line = (key: string) => sheet.rows.find((r) => r.key === key)?.values ?? [];
  const assets = line('totalAssets');
  const claims = line('liabilitiesAndEquity');
  const gap = assets.reduce((m, v, t) => D.max(m, new D(v!).minus(claims[t] ?? '0').abs()), new D(0));
  return [
    table(['序号 No.', '项目 Item', ...picks.map(label)], rows, picks.map((_, k) => 2 + k),
      `所选年份 years shown：建设期末、运营首年、运营期每第 ${operating(e) > LONG_OPERATION ? LONG_STEP : STEP} 年及计算期末 the end of construction, the first operating year, every ${operating(e) > LONG_OPERATION ? 'tenth' : 'fifth'} operating year and the last year；全部年份见工作簿 every year in the workbook (methodology §11.8)`,
      'statement balance', totals),
    paragraph(`资产负债率逐年 debt to assets by year：${e.years.map((y, t) => `${y.calendarYear} ${rate(ratios[t] ?? null)}`).join(' · ')}`),
    paragraph(`最高资产负债率 maximum debt to assets（metrics.maxDebtToAssetRatio）：${rate(max)}${maxAt >= 0 ? `（${e.years[maxAt]!.calendarYear} 年）` : ''}；资产 − 负债及所有者权益，各年最大差额 largest gap of assets against liabilities and equity：${gap.toFixed(2)} 元`),
  ].join('');
}

function operating(e: WireEvaluation): number {
  return e.years.filter((y) => y.operatingYear !== null).length;
}
