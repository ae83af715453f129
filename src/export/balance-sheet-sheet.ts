import type { Worksheet } from 'exceljs';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { subtractSeries } from '../engine/series.js';
import type { Check } from './checks-sheet.js';
import type { InputCells } from './inputs-sheet.js';
import { listScheduledLines } from './balance-sheet-workings.js';
import { sumOfLines, toNumbers, type LineFormula } from './line-formulas.js';
import { previousYearOf } from './previous-year.js';
import { lineOf, writeYearSheet, type SheetLine, type YearColumn, type YearSheet } from './year-sheet.js';

/** The sheets the balance sheet's formulas read. */
export interface BalanceSheetSources {
  waterfall: YearSheet;
  reserves: YearSheet;
  debtService: YearSheet;
  financialPlan: YearSheet;
  profitAndLoss: YearSheet;
  projectCashFlow: YearSheet;
  investmentPlan: YearSheet;
}

const CITE = 'methodology §11.8';

/**
 * 资产负债表 of the project entity (methodology §11.8), each year-end: the totals are sums of their
 * lines; 货币资金 is the waterfall's free cash, the reserves' closing balances and the debt proceeds
 * not yet spent; loans and bonds are the debt-service sheet's closing balances; 临时借款 and
 * 未分配利润 the waterfall's; 盈余公积 accumulates the P&L's statutory reserve; 流动资金 the working
 * capital paid in less recovered; 待抵扣进项税额, 在建工程, 固定资产及无形资产净值, 实收资本 and 资本公积
 * roll forward from the statements' flows and a workings block (balance-sheet-workings.ts). A check
 * row shows assets − liabilities − equity (0 every year) and 资产负债率 = liabilities / assets, as a
 * percentage.
 */
export function writeBalanceSheetSheet(sheet: Worksheet, e: Evaluation, inputs: InputCells, subtitle: string, from: BalanceSheetSources): YearSheet {
  const statement = e.statements.balanceSheet;
  const { waterfall, reserves, debtService: ds, financialPlan: fp, profitAndLoss: pl, projectCashFlow: pcf, investmentPlan: ip } = from;
  const scheduled = listScheduledLines(e, { investmentPlan: ip, projectCashFlow: pcf, profitAndLoss: pl, financialPlan: fp, debtService: ds });
  const link = (s: YearSheet, key: string): LineFormula => (c) => s.cellAt(key, c.column);
  const debts = e.financing.debts;
  const closingOf = (kind: string): LineFormula => {
    const ids = debts.filter((d) => d.source.kind === kind).map((d) => d.source.id);
    return (c) => (ids.length === 0 ? '0' : ids.map((id) => ds.cellAt(`${id}.closing`, c.column)).join('+'));
  };
  // Debt proceeds received ahead of the works: last year's + Σ drawn (debt-service sheet) − loans and bonds spent (financial plan).
  const unspent: LineFormula = (c) =>
    [previousYearOf(c, 'unspentDebtProceeds'), ...debts.map((d) => ds.cellAt(`${d.source.id}.draw`, c.column))].join('+') + `-${fp.cellAt('loansDrawn', c.column)}-${fp.cellAt('bondsIssued', c.column)}`;
  const formulas: Record<string, LineFormula> = {
    totalAssets: sumOfLines('currentAssets', 'constructionInProgress', 'fixedAssetsNet'),
    currentAssets: sumOfLines('cash', 'vatCredit', 'workingCapital'),
    cash: sumOfLines('freeCash', 'dsraBalance', 'mmraBalance', 'unspentDebtProceeds'),
    freeCash: link(waterfall, 'freeCash'),
    dsraBalance: link(reserves, 'dsra.closing'),
    mmraBalance: link(reserves, 'mmra.closing'),
    unspentDebtProceeds: unspent,
    totalLiabilities: sumOfLines('loans', 'bonds', 'shortTermBorrowing'),
    loans: closingOf('bank-loan'),
    bonds: closingOf('special-bond'),
    shortTermBorrowing: link(waterfall, 'shortTermClosing'),
    totalEquity: sumOfLines('paidInCapital', 'capitalReserve', 'surplusReserve', 'retainedEarnings'),
    retainedEarnings: link(waterfall, 'undistributedClosing'),
    liabilitiesAndEquity: sumOfLines('totalLiabilities', 'totalEquity'),
    debtToAssetRatio: (c) => `IF(${c.at('totalAssets')}=0,0,${c.at('totalLiabilities')}/${c.at('totalAssets')})`,
    ...scheduled.formulas,
  };
  if (pcf.has('workingCapital') && pcf.has('workingCapitalRecovery')) {
    formulas.workingCapital = (c) => `${previousYearOf(c, 'workingCapital')}+${pcf.cellAt('workingCapital', c.column)}-${pcf.cellAt('workingCapitalRecovery', c.column)}`;
  }
  if (pl.has('statutoryReserve')) formulas.surplusReserve = (c) => `${previousYearOf(c, 'surplusReserve')}+${pl.cellAt('statutoryReserve', c.column)}`;

  const rows = statement.rows.filter((r) => r.key !== 'debtToAssetRatio');
  const ratio = statement.rows.find((r) => r.key === 'debtToAssetRatio')!;
  const find = (key: string) => statement.rows.find((r) => r.key === key)!.values;
  const difference = subtractSeries(find('totalAssets'), find('liabilitiesAndEquity'));
  const lines: SheetLine[] = [
    ...rows.map((row) => lineOf(row, formulas[row.key])),
    {
      key: 'balanceCheck', no: '4.1', zh: '校验：资产 − 负债 − 所有者权益（应为 0）', en: 'Check: assets − liabilities − equity (must be 0)', values: toNumbers(difference), total: false,
      formula: (c: YearColumn) => `${c.at('totalAssets')}-${c.at('totalLiabilities')}-${c.at('totalEquity')}`,
    },
    lineOf(ratio, formulas.debtToAssetRatio, 'share'),
    ...scheduled.workings,
  ];
  return writeYearSheet(sheet, { title: `${statement.zh} ${statement.en}`, subtitle, years: e.years.length, lines, inputs });
}

/** The balance sheet's checks: it balances every year to the 分, and the highest 资产负债率 is the metric. */
export function listBalanceSheetChecks(e: Evaluation, sheet: YearSheet): Check[] {
  const max = e.metrics.maxDebtToAssetRatio;
  return [
    { key: 'balanceSheetBalances', zh: '资产 = 负债 + 所有者权益', en: 'Assets = liabilities + equity, every year', kind: 'money', formula: `SUMPRODUCT(ABS(${sheet.range('balanceCheck')}))`, engine: 0, note: `Σ |assets − liabilities − equity| over the years must be 0 (${CITE})` },
    {
      key: 'maxDebtToAssetRatio', zh: '最高资产负债率', en: 'Highest debt-to-asset ratio', kind: 'ratio', formula: max === null ? null : `MAX(${sheet.range('debtToAssetRatio')})`, engine: max === null ? null : max.toNumber(),
      note: max === null ? `不适用 not applicable: no assets in any year (${CITE})` : `MAX of the 资产负债率 row: liabilities / assets (${CITE})`,
    },
  ];
}
