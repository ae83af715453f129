import type { StatementKey } from '../../analysis/portfolio/aggregate-statements.js';
import { SHEET } from '../sheet-names.js';

/** Sheets of the portfolio workbook: the statements keep the term sheet's names. */
export const PORTFOLIO_SHEET = {
  summary: '片区汇总 Portfolio',
  projectCashFlow: SHEET.projectCashFlow,
  equityCashFlow: SHEET.equityCashFlow,
  profitAndLoss: SHEET.profitAndLoss,
  financialPlan: SHEET.financialPlan,
  investmentPlan: SHEET.investmentPlan,
  fiscalView: SHEET.fiscalView,
  contributions: SHEET.contributions,
  affordability: '财政承受能力 Affordability',
} as const satisfies Partial<Record<StatementKey, string>> & Record<string, string>;
