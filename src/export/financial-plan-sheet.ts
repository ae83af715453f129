import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, runningSumOf, sumOfLines, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type YearSheet } from './year-sheet.js';

/** 财务计划现金流量表 (methodology §3): operating, investing and financing flows; net and cumulative surplus as formulas. */
export function writeFinancialPlanSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.financialPlan;
  const formulas: Record<string, LineFormula> = {
    operatingNet: differenceOfLines(['operatingInflow'], ['operatingOutflow']),
    financingNet: differenceOfLines(
      ['equityInjected', 'loansDrawn', 'bondsIssued', 'grantsReceived', 'contributionsReceived', 'shortTermDrawn'],
      // The cash sweep's prepayment (methodology §11.11) is a financing outflow of its own, only in a deal that sweeps.
      ['interestPaid', 'principalRepaid', 'shortTermRepaid', 'shortTermInterest', ...(e.waterfall.sweep ? ['sweepPrepayment'] : []), 'distributions'],
    ),
    netCashFlow: sumOfLines('operatingNet', 'investingNet', 'financingNet'),
    cumulativeSurplus: runningSumOf('netCashFlow'),
  };
  const lines = statement.rows.map((row) => lineOf(row, formulas[row.key]));
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}
