import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import type { StatementRow } from '../engine/statement.js';
import { subtractSeries } from '../engine/series.js';
import { findRow } from '../engine/statement.js';
import type { InputCells } from './inputs-sheet.js';
import { differenceOfLines, sumOfLines, toNumbers, type LineFormula } from './line-formulas.js';
import { lineOf, writeYearSheet, type SheetLine, type YearSheet } from './year-sheet.js';

/** The lines one level below a line (2.1 → 2.1.1, 2.1.2 …), from the table's numbering. */
function childrenOf(rows: StatementRow[], parent: StatementRow): string[] {
  const depth = parent.no.split('.').length + 1;
  return rows.filter((r) => r.no.startsWith(`${parent.no}.`) && r.no.split('.').length === depth).map((r) => r.key);
}

/**
 * 总投资使用计划与资金筹措表 (methodology §3): 总投资 = 建设投资 + 建设期利息 + 流动资金; each funding
 * group is the sum of its sources; 资金筹措 the sum of the groups; and a working line sources − uses,
 * which must be 0 in every year (methodology §8).
 */
export function writeInvestmentPlanSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string): YearSheet {
  const statement = e.statements.investmentPlan;
  const formulas: Record<string, LineFormula> = {
    totalInvestment: sumOfLines('constructionInvestment', 'constructionInterest', 'workingCapital'),
    totalFunding: sumOfLines('equity', 'debt', 'grants', 'otherContributions'),
  };
  for (const group of ['equity', 'debt', 'grants', 'otherContributions']) {
    const children = childrenOf(statement.rows, findRow(statement, group));
    if (children.length > 0) formulas[group] = sumOfLines(...children);
  }
  const gap = subtractSeries(findRow(statement, 'totalFunding').values, findRow(statement, 'totalInvestment').values);
  const lines: SheetLine[] = [
    ...statement.rows.map((row) => lineOf(row, formulas[row.key])),
    { heading: '辅助计算 Workings' },
    { key: 'sourcesLessUses', no: 'W1', zh: '资金筹措 − 总投资（应为0）', en: 'Sources − uses (must be 0)', values: toNumbers(gap), total: true, formula: differenceOfLines(['totalFunding'], ['totalInvestment']) },
  ];
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}
