import type { Evaluation } from '../engine/evaluate-deal.js';
import { accumulateSeries, createZeroSeries, subtractSeries, sumSeries } from '../engine/series.js';
import { ZERO } from '../finance/decimal.js';
import { toNumbers, type LineFormula } from './line-formulas.js';
import { previousYearOf } from './previous-year.js';
import type { SheetLine, YearSheet } from './year-sheet.js';

/** The sheets the balance sheet's scheduled lines read. */
export interface ScheduledLineSources {
  investmentPlan: YearSheet;
  projectCashFlow: YearSheet;
  profitAndLoss: YearSheet;
  financialPlan: YearSheet;
  debtService: YearSheet;
}

export interface ScheduledLines {
  /** The formulas of 待抵扣进项税额, 在建工程, 固定资产及无形资产净值, 实收资本 and 资本公积, by line key. */
  formulas: Record<string, LineFormula>;
  /** The workings block below the balance sheet: the flows no other sheet carries, and the works' net value. */
  workings: SheetLine[];
}

/**
 * The five balance-sheet lines the engine schedules from the projection (methodology §11.8), as live
 * formulas rolling last year's balance forward with this year's flows from the statement sheets; the
 * flows no sheet carries yet (the works' and renewals' creditable VAT, the works handed to others)
 * are workings rows of their own, so an edit there moves the balance sheet too:
 *   待抵扣进项税额_t = _{t−1} + W1 + W2 + 进项税额 (PCF 2.4) − 销项税额 (PCF 1.2) + 应纳增值税 (PCF 2.5)
 *     (methodology §7.3: payable − credit = output − input − credit_{t−1});
 *   W4 工程资产净值_t = _{t−1} + 建设投资 (investment plan 1.1) − W1 − W3 + 建设期利息 (1.2)
 *     + 维持运营投资 (PCF 2.7) − W2 − 折旧摊销 (P&L 3.2) − 回收固定资产余值 (PCF 1.4);
 *   在建工程 = W4 − W5 in construction years, 0 after; 固定资产及无形资产净值 = W5 in construction (works
 *     opened early, methodology §10.11), W4 after;
 *   实收资本_t = _{t−1} + 项目资本金投入 (financial plan 3.1, DSRA at close included) + 资本金注入 (the
 *     investment plan's capital-injection grants);
 *   资本公积_t = _{t−1} + 政府投资补助 (investment plan 2.3) + 其他出资 (2.4) + W6 − W3, where
 *     W6 = Σ principal of every loan and bond (debt-service sheet) − principal the project repaid
 *     (financial plan 3.7): the bond principal the issuer repays for it (§10.4).
 */
export function listScheduledLines(e: Evaluation, from: ScheduledLineSources): ScheduledLines {
  const { investmentPlan: ip, projectCashFlow: pcf, profitAndLoss: pl, financialPlan: fp, debtService: ds } = from;
  const p = e.projection;
  const T = e.years.length;
  const C = p.timeline.C;
  const at = (s: YearSheet, key: string): LineFormula => (c) => s.cellAt(key, c.column);
  const owned = p.capex.lines.filter((l) => !l.depreciableBase.isZero());
  const handedOver = p.capex.lines.filter((l) => l.depreciableBase.isZero());
  const handedOverNet = sumSeries(T, handedOver.map((l) => subtractSeries(l.gross, l.creditableVat)));
  // Works opened during construction (methodology §10.11): cost net of credited VAT less depreciation to date, from the opening year.
  const chargeOf = (id: string) => p.depreciation.lines.find((d) => d.id === id)?.charge ?? createZeroSeries(T);
  const openedEarly = owned.filter((l) => l.inServiceIndex < C);
  const openedEarlyNet = sumSeries(T, openedEarly.map((l) => accumulateSeries(subtractSeries(subtractSeries(l.gross, l.creditableVat), chargeOf(l.item.id))).map((v, t) => (t >= l.inServiceIndex ? v : ZERO))));
  const balance = e.statements.balanceSheet.rows;
  const worksNet = balance.find((r) => r.key === 'constructionInProgress')!.values.map((v, t) => v.plus(balance.find((r) => r.key === 'fixedAssetsNet')!.values[t]!));
  const bonds = e.financing.debts.filter((d) => d.source.kind === 'special-bond');
  const capitalGrantRows = e.financing.capital.capitalGrants.map((s) => `source.${s.source.id}`);

  const workings: SheetLine[] = [
    { heading: '辅助计算 Workings（在建工程、固定资产、待抵扣进项税额及资本公积，methodology §11.8）' },
    { key: 'capexCreditableVat', no: 'W1', zh: '建设投资可抵扣进项税额', en: 'Creditable input VAT on the works', values: toNumbers(p.capex.creditableVat), total: true },
    { key: 'sustainingCreditableVat', no: 'W2', zh: '维持运营投资可抵扣进项税额', en: 'Creditable input VAT on sustaining capex', values: toNumbers(p.opex.sustainingInputVat), total: true },
    { key: 'handedOverWorks', no: 'W3', zh: '移交他方的工程（不含可抵扣进项税）', en: 'Works handed to others (no depreciable base), net of credited VAT', values: toNumbers(handedOverNet), total: true },
    {
      key: 'worksNet', no: 'W4', zh: '工程资产净值（在建工程 + 固定资产及无形资产）', en: 'Works, net: last year\'s, plus their cost, construction interest and renewals, less credited VAT, works handed over, depreciation and the residual recovered', values: toNumbers(worksNet), total: false,
      formula: (c) => `${previousYearOf(c, 'worksNet')}+${ip.cellAt('constructionInvestment', c.column)}-${c.at('capexCreditableVat')}-${c.at('handedOverWorks')}+${ip.cellAt('constructionInterest', c.column)}`
        + `+${pcf.cellAt('sustainingCapex', c.column)}-${c.at('sustainingCreditableVat')}-${pl.cellAt('depreciationAmortisation', c.column)}-${pcf.cellAt('residualValueRecovery', c.column)}`,
    },
    ...(openedEarly.length > 0 ? [{ key: 'openedEarlyNet', no: 'W5', zh: '建设期已投入使用的工程净值', en: 'Works opened during construction, net (methodology §10.11)', values: toNumbers(openedEarlyNet), total: false }] : []),
    ...(bonds.length > 0
      ? [{
        key: 'issuerBondPrincipal', no: 'W6', zh: '发行人代为偿还的专项债券本金', en: 'Bond principal the issuer repays for the project: all principal on the debt-service sheet less what the financial plan repays',
        values: toNumbers(subtractSeries(sumSeries(T, e.financing.debts.map((d) => d.principal)), e.financing.projectDebtService.principal)), total: true,
        formula: (c: Parameters<LineFormula>[0]) => `${e.financing.debts.map((d) => ds.cellAt(`${d.source.id}.principal`, c.column)).join('+')}-${fp.cellAt('principalRepaid', c.column)}`,
      }]
      : []),
  ];
  const early = openedEarly.length > 0;
  const formulas: Record<string, LineFormula> = {
    vatCredit: (c) => `${previousYearOf(c, 'vatCredit')}+${c.at('capexCreditableVat')}+${c.at('sustainingCreditableVat')}+${pcf.cellAt('inputVat', c.column)}-${pcf.cellAt('outputVat', c.column)}+${pcf.cellAt('vatPayable', c.column)}`,
    constructionInProgress: (c) => `IF(${c.operating}=1,0,${c.at('worksNet')}${early ? `-${c.at('openedEarlyNet')}` : ''})`,
    fixedAssetsNet: (c) => `IF(${c.operating}=1,${c.at('worksNet')},${early ? c.at('openedEarlyNet') : '0'})`,
    paidInCapital: (c) => [previousYearOf(c, 'paidInCapital'), fp.cellAt('equityInjected', c.column), ...capitalGrantRows.map((k) => ip.cellAt(k, c.column))].join('+'),
    capitalReserve: (c) => [previousYearOf(c, 'capitalReserve'), at(ip, 'grants')(c), at(ip, 'otherContributions')(c), ...(bonds.length > 0 ? [c.at('issuerBondPrincipal')] : [])].join('+') + `-${c.at('handedOverWorks')}`,
  };
  return { formulas, workings };
}
