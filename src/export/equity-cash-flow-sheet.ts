import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, runningSumOf, sumOfLines, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type YearSheet } from './year-sheet.js';

/** 项目资本金现金流量表 (methodology §3): the investors' flows; sums, net and cumulative as formulas. */
export function writeEquityCashFlowSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.equityCashFlow;
  const formulas: Record<string, LineFormula> = {
    cashInflow: sumOfLines('operatingRevenue', 'outputVat', 'subsidyIncome', 'residualValueRecovery', 'workingCapitalRecovery'),
    cashOutflow: sumOfLines('equity', 'principalRepaid', 'interestPaid', 'operatingCost', 'inputVat', 'vatPayable', 'surcharges', 'incomeTax', 'sustainingCapex', 'workingCapital'),
    netCashFlow: differenceOfLines(['cashInflow'], ['cashOutflow']),
    cumulativeNetCashFlow: runningSumOf('netCashFlow'),
  };
  const lines = statement.rows.map((row) => lineOf(row, formulas[row.key]));
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}
