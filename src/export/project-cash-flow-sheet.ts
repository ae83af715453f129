import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { accumulateSeries, computeDiscountFactors } from '../engine/series.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, flagRecovered, recoveredFlagOf, runningSumOf, sumOfLines, toNumbers } from './line-formulas.js';
import { lineOf, writeYearSheet, type SheetLine, type YearSheet } from './year-sheet.js';

/**
 * 项目投资现金流量表 (methodology §3): inflow and outflow lines are the engine's; their sums, the net
 * flows and the cumulative rows are formulas. Workings below: discount factors 1/(1+i)^t (methodology
 * §2, flows at year end), discounted and cumulative discounted flows, and the payback flags (§4).
 */
export function writeProjectCashFlowSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.projectCashFlow;
  const formulas: Record<string, ReturnType<typeof sumOfLines>> = {
    cashInflow: sumOfLines('operatingRevenue', 'outputVat', 'subsidyIncome', 'residualValueRecovery', 'workingCapitalRecovery', 'othersInEntityWorks'),
    cashOutflow: sumOfLines('constructionInvestment', 'workingCapital', 'operatingCost', 'inputVat', 'vatPayable', 'surcharges', 'sustainingCapex'),
    netCashFlowPreTax: differenceOfLines(['cashInflow'], ['cashOutflow']),
    cumulativePreTax: runningSumOf('netCashFlowPreTax'),
    netCashFlowAfterTax: differenceOfLines(['netCashFlowPreTax'], ['adjustedIncomeTax']),
    cumulativeAfterTax: runningSumOf('netCashFlowAfterTax'),
  };
  const T = e.years.length;
  const factors = computeDiscountFactors(e.metrics.discountRate, T);
  const p = e.projection;
  const discountedPre = p.preTaxFlow.map((v, i) => v.times(factors[i]!));
  const discountedAfter = p.afterTaxFlow.map((v, i) => v.times(factors[i]!));
  const cumulativeDiscountedPre = accumulateSeries(discountedPre);
  const cumulativeDiscountedAfter = accumulateSeries(discountedAfter);
  const lines: SheetLine[] = [
    ...statement.rows.map((row) => lineOf(row, formulas[row.key])),
    { heading: '辅助计算 Workings（折现与回收期，methodology §2、§4）' },
    { key: 'discountFactor', no: 'W1', zh: '折现系数 1/(1+i)^t', en: 'Discount factor at the discount rate (year-end flows)', values: toNumbers(factors), total: false, format: 'factor', formula: (c) => `1/(1+${inputs.discountRate})^${c.yearIndex}` },
    { key: 'discountedPreTax', no: 'W2', zh: '所得税前净现金流量现值', en: 'Discounted net cash flow before tax', values: toNumbers(discountedPre), total: true, formula: (c) => `${c.at('netCashFlowPreTax')}*${c.at('discountFactor')}` },
    { key: 'cumulativeDiscountedPreTax', no: 'W3', zh: '累计所得税前净现金流量现值', en: 'Cumulative discounted flow before tax', values: toNumbers(cumulativeDiscountedPre), total: false, formula: runningSumOf('discountedPreTax') },
    { key: 'discountedAfterTax', no: 'W4', zh: '所得税后净现金流量现值', en: 'Discounted net cash flow after tax', values: toNumbers(discountedAfter), total: true, formula: (c) => `${c.at('netCashFlowAfterTax')}*${c.at('discountFactor')}` },
    { key: 'cumulativeDiscountedAfterTax', no: 'W5', zh: '累计所得税后净现金流量现值', en: 'Cumulative discounted flow after tax', values: toNumbers(cumulativeDiscountedAfter), total: false, formula: runningSumOf('discountedAfterTax') },
    { key: 'recoveredPreTax', no: 'W6', zh: '已回收标志：税前静态', en: 'Recovered (1): cumulative before tax ≥ 0 after a deficit', values: flagRecovered(accumulateSeries(p.preTaxFlow)), total: false, format: 'flag', formula: recoveredFlagOf('cumulativePreTax') },
    { key: 'recoveredAfterTax', no: 'W7', zh: '已回收标志：税后静态', en: 'Recovered (1): cumulative after tax', values: flagRecovered(accumulateSeries(p.afterTaxFlow)), total: false, format: 'flag', formula: recoveredFlagOf('cumulativeAfterTax') },
    { key: 'recoveredDiscountedPreTax', no: 'W8', zh: '已回收标志：税前动态', en: 'Recovered (1): cumulative discounted before tax', values: flagRecovered(cumulativeDiscountedPre), total: false, format: 'flag', formula: recoveredFlagOf('cumulativeDiscountedPreTax') },
    { key: 'recoveredDiscountedAfterTax', no: 'W9', zh: '已回收标志：税后动态', en: 'Recovered (1): cumulative discounted after tax', values: flagRecovered(cumulativeDiscountedAfter), total: false, format: 'flag', formula: recoveredFlagOf('cumulativeDiscountedAfterTax') },
  ];
  // The programme scope (methodology §9): every work, whoever pays; reconciles to the entity's flows.
  const programme = e.statements.programmeCashFlow;
  const programmeRow = (key: string) => programme.rows.find((r) => r.key === key)!.values;
  lines.push(
    { heading: '全口径 Programme scope（全部工程，不论谁出资；methodology §9）' },
    { key: 'othersWorks', no: 'P1', zh: '他方出资且所有的工程', en: 'Works others pay for and own (outside the entity)', values: toNumbers(programmeRow('othersWorks')), total: true },
    {
      key: 'programmeNetCashFlowPreTax', no: 'P2', zh: '全口径所得税前净现金流量', en: 'Programme net cash flow before tax = entity − others\' works − others\' money in the entity\'s works',
      values: toNumbers(p.programme.preTaxFlow), total: true, formula: differenceOfLines(['netCashFlowPreTax'], ['othersWorks', 'othersInEntityWorks']),
    },
    {
      key: 'programmeNetCashFlowAfterTax', no: 'P3', zh: '全口径所得税后净现金流量', en: 'Programme net cash flow after tax',
      values: toNumbers(p.programme.afterTaxFlow), total: true, formula: differenceOfLines(['programmeNetCashFlowPreTax'], ['adjustedIncomeTax']),
    },
  );
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: T, lines, inputs });
}
