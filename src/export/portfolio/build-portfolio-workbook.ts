import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../load-exceljs.js';
import { stampPages } from '../print-setup.js';
import { separateAllNeighbours } from '../separate-neighbours.js';
import { protectTextCells } from '../protect-text-cells.js';
import { PORTFOLIO_STATEMENTS, type PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import type { WorkbookMember } from './workbook-member.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import { writeAffordabilitySheet } from './affordability-sheet.js';
import { writePortfolioContributionsSheet } from './portfolio-contributions-sheet.js';
import { PORTFOLIO_SHEET } from './portfolio-sheet-names.js';
import { writePortfolioStatementSheet } from './portfolio-statement-sheet.js';
import { writePortfolioSummarySheet } from './portfolio-summary-sheet.js';

/**
 * The portfolio workbook (片区打捆, issue 6): a summary with the members, the six summed statements by
 * calendar year (the fiscal view by level among them), who pays, and the affordability check against
 * the budget envelope. Every portfolio total is a live SUM over the members' cells, which hold each
 * member's own figures to the 分; the affordability shares and breaches are formulas over the fiscal
 * view. Pure apart from exceljs: its creation time is the as-of date.
 */
export function buildPortfolioWorkbook(portfolio: Portfolio, members: readonly WorkbookMember[], result: PortfolioResult, asOf: string): ExcelJS.Workbook {
  const workbook = new (loadExcelJs().Workbook)();
  workbook.creator = 'renovation-capital-planner';
  workbook.created = workbook.modified = new Date(`${asOf}T00:00:00Z`);
  workbook.title = `片区汇总 Portfolio — ${result.name}`;
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheets = Object.fromEntries(Object.entries(PORTFOLIO_SHEET).map(([id, name]) => [id, workbook.addWorksheet(name, { properties: { tabColor: { argb: id === 'summary' || id === 'affordability' ? 'FF1F4E79' : 'FF9BC2E6' } } })])) as Record<keyof typeof PORTFOLIO_SHEET, ExcelJS.Worksheet>;

  const heading = `${result.name} · ${members.length} 个成员 members · 测算基准日 as of ${asOf}`;
  const subtitle = `${heading} · 金额单位：元 amounts in 元`;
  const statements = Object.fromEntries(
    PORTFOLIO_STATEMENTS.map((key) => [key, writePortfolioStatementSheet(sheets[key as keyof typeof PORTFOLIO_SHEET], result.statements[key], key, members, result.years, heading)]),
  );
  const contributions = writePortfolioContributionsSheet(sheets.contributions, result, members, subtitle);
  const affordability = writeAffordabilitySheet(sheets.affordability, portfolio, result, statements.fiscalView!, subtitle);
  const investment = result.statements.projectCashFlow.rows.find((r) => r.key === 'constructionInvestment');
  const withBudget = result.affordability !== null;
  writePortfolioSummarySheet(sheets.summary, result, members, {
    constructionInvestment: { cell: statements.projectCashFlow!.totalCell('constructionInvestment'), value: Number(investment?.total ?? 0) },
    contributionsTotal: { cell: contributions.totalNominal, value: Number(result.contributions.total.nominal) },
    pppBreaches: withBudget ? { cell: affordability.pppBreaches, value: result.affordability!.pppBreaches.length } : null,
    governmentPayBreaches: withBudget ? { cell: affordability.governmentPayBreaches, value: result.affordability!.governmentPayBreaches.length } : null,
  }, subtitle);
  separateAllNeighbours(workbook);
  stampPages(workbook, { deal: `片区汇总 ${result.name}`, asOf, engineVersion: members[0]?.evaluation.engineVersion ?? '' });
  return workbook;
}

/** The workbook as .xlsx bytes. */
export async function writePortfolioWorkbook(portfolio: Portfolio, members: readonly WorkbookMember[], result: PortfolioResult, asOf: string): Promise<Buffer> {
  const workbook = buildPortfolioWorkbook(portfolio, members, result, asOf);
  protectTextCells(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
