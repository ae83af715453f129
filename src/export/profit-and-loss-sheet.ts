import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, sumOfLines, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type YearSheet } from './year-sheet.js';

/**
 * 利润与利润分配表 (methodology §3): 总成本费用 = 经营成本 + 折旧摊销 + 利息支出; 利润总额 = 营业收入 −
 * 税金及附加 − 总成本费用 + 补贴收入; 净利润 = 利润总额 − 所得税; EBIT = 利润总额 + 利息支出;
 * EBITDA = EBIT + 折旧摊销 — all formulas. Income tax (loss carry-forward, community-care relief) is the engine's.
 */
export function writeProfitAndLossSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.profitAndLoss;
  const formulas: Record<string, LineFormula> = {
    totalCost: sumOfLines('operatingCost', 'depreciationAmortisation', 'interestExpense'),
    profitBeforeTax: differenceOfLines(['operatingRevenue', 'subsidyIncome'], ['surcharges', 'totalCost']),
    netProfit: differenceOfLines(['profitBeforeTax'], ['incomeTax']),
    distributableProfit: differenceOfLines(['netProfit'], ['statutoryReserve']),
    ebit: sumOfLines('profitBeforeTax', 'interestExpense'),
    ebitPreFinancing: sumOfLines('ebit', 'capitalisedInterestWriteOff'),
    ebitda: sumOfLines('ebit', 'depreciationAmortisation'),
  };
  const lines = statement.rows.map((row) => lineOf(row, formulas[row.key]));
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}
