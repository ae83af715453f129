import type { Worksheet } from 'exceljs';
import { GOVERNMENT_LEVELS } from '../deal/funding-schema.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, sumOfLines, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type YearSheet } from './year-sheet.js';

/**
 * 财政视图 (methodology §5): each level of government's outflows (grants, operating support, bond service
 * not covered by project income, issuance costs) and inflows (VAT, income tax, surcharges, revenue
 * shares) by year; each level's outflows, inflows and net are formulas.
 */
export function writeFiscalViewSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.fiscalView;
  const formulas: Record<string, LineFormula> = {};
  for (const level of GOVERNMENT_LEVELS) {
    formulas[`${level}.outflows`] = sumOfLines(`${level}.grants`, `${level}.operatingSupport`, `${level}.bondShortfall`, `${level}.bondIssuanceCost`);
    formulas[`${level}.inflows`] = sumOfLines(`${level}.vat`, `${level}.incomeTax`, `${level}.surcharges`, `${level}.revenueShare`);
    formulas[`${level}.net`] = differenceOfLines([`${level}.inflows`], [`${level}.outflows`]);
  }
  const lines = statement.rows.map((row) => lineOf(row, formulas[row.key]));
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}
