import { accumulateSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { createBalanceRow, createRow, type Statement, type StatementRow } from './statement.js';
import type { Financing } from './finance-deal.js';
import type { Projection } from './project-deal.js';

/** 现金流入 and its lines, the same in the project, programme and equity cash flow tables (methodology §3); `total` is the table's 现金流入. */
export function buildCashInflowRows(p: Projection, total: Series = p.inflows): StatementRow[] {
  return [
    createRow('cashInflow', '1', '现金流入', 'Cash inflow', total),
    createRow('operatingRevenue', '1.1', '营业收入', 'Operating revenue (net of VAT)', p.revenue.net),
    createRow('outputVat', '1.2', '销项税额', 'Output VAT', p.revenue.outputVat),
    createRow('subsidyIncome', '1.3', '补贴收入', 'Subsidy income', p.subsidyIncome),
    createRow('residualValueRecovery', '1.4', '回收固定资产余值', 'Residual value recovered', p.depreciation.residualRecovery),
    createRow('workingCapitalRecovery', '1.5', '回收流动资金', 'Working capital recovered', p.workingCapitalRecovery),
  ];
}

/**
 * 项目投资现金流量表 (methodology §3, §9), project entity scope: the project before financing, pre- and
 * after-tax, over the works the entity pays for or owns; others' money in those works is an inflow.
 */
export function buildProjectCashFlowStatement(p: Projection): Statement {
  return {
    key: 'projectCashFlow',
    zh: '项目投资现金流量表（项目法人口径）',
    en: 'Project investment cash flow (project entity scope)',
    rows: [
      ...buildCashInflowRows(p),
      createRow('othersInEntityWorks', '1.6', '投资补助及他方出资（本项目工程）', 'Investment subsidies and others\' money in the entity\'s works', p.scope.othersInEntityWorks),
      createRow('cashOutflow', '2', '现金流出', 'Cash outflow', p.outflows),
      createRow('constructionInvestment', '2.1', '建设投资（项目法人范围）', 'Construction investment of the entity\'s works (VAT-inclusive)', p.scope.entityWorks),
      createRow('workingCapital', '2.2', '流动资金', 'Working capital', p.workingCapital),
      createRow('operatingCost', '2.3', '经营成本', 'Operating cost (net of VAT)', p.opex.net),
      createRow('inputVat', '2.4', '进项税额', 'Input VAT on operating costs', p.opex.inputVat),
      createRow('vatPayable', '2.5', '应纳增值税', 'VAT payable', p.vat.payable),
      createRow('surcharges', '2.6', '税金及附加', 'Surcharges on VAT', p.vat.surcharges),
      createRow('sustainingCapex', '2.7', '维持运营投资', 'Sustaining capex', p.opex.sustainingGross),
      createRow('netCashFlowPreTax', '3', '所得税前净现金流量', 'Net cash flow before tax', p.preTaxFlow),
      createBalanceRow('cumulativePreTax', '4', '累计所得税前净现金流量', 'Cumulative net cash flow before tax', accumulateSeries(p.preTaxFlow)),
      createRow('adjustedIncomeTax', '5', '调整所得税', 'Adjusted income tax (on EBIT before financing)', p.adjustedTax.incomeTax),
      createRow('ebitPreFinancing', '5.1', '融资前息税前利润', 'EBIT before financing (as in the P&L, line 12.1)', p.ebit),
      createRow('adjustedTaxableIncome', '5.2', '调整所得税应纳税所得额', 'Taxable income of 调整所得税 (after reliefs and losses carried)', p.adjustedTax.taxableIncome),
      createRow('netCashFlowAfterTax', '6', '所得税后净现金流量', 'Net cash flow after tax', p.afterTaxFlow),
      createBalanceRow('cumulativeAfterTax', '7', '累计所得税后净现金流量', 'Cumulative net cash flow after tax', accumulateSeries(p.afterTaxFlow)),
    ],
  };
}

/** 利润与利润分配表 (methodology §3), after financing: interest and the write-off of capitalised interest. */
export function buildProfitAndLossStatement(p: Projection, f: Financing): Statement {
  const { T } = p.timeline;
  const depreciation = sumSeries(T, [p.depreciation.total, f.constructionInterestDepreciation]);
  const totalCost = sumSeries(T, [p.opex.net, depreciation, f.interestExpense]);
  return {
    key: 'profitAndLoss',
    zh: '利润与利润分配表',
    en: 'Profit and profit distribution',
    rows: [
      createRow('operatingRevenue', '1', '营业收入', 'Operating revenue (net of VAT)', p.revenue.net),
      createRow('surcharges', '2', '税金及附加', 'Surcharges on VAT', p.vat.surcharges),
      createRow('totalCost', '3', '总成本费用', 'Total cost', totalCost),
      createRow('operatingCost', '3.1', '经营成本', 'Operating cost', p.opex.net),
      createRow('depreciationAmortisation', '3.2', '折旧摊销', 'Depreciation and amortisation (incl. capitalised interest)', depreciation),
      createRow('capitalisedInterestWriteOff', '3.2.1', '其中：资本化利息摊销', 'of which capitalised construction interest written off', f.constructionInterestDepreciation),
      createRow('interestExpense', '3.3', '利息支出', 'Interest expense', f.interestExpense),
      createRow('shortTermInterest', '3.3.1', '其中：临时借款利息', 'of which short-term borrowing interest', f.shortTermInterest),
      createRow('subsidyIncome', '4', '补贴收入', 'Subsidy income', p.subsidyIncome),
      createRow('profitBeforeTax', '5', '利润总额', 'Profit before tax', f.profitBeforeTax),
      // Tax adjustments of investment subsidies in the entity's assets (财税〔2011〕70号, methodology §9.7).
      createRow('nonDeductibleDepreciation', '5.1', '纳税调增：不征税收入形成资产的折旧', 'Add back: depreciation of assets from non-taxable grants', p.grantTax.nonDeductibleDepreciation),
      createRow('taxableGrantIncome', '5.2', '纳税调增：应税投资补助', 'Add: taxable investment subsidies received', p.grantTax.taxableGrantIncome),
      createRow('lossesUsed', '6', '弥补以前年度亏损', 'Earlier losses offset', f.incomeTax.lossesUsed),
      createRow('taxableIncome', '7', '应纳税所得额', 'Taxable income', f.incomeTax.taxableIncome),
      createRow('incomeTax', '8', '所得税', 'Income tax', f.incomeTax.incomeTax),
      createRow('netProfit', '9', '净利润', 'Net profit', f.netProfit),
      createRow('statutoryReserve', '10', '法定盈余公积', 'Statutory surplus reserve', f.statutoryReserve),
      createRow('distributableProfit', '11', '可供分配利润', 'Profit after reserve', subtractSeries(f.netProfit, f.statutoryReserve)),
      createRow('ebit', '12', '息税前利润（EBIT）', 'EBIT', f.ebit),
      // 调整所得税 is on EBIT before financing (methodology §3, §9): EBIT + the capitalised interest written off.
      createRow('ebitPreFinancing', '12.1', '融资前息税前利润（调整所得税用）', 'EBIT before financing (the base of 调整所得税)', p.ebit),
      createRow('ebitda', '13', '息税折旧摊销前利润（EBITDA）', 'EBITDA', p.ebitda),
    ],
  };
}

/**
 * 项目投资现金流量表（全口径）(methodology §9): every work of the renovation, whoever pays, for the
 * government's view; no subsidy inflow. Reconciles with the entity's table to the 分: its net flow is
 * the entity's less the works others pay for and own and less others' money in the entity's works.
 */
export function buildProgrammeCashFlowStatement(p: Projection): Statement {
  const { T } = p.timeline;
  const inflows = subtractSeries(p.inflows, p.scope.othersInEntityWorks);
  const outflows = sumSeries(T, [p.outflows, p.scope.othersWorks]);
  return {
    key: 'programmeCashFlow',
    zh: '项目投资现金流量表（全口径）',
    en: 'Programme investment cash flow (every work, whoever pays)',
    rows: [
      ...buildCashInflowRows(p, inflows),
      createRow('cashOutflow', '2', '现金流出', 'Cash outflow', outflows),
      createRow('constructionInvestment', '2.1', '建设投资（全部工程）', 'Construction investment of every work (VAT-inclusive)', p.capex.total),
      createRow('entityWorks', '2.1.1', '其中：项目法人范围', 'of which the project entity\'s works', p.scope.entityWorks),
      createRow('othersWorks', '2.1.2', '其中：他方出资且所有的工程', 'of which works others pay for and own', p.scope.othersWorks),
      createRow('workingCapital', '2.2', '流动资金', 'Working capital', p.workingCapital),
      createRow('operatingCost', '2.3', '经营成本', 'Operating cost (net of VAT)', p.opex.net),
      createRow('inputVat', '2.4', '进项税额', 'Input VAT on operating costs', p.opex.inputVat),
      createRow('vatPayable', '2.5', '应纳增值税', 'VAT payable', p.vat.payable),
      createRow('surcharges', '2.6', '税金及附加', 'Surcharges on VAT', p.vat.surcharges),
      createRow('sustainingCapex', '2.7', '维持运营投资', 'Sustaining capex', p.opex.sustainingGross),
      createRow('netCashFlowPreTax', '3', '所得税前净现金流量', 'Net cash flow before tax', p.programme.preTaxFlow),
      createBalanceRow('cumulativePreTax', '4', '累计所得税前净现金流量', 'Cumulative net cash flow before tax', accumulateSeries(p.programme.preTaxFlow)),
      createRow('adjustedIncomeTax', '5', '调整所得税', 'Adjusted income tax (the entity\'s, on EBIT before financing)', p.adjustedTax.incomeTax),
      createRow('netCashFlowAfterTax', '6', '所得税后净现金流量', 'Net cash flow after tax', p.programme.afterTaxFlow),
      createBalanceRow('cumulativeAfterTax', '7', '累计所得税后净现金流量', 'Cumulative net cash flow after tax', accumulateSeries(p.programme.afterTaxFlow)),
    ],
  };
}
