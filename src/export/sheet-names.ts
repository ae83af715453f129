/** Sheet names: Chinese with English beside (Excel allows 31 characters; none here needs quoting rules beyond spaces). */
export const SHEET = {
  cover: '条款摘要 Term sheet',
  inputs: '假设 Inputs',
  projectCashFlow: '项目投资现金流量表 Project CF',
  equityCashFlow: '项目资本金现金流量表 Equity CF',
  profitAndLoss: '利润与利润分配表 Profit',
  financialPlan: '财务计划现金流量表 Financial plan',
  debtService: '借款还本付息计划表 Debt service',
  investmentPlan: '总投资使用计划与资金筹措表 Investment',
  waterfall: '现金流分配 Cash waterfall',
  reserves: '偿债及大修准备金 Reserves',
  balanceSheet: '资产负债表 Balance sheet',
  contributions: '出资分担 Contributions',
  fiscalView: '财政视图 Fiscal view',
  checks: '校验 Checks',
} as const;

/** A sheet added only when the deal has a special bond, after the Checks: 收益与融资自求平衡 (methodology §10). */
export const BOND_BALANCE_SHEET = '收益与融资自求平衡 Bond balance';

/** A sheet added only when the lender stress pack is asked for (term-sheet `include=stress`), after the Checks. */
export const STRESS_SHEET = '压力测试 Stress tests';

/** A sheet added only when sensitivity is asked for (term-sheet `include=sensitivity`), last. */
export const SENSITIVITY_SHEET = '敏感性分析 Sensitivity';

/** A sheet added only when a Monte Carlo simulation is asked for (term-sheet `include=simulation`, the simulate route as xlsx), last. */
export const SIMULATION_SHEET = '蒙特卡洛模拟 Monte Carlo';

export type SheetId = keyof typeof SHEET;

/** The order of the sheets in the workbook: the cover first, the proof last. */
export const SHEET_ORDER: SheetId[] = [
  'cover', 'inputs', 'projectCashFlow', 'equityCashFlow', 'profitAndLoss', 'financialPlan', 'debtService', 'investmentPlan', 'waterfall', 'reserves', 'balanceSheet', 'contributions', 'fiscalView', 'checks',
];
