import type { Workbook } from 'exceljs';
import { analyseSensitivity } from '../../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../../src/analysis/sensitivity-request.js';
import { simulationRequestSchema } from '../../../src/analysis/simulation/simulation-request.js';
import { simulateDeal } from '../../../src/analysis/simulation/simulate.js';
import { runStressPack } from '../../../src/analysis/stress-pack.js';
import { buildTermSheet, type TermSheetExtras } from '../../../src/export/build-term-sheet.js';
import { writePortfolioWorkbook } from '../../../src/export/portfolio/build-portfolio-workbook.js';
import { protectTextCells } from '../../../src/export/protect-text-cells.js';
import { evaluateTemplatePortfolio } from './evaluate-template-portfolio.js';
import type { evaluateTemplate } from './evaluate-template.js';

type Evaluated = ReturnType<typeof evaluateTemplate>;

/**
 * The term sheet a banker prints: the workbook with the stress sheet, and with `everySheet` also the
 * sensitivity and a 200-draw Monte Carlo sheet (seed 7), text cells protected as the API serves them.
 * Shared by the printed-pages test and the `report:pages` script so both print the same books.
 */
export async function buildPrintedTermSheet({ deal, evaluation }: Evaluated, { everySheet }: { everySheet: boolean }): Promise<Workbook> {
  const stress = runStressPack(deal, evaluation.asOf);
  const extras: TermSheetExtras = stress.ok ? { stress: stress.result } : {};
  if (everySheet) {
    const sensitivity = analyseSensitivity(deal, sensitivityRequestSchema.parse({}), evaluation.asOf);
    if (sensitivity.ok) extras.sensitivity = sensitivity.result;
    const request = simulationRequestSchema.parse({ draws: 200, seed: 7 });
    const simulation = await simulateDeal(deal, request, evaluation.asOf);
    if (!simulation.ok) throw new Error(JSON.stringify(simulation.problems));
    extras.simulation = { request, result: simulation.result };
  }
  const workbook = buildTermSheet(deal, evaluation, extras);
  protectTextCells(workbook);
  return workbook;
}

/** The portfolio workbook of three templates (福州, 湘潭, 鲁谷) against a budget growing 3% a year from 5,000万 in 2027, and its sheet names. */
export async function buildPrintedPortfolioWorkbook() {
  const run = evaluateTemplatePortfolio({ kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' });
  const xlsx = await writePortfolioWorkbook(run.portfolio, run.members, run.result, '2026-11-23');
  const { default: ExcelJS } = await import('exceljs');
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(xlsx as unknown as ArrayBuffer);
  return { run, xlsx, sheets: read.worksheets.map((sheet) => sheet.name) };
}
