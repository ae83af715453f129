import { isGrantSource } from '../deal/funding-schema.js';
import type { Financing } from './finance-deal.js';
import type { SourceAllocation } from './fund-capex.js';
import type { Projection } from './project-deal.js';
import { accumulateSeries, subtractSeries, sumSeries, type Series } from './series.js';
import { createBalanceRow, createRow, type Statement, type StatementRow } from './statement.js';
import { buildCashInflowRows } from './statements.js';
import type { WaterfallSchedule } from './waterfall/run-waterfall.js';

const totalOfSources = (T: number, list: SourceAllocation[]) => sumSeries(T, list.map((s) => s.total));
const equitySources = (f: Financing) => f.funding.sources.filter((s) => s.source.kind === 'investor-equity');

/** 项目资本金投入: equity paid for capex, construction interest paid in cash, and working capital. */
export function computeEquityInjection(p: Projection, f: Financing): Series {
  const { T } = p.timeline;
  return sumSeries(T, [totalOfSources(T, equitySources(f)), f.constructionInterestPaid, p.workingCapital]);
}

/** 项目资本金现金流量表 (methodology §3): the investors' flows after financing and income tax. */
export function buildEquityCashFlowStatement(p: Projection, f: Financing): Statement {
  const { T } = p.timeline;
  const equityCapex = totalOfSources(T, equitySources(f));
  // Principal paid to lenders: scheduled, and prepaid by the cash sweep (methodology §11.11).
  const principalRepaid = sumSeries(T, [f.projectDebtService.principal, ...sweptPrepayments(f)]);
  const outflows = sumSeries(T, [
    equityCapex, principalRepaid, f.projectDebtService.interest, p.opex.net, p.opex.inputVat,
    p.vat.payable, p.vat.surcharges, f.incomeTax.incomeTax, p.opex.sustainingGross, p.workingCapital,
  ]);
  // Others' money in the entity's works is an inflow of the project table only: here it is funding.
  const inflows = subtractSeries(p.inflows, p.scope.othersInEntityWorks);
  const net = subtractSeries(inflows, outflows);
  return {
    key: 'equityCashFlow',
    zh: '项目资本金现金流量表',
    en: 'Equity cash flow',
    rows: [
      ...buildCashInflowRows(p, inflows),
      createRow('cashOutflow', '2', '现金流出', 'Cash outflow', outflows),
      createRow('equity', '2.1', '项目资本金（建设投资）', 'Equity paid for construction', equityCapex),
      createRow('principalRepaid', '2.2', '借款本金偿还', 'Principal repaid (loans incl. swept prepayments; bonds as covered by the project)', principalRepaid),
      createRow('interestPaid', '2.3', '借款利息支付', 'Interest paid (incl. construction interest paid in cash)', f.projectDebtService.interest),
      createRow('operatingCost', '2.4', '经营成本', 'Operating cost (net of VAT)', p.opex.net),
      createRow('inputVat', '2.5', '进项税额', 'Input VAT on operating costs', p.opex.inputVat),
      createRow('vatPayable', '2.6', '应纳增值税', 'VAT payable', p.vat.payable),
      createRow('surcharges', '2.7', '税金及附加', 'Surcharges on VAT', p.vat.surcharges),
      createRow('incomeTax', '2.8', '所得税', 'Income tax', f.incomeTax.incomeTax),
      createRow('sustainingCapex', '2.9', '维持运营投资', 'Sustaining capex', p.opex.sustainingGross),
      createRow('workingCapital', '2.10', '流动资金', 'Working capital (from equity)', p.workingCapital),
      createRow('netCashFlow', '3', '净现金流量', 'Net cash flow to equity', net),
      createBalanceRow('cumulativeNetCashFlow', '4', '累计净现金流量', 'Cumulative net cash flow to equity', accumulateSeries(net)),
    ],
  };
}

/** Each loan's prepayments by the cash sweep (methodology §11.11): empty without a sweep. */
function sweptPrepayments(f: Financing): Series[] {
  return f.debts.filter((d) => d.prepayment.some((v) => !v.isZero())).map((d) => d.prepayment);
}

/** The lines of the 财务计划现金流量表 before the waterfall (methodology §3). */
function computePlanFlows(p: Projection, f: Financing) {
  const { T } = p.timeline;
  const operatingIn = sumSeries(T, [p.revenue.net, p.revenue.outputVat, p.subsidyIncome]);
  const operatingOut = sumSeries(T, [p.opex.net, p.opex.inputVat, p.vat.payable, p.vat.surcharges, f.incomeTax.incomeTax]);
  const operating = subtractSeries(operatingIn, operatingOut);
  const investing = subtractSeries(
    sumSeries(T, [p.depreciation.residualRecovery, p.workingCapitalRecovery]),
    sumSeries(T, [p.capex.total, p.opex.sustainingGross, p.workingCapital]),
  );
  const sourcesOf = (kinds: string[]) => totalOfSources(T, f.funding.sources.filter((s) => kinds.includes(s.source.kind)));
  const equity = computeEquityInjection(p, f);
  const loans = sourcesOf(['bank-loan']);
  const bonds = sourcesOf(['special-bond']);
  const grants = totalOfSources(T, f.funding.sources.filter((s) => isGrantSource(s.source)));
  const others = sourcesOf(['utility', 'property-rights-unit', 'residents', 'donation']);
  const financingIn = sumSeries(T, [equity, loans, bonds, grants, others]);
  const financingOut = sumSeries(T, [f.projectDebtService.interest, f.projectDebtService.principal]);
  const financing = subtractSeries(financingIn, financingOut);
  return { operatingIn, operatingOut, operating, investing, equity, loans, bonds, grants, others, financing, net: sumSeries(T, [operating, investing, financing]) };
}

/** Net cash flow of the 财务计划现金流量表 before the waterfall: what the waterfall distributes (methodology §11). */
export function computePlanCashBefore(p: Projection, f: Financing): Series {
  return computePlanFlows(p, f).net;
}

/**
 * 财务计划现金流量表 (methodology §3, §11): operating, investing and financing flows, the financing
 * flows after the waterfall (DSRA equity at close, 临时借款 drawn, repaid and its interest, 应付利润),
 * and the cumulative surplus, of which the reserves and the free cash. The reserves' movements stay
 * within 货币资金 and are shown as memo lines.
 */
export function buildFinancialPlanStatement(p: Projection, f: Financing, w: WaterfallSchedule): Statement {
  const { T } = p.timeline;
  const flows = computePlanFlows(p, f);
  const equity = sumSeries(T, [flows.equity, w.dsra.equityAtClose]);
  const financing = subtractSeries(
    sumSeries(T, [flows.financing, w.dsra.equityAtClose, w.shortTerm.drawn]),
    sumSeries(T, [w.shortTerm.repaid, w.shortTerm.interest, w.distributions, ...(w.sweep ? [w.sweep.prepayment] : [])]),
  );
  // The cash sweep's prepayment (methodology §11.11) is its own line, before 应付利润, only in a deal that sweeps.
  const sweepRows = w.sweep ? [createRow('sweepPrepayment', '3.11', '现金流量扫款提前还本', `Cash sweep: principal prepaid on ${w.sweep.loans.map((l) => l.sourceId).join(', ')}`, w.sweep.prepayment)] : [];
  const net = sumSeries(T, [flows.operating, flows.investing, financing]);
  return {
    key: 'financialPlan',
    zh: '财务计划现金流量表',
    en: 'Financial plan cash flow',
    rows: [
      createRow('operatingNet', '1', '经营活动净现金流量', 'Net cash flow from operations', flows.operating),
      createRow('operatingInflow', '1.1', '现金流入', 'Operating inflow (revenue, output VAT, subsidies)', flows.operatingIn),
      createRow('operatingOutflow', '1.2', '现金流出', 'Operating outflow (costs, VAT, surcharges, income tax)', flows.operatingOut),
      createRow('investingNet', '2', '投资活动净现金流量', 'Net cash flow from investing', flows.investing),
      createRow('financingNet', '3', '筹资活动净现金流量', 'Net cash flow from financing', financing),
      createRow('equityInjected', '3.1', '项目资本金投入', 'Equity injected (incl. DSRA funded at close)', equity),
      createRow('dsraEquity', '3.1.1', '其中：偿债准备金注资', 'of which the DSRA funded at close', w.dsra.equityAtClose),
      createRow('loansDrawn', '3.2', '建设投资借款', 'Bank loans drawn', flows.loans),
      createRow('bondsIssued', '3.3', '专项债券', 'Special bonds issued', flows.bonds),
      createRow('grantsReceived', '3.4', '政府投资补助', 'Government grants', flows.grants),
      createRow('contributionsReceived', '3.5', '其他出资', 'Utility, resident and other contributions', flows.others),
      createRow('interestPaid', '3.6', '各种利息支出', 'Interest paid (loans and bonds)', f.projectDebtService.interest),
      createRow('principalRepaid', '3.7', '偿还债务本金', 'Principal repaid', f.projectDebtService.principal),
      createRow('shortTermDrawn', '3.8', '临时借款', 'Short-term borrowing drawn', w.shortTerm.drawn),
      createRow('shortTermRepaid', '3.9', '偿还临时借款', 'Short-term borrowing repaid', w.shortTerm.repaid),
      createRow('shortTermInterest', '3.10', '临时借款利息', 'Short-term borrowing interest', w.shortTerm.interest),
      ...sweepRows,
      createRow('distributions', w.sweep ? '3.12' : '3.11', '应付利润', 'Distributions to shareholders', w.distributions),
      createRow('netCashFlow', '4', '净现金流量', 'Net cash flow', net),
      createBalanceRow('cumulativeSurplus', '5', '累计盈余资金', 'Cumulative surplus (negative fails 财务生存能力)', accumulateSeries(net)),
      createBalanceRow('dsraBalance', '5.1', '其中：偿债准备金', 'of which the debt service reserve (DSRA)', w.dsra.closing),
      createBalanceRow('mmraBalance', '5.2', '其中：大修准备金', 'of which the major-maintenance reserve (MMRA)', w.mmra.closing),
      createBalanceRow('freeCash', '5.3', '其中：可自由支配资金', 'of which free cash', w.freeCash),
      createRow('dsraDeposit', '6.1', '偿债准备金存入', 'Memo: paid into the DSRA', w.dsra.deposit),
      createRow('dsraRelease', '6.2', '偿债准备金释放', 'Memo: released from the DSRA', w.dsra.release),
      createRow('dsraDraw', '6.3', '偿债准备金动用', 'Memo: drawn from the DSRA for debt service', w.dsra.draw),
      createRow('mmraDeposit', '6.4', '大修准备金存入', 'Memo: paid into the MMRA', w.mmra.deposit),
      createRow('mmraRelease', '6.5', '大修准备金释放', 'Memo: released from the MMRA for major maintenance', w.mmra.release),
    ],
  };
}

/** 借款还本付息计划表 (methodology §3): each loan and bond, then the cash available to service them. */
export function buildDebtServiceStatement(p: Projection, f: Financing): Statement {
  const rows: StatementRow[] = [];
  f.debts.forEach((d, k) => {
    const no = String(k + 1);
    const id = d.source.id;
    const isBond = d.source.kind === 'special-bond';
    rows.push(
      createBalanceRow(`${id}.opening`, `${no}.1`, `${d.source.name}：期初余额`, `${id}: opening balance`, d.opening),
      createRow(`${id}.draw`, `${no}.2`, isBond ? '当期发行' : '当期借款', isBond ? 'Issued' : 'Drawn', d.draw),
      createRow(`${id}.interest`, `${no}.3`, '当期应计利息', 'Interest accrued', d.interest),
      createRow(`${id}.capitalisedInterest`, `${no}.3.1`, '其中：资本化利息', 'of which capitalised', d.capitalisedInterest),
      createRow(`${id}.principal`, `${no}.4`, '当期还本', 'Principal repaid', d.principal),
      // A loan the cash sweep prepays (methodology §11.11): its prepayments, outside the scheduled service.
      ...(d.prepayment.some((v) => !v.isZero()) ? [createRow(`${id}.prepayment`, `${no}.4.1`, '提前还本（现金流量扫款）', 'Prepaid by the cash sweep (not scheduled service)', d.prepayment)] : []),
      createRow(`${id}.interestPaid`, `${no}.5`, '当期付息', 'Interest paid', d.interestPaid),
      createBalanceRow(`${id}.closing`, `${no}.6`, '期末余额', 'Closing balance', d.closing),
    );
    if (isBond) rows.push(createRow(`${id}.issuanceCost`, `${no}.7`, '发行费用', 'Issuance cost (paid by the issuer)', d.issuanceCost));
  });
  const n = f.debts.length + 1;
  rows.push(
    createRow('ebitda', `${n}.1`, '息税折旧摊销前利润', 'EBITDA', p.ebitda),
    createRow('incomeTax', `${n}.2`, '所得税', 'Income tax', f.incomeTax.incomeTax),
    createRow('sustainingCapex', `${n}.3`, '维持运营投资', 'Sustaining capex', p.opex.sustainingGross),
    createRow('sustainingVatCredited', `${n}.3.1`, '维持运营投资抵扣的进项税额', 'Input VAT credited on sustaining capex (added back, methodology §4.5)', f.sustainingVatCredited),
    createRow('cfads', `${n}.4`, '可用于还本付息的资金', 'Cash flow available for debt service (CFADS)', f.cfads),
    createRow('debtService', `${n}.5`, '应还本付息额', 'Debt service due', f.debtService),
    createRow('bondCoveredByProject', `${n}.6`, '专项债券本息：项目收益偿还', 'Bond service paid from project income', f.bond.coveredByProject),
    createRow('bondShortfall', `${n}.7`, '专项债券本息：财政补足', 'Bond service left to the issuer', f.bond.shortfall),
  );
  return { key: 'debtService', zh: '借款还本付息计划表', en: 'Debt service schedule', rows };
}

/**
 * 总投资使用计划与资金筹措表 (methodology §3, §9): uses against sources, year by year. 2.1 项目资本金
 * is the §9 definition: the investors' equity (for capex, construction interest and working capital),
 * grants given as 资本金注入 and the part of each special bond used as capital; 2.2 the debt not
 * counted as capital; 2.3 the grants that are 投资补助; 2.4 utilities', residents' and other money.
 */
export function buildInvestmentPlanStatement(p: Projection, f: Financing): Statement {
  const { T } = p.timeline;
  const uses = sumSeries(T, [p.capex.total, f.constructionInterest, p.workingCapital]);
  const equity = equitySources(f);
  const capital = f.capital;
  const debt = f.funding.sources.filter((s) => s.source.kind === 'bank-loan' || s.source.kind === 'special-bond');
  const bondCapitalOf = (id: string) => capital.bondCapital.find((b) => b.sourceId === id)?.values;
  const debtRow = (s: SourceAllocation) => {
    const schedule = f.debts.find((d) => d.source.id === s.source.id);
    // A bond's capitalised construction coupons are paid from its proceeds (methodology §10.5): part of the bond's funding.
    const coupons = f.bond.constructionCoupons.find((c) => c.sourceId === s.source.id && c.paidBy === 'capitalised')?.values;
    const drawn = schedule ? sumSeries(T, [s.total, schedule.capitalisedInterest, ...(coupons ? [coupons] : [])]) : s.total;
    const asCapital = bondCapitalOf(s.source.id);
    return asCapital ? subtractSeries(drawn, asCapital) : drawn;
  };
  const grants = f.funding.sources.filter((s) => isGrantSource(s.source) && !capital.capitalGrants.includes(s));
  const others = f.funding.sources.filter((s) => ['utility', 'property-rights-unit', 'residents', 'donation'].includes(s.source.kind));
  const debtTotal = sumSeries(T, debt.map(debtRow));
  const grantTotal = totalOfSources(T, grants);
  const otherTotal = totalOfSources(T, others);
  const perSource = (list: SourceAllocation[], no: string, value: (s: SourceAllocation) => Series = (s) => s.total) =>
    list.map((s, k) => createRow(`source.${s.source.id}`, `${no}.${k + 1}`, s.source.name, `${s.source.id} (${s.source.kind})`, value(s)));
  const n = equity.length;
  const capitalRows = [
    createRow('equityForInterest', `2.1.${n + 1}`, '用于建设期利息', 'Equity paying construction interest', f.constructionInterestPaid),
    createRow('equityForWorkingCapital', `2.1.${n + 2}`, '用于流动资金', 'Equity for working capital', p.workingCapital),
    ...capital.capitalGrants.map((s, k) =>
      createRow(`source.${s.source.id}`, `2.1.${n + 3 + k}`, `${s.source.name}（资本金注入）`, `${s.source.id} (${s.source.kind}, capital injection)`, s.total),
    ),
    ...capital.bondCapital.map((b, k) =>
      createRow(`capital.${b.sourceId}`, `2.1.${n + 3 + capital.capitalGrants.length + k}`, `${b.name}（用作资本金部分）`, `${b.sourceId}: part used as 项目资本金`, b.values),
    ),
  ];
  return {
    key: 'investmentPlan',
    zh: '总投资使用计划与资金筹措表',
    en: 'Investment plan and funding',
    rows: [
      createRow('totalInvestment', '1', '总投资', 'Total investment', uses),
      createRow('constructionInvestment', '1.1', '建设投资', 'Construction investment', p.capex.total),
      createRow('constructionInterest', '1.2', '建设期利息', 'Construction-period interest', f.constructionInterest),
      createRow('workingCapital', '1.3', '流动资金', 'Working capital', p.workingCapital),
      createRow('totalFunding', '2', '资金筹措', 'Funding', sumSeries(T, [capital.total, debtTotal, grantTotal, otherTotal])),
      createRow('equity', '2.1', '项目资本金', 'Project capital (investors\' equity, 资本金注入, bond part used as capital)', capital.total),
      ...perSource(equity, '2.1'),
      ...capitalRows,
      createRow('debt', '2.2', '债务资金', 'Debt (loans incl. capitalised interest; bonds not used as capital)', debtTotal),
      ...perSource(debt, '2.2', debtRow),
      createRow('grants', '2.3', '政府投资补助', 'Government investment subsidies (投资补助)', grantTotal),
      ...perSource(grants, '2.3'),
      createRow('otherContributions', '2.4', '其他出资', 'Utility, resident and other contributions', otherTotal),
      ...perSource(others, '2.4'),
      ...constructionCouponRows(f),
    ],
  };
}

const COUPON_PAYER_ZH = { issuer: '财政预算支付，不计入总投资', equity: '项目资本金支付，计入建设期利息', capitalised: '债券资金支付，计入建设期利息' } as const;

/**
 * Memo lines of the 资金筹措表 (methodology §10.5): each bond's coupons in construction years and who pays
 * them. `equity` coupons are inside 1.2 建设期利息 and 2.1 用于建设期利息, `capitalised` inside 1.2 and the
 * bond's 2.2 line; `issuer` coupons are outside total investment, shown here only.
 */
function constructionCouponRows(f: Financing): StatementRow[] {
  return f.bond.constructionCoupons
    .filter((c) => c.values.some((v) => !v.isZero()))
    .map((c, k) => createRow(`memo.${c.sourceId}.constructionCoupons`, `3.${k + 1}`, `备查：${c.name}建设期利息（${COUPON_PAYER_ZH[c.paidBy]}）`, `Memo: ${c.sourceId} coupons in construction years, paid by ${c.paidBy}`, c.values));
}
