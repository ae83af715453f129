import { INDICATORS, type Indicator } from '../analysis/indicators.js';
import type { FormatName } from './cell-styles.js';
import type { TableCell } from './table-rows.js';

/** How the analysis sheets (stress, sensitivity, simulation) label an indicator: Chinese, English beside. */
export const INDICATOR_LABEL = {
  equityIrr: '资本金 IRR Equity IRR',
  projectIrrAfterTax: '项目 IRR（税后） Project IRR after tax',
  projectNpvAfterTax: '项目 FNPV（税后，万元） Project NPV after tax',
  minDscr: 'DSCR 最小 min',
  avgDscr: 'DSCR 平均 avg',
  llcr: 'LLCR',
  minIcr: 'ICR 最小 min',
  bondCoverageNet: '专项债覆盖（净） Bond coverage net',
  allDebtCoverageNet: '全部债务覆盖（净） All-debt coverage net',
} as const satisfies Partial<Record<Indicator, string>>;

/** Labels of the indicators the table above leaves out (sensitivity and switching may ask for any). */
const MORE_LABELS: Partial<Record<Indicator, string>> = {
  projectIrrPreTax: '项目 IRR（税前） Project IRR before tax',
  projectNpvPreTax: '项目 FNPV（税前，万元） Project NPV before tax',
  cumulativeCashFlowAfterTax: '累计税后净现金流量（万元） Cumulative cash flow after tax',
  bondCoverageGross: '专项债覆盖（收入） Bond coverage gross',
  allDebtCoverageGross: '全部债务覆盖（收入） All-debt coverage gross',
};

/** An indicator in words; its key where no label is known. */
export const labelIndicator = (indicator: Indicator): string =>
  (INDICATOR_LABEL as Partial<Record<Indicator, string>>)[indicator] ?? MORE_LABELS[indicator] ?? indicator;

const FORMAT_OF_KIND: Record<(typeof INDICATORS)[Indicator], FormatName> = { rate: 'rate', ratio: 'ratio', amount: 'wan' };

/** The number format of an indicator's cells: rates as percentages, ratios to 2 places, amounts with separators. */
export const formatOfIndicator = (indicator: Indicator): FormatName => FORMAT_OF_KIND[INDICATORS[indicator]];

/**
 * An indicator's value as an analysis-sheet cell: rates and ratios as they are, amounts (元 in the
 * engine) in 万元 as their labels say; '—' where there is none.
 */
export function indicatorCell(indicator: Indicator, value: string | number | null | undefined): TableCell {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  return INDICATORS[indicator] === 'amount' ? { value: n / 10_000, format: 'wanAmount' } : { value: n, format: formatOfIndicator(indicator) };
}
