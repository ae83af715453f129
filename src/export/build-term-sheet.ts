import type ExcelJS from 'exceljs';
import { loadExcelJs } from './load-exceljs.js';
import { protectTextCells } from './protect-text-cells.js';
import type { Deal } from '../deal/deal-schema.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { listChecks, writeChecksSheet } from './checks-sheet.js';
import { writeContributionsSheet } from './contributions-sheet.js';
import { writeCoverSheet } from './cover-sheet.js';
import { writeDebtServiceSheet } from './debt-service-sheet.js';
import { writeEquityCashFlowSheet } from './equity-cash-flow-sheet.js';
import { writeFinancialPlanSheet } from './financial-plan-sheet.js';
import { writeFiscalViewSheet } from './fiscal-view-sheet.js';
import { writeInputsSheet } from './inputs-sheet.js';
import { writeInvestmentPlanSheet } from './investment-plan-sheet.js';
import { writeProfitAndLossSheet } from './profit-and-loss-sheet.js';
import { writeProjectCashFlowSheet } from './project-cash-flow-sheet.js';
import { writeBondBalanceSheet } from './bond-balance-sheet.js';
import { writeWaterfallSheet } from './waterfall-sheet.js';
import { writeReservesSheet } from './reserves-sheet.js';
import { writeBalanceSheetSheet } from './balance-sheet-sheet.js';
import { BOND_BALANCE_SHEET, SENSITIVITY_SHEET, SHEET, SHEET_ORDER, SIMULATION_SHEET, STRESS_SHEET, type SheetId } from './sheet-names.js';
import { writeSensitivitySheet } from './sensitivity-sheet.js';
import type { SensitivityResult } from '../analysis/sensitivity.js';
import { writeSimulationSheet, type SimulationExport } from './simulation-sheet.js';
import { writeStressSheet } from './stress-sheet.js';
import { stampPages } from './print-setup.js';
import { separateAllNeighbours } from './separate-neighbours.js';
import type { StressResult } from '../analysis/stress-pack.js';

/**
 * The term-sheet workbook of an evaluated deal (issue 5): the cover, the inputs, the six statements of
 * methodology §3, who pays, the fiscal view and the Checks sheet. Sheets are created in reading order,
 * then filled in the order their formulas need (inputs → statements → contributions → checks → cover).
 * Pure apart from exceljs: the same deal and evaluation give the same workbook (its creation time is
 * the evaluation's as-of date).
 */
export interface TermSheetExtras {
  /** The lender stress pack (src/analysis/stress-pack.ts), written as a sheet after the Checks. */
  stress?: StressResult;
  /** Sensitivity (tornado, two-way tables, switching values), written as the last sheet. */
  sensitivity?: SensitivityResult;
  /** A Monte Carlo simulation (src/analysis/simulation) with its request, written after sensitivity. */
  simulation?: SimulationExport;
}

export function buildTermSheet(deal: Deal, e: Evaluation, extras: TermSheetExtras = {}): ExcelJS.Workbook {
  const workbook = new (loadExcelJs().Workbook)();
  workbook.creator = 'renovation-capital-planner';
  const asOf = new Date(`${e.asOf}T00:00:00Z`);
  workbook.created = asOf;
  workbook.modified = asOf;
  workbook.title = `条款摘要 Term sheet — ${deal.name}`;
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheets = Object.fromEntries(SHEET_ORDER.map((id) => [id, workbook.addWorksheet(SHEET[id], { properties: { tabColor: { argb: id === 'cover' || id === 'checks' ? 'FF1F4E79' : 'FF9BC2E6' } } })])) as Record<SheetId, ExcelJS.Worksheet>;

  // The page header carries the deal and the as-of date; the subtitle says the unit.
  const statementSubtitle = `${deal.name} · 金额单位：万元 amounts in 万元（元单元格在下方折叠行 the 元 cells are in the folded rows below）`;
  const subtitle = `${deal.name} · 测算基准日 as of ${e.asOf} · 金额单位：元 amounts in 元`;
  // After the Checks in the tabs, written with the statements (the Checks read it).
  const bondSheet = e.bonds.length > 0 ? workbook.addWorksheet(BOND_BALANCE_SHEET, { properties: { tabColor: { argb: 'FF9BC2E6' } } }) : null;
  const inputs = writeInputsSheet(sheets.inputs, deal, e);
  const projectCashFlow = writeProjectCashFlowSheet(sheets.projectCashFlow, e, inputs, statementSubtitle);
  const equityCashFlow = writeEquityCashFlowSheet(sheets.equityCashFlow, e, inputs, statementSubtitle);
  const profitAndLoss = writeProfitAndLossSheet(sheets.profitAndLoss, e, inputs, statementSubtitle);
  const financialPlan = writeFinancialPlanSheet(sheets.financialPlan, e, inputs, statementSubtitle);
  const debtService = writeDebtServiceSheet(sheets.debtService, e, inputs, statementSubtitle, projectCashFlow, profitAndLoss);
  const investmentPlan = writeInvestmentPlanSheet(sheets.investmentPlan, e, inputs, statementSubtitle);
  const fiscalView = writeFiscalViewSheet(sheets.fiscalView, e, inputs, statementSubtitle);
  // The lender's case (methodology §11): the waterfall reads the statements, the reserves and the balance sheet read it.
  const waterfall = writeWaterfallSheet(sheets.waterfall, deal, e, inputs, statementSubtitle, { financialPlan, profitAndLoss, debtService, projectCashFlow, investmentPlan });
  const reserves = writeReservesSheet(sheets.reserves, deal, e, inputs, statementSubtitle, waterfall);
  const balanceSheet = writeBalanceSheetSheet(sheets.balanceSheet, e, inputs, statementSubtitle, { waterfall, reserves, debtService, financialPlan, profitAndLoss, projectCashFlow, investmentPlan });
  const contributions = writeContributionsSheet(sheets.contributions, e, subtitle, investmentPlan, debtService);
  const bondBalance = bondSheet ? writeBondBalanceSheet(bondSheet, e, inputs, subtitle, debtService) : undefined;
  const statements = { projectCashFlow, equityCashFlow, profitAndLoss, financialPlan, debtService, investmentPlan, fiscalView, bondBalance, waterfall, reserves, balanceSheet };
  const checks = writeChecksSheet(sheets.checks, listChecks(e, statements, inputs, contributions), subtitle);
  writeCoverSheet(sheets.cover, deal, e, { checks, investmentPlan, debtService, yuanPerWan: inputs.yuanPerWan, covenantTolerance: inputs.covenantTolerance });
  const addAnalysisSheet = (name: string) => workbook.addWorksheet(name, { properties: { tabColor: { argb: 'FFC00000' } } });
  if (extras.stress) writeStressSheet(addAnalysisSheet(STRESS_SHEET), extras.stress, subtitle);
  if (extras.sensitivity) writeSensitivitySheet(addAnalysisSheet(SENSITIVITY_SHEET), extras.sensitivity, subtitle, deal);
  if (extras.simulation) writeSimulationSheet(addAnalysisSheet(SIMULATION_SHEET), extras.simulation, e, subtitle);
  separateAllNeighbours(workbook);
  stampPages(workbook, { deal: deal.name, asOf: e.asOf, engineVersion: e.engineVersion });
  return workbook;
}

/** The workbook as .xlsx bytes. */
export async function writeTermSheet(deal: Deal, e: Evaluation, extras: TermSheetExtras = {}): Promise<Buffer> {
  const workbook = buildTermSheet(deal, e, extras);
  protectTextCells(workbook);
  const bytes = await workbook.xlsx.writeBuffer();
  return Buffer.from(bytes);
}
