import { INDICATORS, type Indicator } from '../analysis/indicators.js';
import type { FormatName } from './cell-styles.js';

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

const FORMAT_OF_KIND: Record<(typeof INDICATORS)[Indicator], FormatName> = { rate: 'rate', ratio: 'ratio', amount: 'wan' };

/** The number format of an indicator's cells: rates as percentages, ratios to 4 places, amounts in 万元. */
export const formatOfIndicator = (indicator: Indicator): FormatName => FORMAT_OF_KIND[INDICATORS[indicator]];
