import type { Deal } from '../deal/deal-schema.js';
import { D } from '../finance/decimal.js';
import { findBreakEvenParkingOccupancy } from './break-even.js';
import { computeLedgerFlow } from './construction-profit.js';
import { computeIrrOutcome, type IrrOutcome } from './irr-outcome.js';
import { computePayback, type PaybackOutcome } from './payback.js';
import { computeDscr, type DebtMetrics } from './debt-metrics.js';
import type { Financing } from './finance-deal.js';
import type { Projection } from './project-deal.js';
import { computeDiscountFactors, discountSeries, subtractSeries, totalOf, type Series } from './series.js';

/** Indicator values; null where the indicator does not exist for the deal (see `notes`). */
export interface Metrics {
  discountRate: D;
  projectIrrPreTax: D | null;
  projectIrrAfterTax: D | null;
  projectNpvPreTax: D;
  projectNpvAfterTax: D;
  /** The programme scope (every work, whoever pays; methodology §9), beside the entity's project figures. */
  programmeIrrPreTax: D | null;
  programmeIrrAfterTax: D | null;
  programmeNpvPreTax: D;
  programmeNpvAfterTax: D;
  paybackStaticYears: D | null;
  paybackDynamicYears: D | null;
  paybackStaticYearsPreTax: D | null;
  paybackDynamicYearsPreTax: D | null;
  constructionInvestment: D;
  totalInvestment: D;
  roi: D | null;
  roe: D | null;
  selfFinancingRatio: D | null;
  breakEvenParkingOccupancy: D | null;
  /** 建设期利息 included in total investment. */
  constructionInterest: D;
  equityIrr: D | null;
  minDscr: D | null;
  avgDscr: D | null;
  minIcr: D | null;
  llcr: D | null;
  bondCoverageGross: D | null;
  bondCoverageNet: D | null;
  /** 项目资本金 / total investment. */
  equityRatio: D | null;
  /** The highest 资产负债率 of the balance sheet over the years (methodology §11.8). */
  maxDebtToAssetRatio: D | null;
  /** Σ 施工利润 after the builder's income tax (methodology §9.8); null without the line. */
  constructionProfitAfterTax: D | null;
  /** IRR of the one ledger (一本账): equity net cash flow + construction profit after tax (methodology §9.8). */
  equityIrrWithConstructionProfit: D | null;
}

export interface MetricsOutcome {
  metrics: Metrics;
  /** Why a metric is null, or what the reader must know about it, keyed by metric name. */
  notes: Partial<Record<keyof Metrics, string>>;
  irr: { preTax: IrrOutcome; afterTax: IrrOutcome; programmePreTax: IrrOutcome; programmeAfterTax: IrrOutcome };
  payback: { static: PaybackOutcome; dynamic: PaybackOutcome; staticPreTax: PaybackOutcome; dynamicPreTax: PaybackOutcome };
  debt: DebtMetrics;
}

/** Scope labels of the project-table indicators (methodology §9). */
const ENTITY_SCOPE = 'project entity scope (项目法人口径)';
const PROGRAMME_SCOPE = 'programme scope (全口径): every work, whoever pays';

/** The indicators of methodology §4: the project's before financing, the equity's and the debt's after. */
export function computeMetrics(deal: Deal, p: Projection, f: Financing, debt: DebtMetrics, options: { breakEven: boolean; maxDebtToAssetRatio?: D | null; equityNetCashFlow?: Series } = { breakEven: true }): MetricsOutcome {
  const { T, N } = p.timeline;
  const discountRate = new D(deal.discountRate);
  const factors = computeDiscountFactors(discountRate, T);
  const notes: MetricsOutcome['notes'] = {};

  const preTax = computeIrrOutcome(p.preTaxFlow);
  const afterTax = computeIrrOutcome(p.afterTaxFlow);
  const programmePreTax = computeIrrOutcome(p.programme.preTaxFlow);
  const programmeAfterTax = computeIrrOutcome(p.programme.afterTaxFlow);
  // Scope labels (methodology §9): the project figures are the entity's, the programme's every work's.
  const scopeNote = (key: keyof Metrics) => (key.startsWith('programme') ? PROGRAMME_SCOPE : ENTITY_SCOPE);
  const irrValue = (key: 'projectIrrPreTax' | 'projectIrrAfterTax' | 'programmeIrrPreTax' | 'programmeIrrAfterTax', outcome: IrrOutcome) => {
    if (outcome.rate === null) notes[key] = outcome.reason;
    else if (outcome.rate.isNegative() && !outcome.otherRootsExist) notes[key] = `${scopeNote(key)}; negative: the flows do not repay the outlay even undiscounted`;
    else if (!outcome.otherRootsExist) notes[key] = scopeNote(key);
    else if (outcome.otherRootsExist) {
      const which = outcome.method === 'newton' ? 'the one Newton reaches from a 10% guess, as a spreadsheet would' : 'the lowest root above −100%';
      notes[key] = `the flows change sign more than once and have several IRRs; this is ${which}`;
    }
    return outcome.rate;
  };

  const discounted = (flows: Series) => flows.map((v, i) => v.times(factors[i]!));
  const payback = {
    static: computePayback(p.afterTaxFlow),
    dynamic: computePayback(discounted(p.afterTaxFlow)),
    staticPreTax: computePayback(p.preTaxFlow),
    dynamicPreTax: computePayback(discounted(p.preTaxFlow)),
  };
  const paybackValue = (key: keyof Metrics, outcome: PaybackOutcome) => {
    if (outcome.years === null) notes[key] = `never recovered: ${outcome.reason}`;
    else if (outcome.reversed) notes[key] = 'the cumulative flow turns negative again after this year';
    return outcome.years;
  };

  const { constructionInvestment, constructionInterest, totalInvestment } = computeTotalInvestment(p, f);
  const projectCapital = f.capital.amount;
  const normalYear = (row: Series) => {
    const n = deal.indicators.normalOperatingYear;
    if (n !== undefined) return row[p.timeline.indexOfOperatingYear(n)]!;
    return totalOf(row.slice(p.timeline.C)).div(N);
  };
  const basis = deal.indicators.normalOperatingYear === undefined ? 'operating-year average' : `operating year ${deal.indicators.normalOperatingYear}`;
  const ratio = (key: keyof Metrics, numerator: D, denominator: D, what: string) => {
    if (denominator.isZero()) {
      notes[key] = `no ${what.split(' / ')[1]}`;
      return null;
    }
    notes[key] = `${what} (${basis})`;
    return numerator.div(denominator);
  };
  const roi = ratio('roi', normalYear(f.ebit), totalInvestment, 'EBIT / total investment');
  const roe = ratio('roe', normalYear(f.netProfit), projectCapital, 'net profit / 项目资本金');

  // 自平衡率 = PV(net operating income) / PV(renovation investment); NOI = EBITDA − subsidy income and
  // the investment includes 维持运营投资, so a ratio ≥ 1 means the income repays every outlay at the rate.
  const pvInvestment = discountSeries(p.capex.total, factors).plus(discountSeries(p.opex.sustainingGross, factors));
  const pvIncome = discountSeries(subtractSeries(p.ebitda, p.subsidyIncome), factors);
  let selfFinancingRatio: D | null = null;
  if (pvInvestment.isZero()) notes.selfFinancingRatio = 'no construction investment';
  else selfFinancingRatio = pvIncome.div(pvInvestment);

  const breakEvenRate = deal.indicators.breakEvenRate === undefined ? discountRate : new D(deal.indicators.breakEvenRate);
  const breakEvenFactors = breakEvenRate.eq(discountRate) ? factors : computeDiscountFactors(breakEvenRate, T);
  // The search re-projects several times; callers that read other indicators only (the analysis tools) skip it.
  const breakEven = options.breakEven
    ? findBreakEvenParkingOccupancy(p, deal, p.timeline, breakEvenFactors)
    : { occupancy: null, reason: 'not computed: the evaluation was asked for other indicators only' };
  const atRate = `at ${breakEvenRate.times(100).toString()}%`;
  if (breakEven.occupancy === null) notes.breakEvenParkingOccupancy = `${breakEven.reason} ${atRate}`;
  else notes.breakEvenParkingOccupancy = `constant occupancy of every parking stream at which the after-tax FNPV ${atRate} is zero`;

  // 一本账 (methodology §9.8): the equity's flows and the builder's profit after its own tax, one IRR.
  const ledger = ledgerIndicators(p, options.equityNetCashFlow);
  Object.assign(notes, ledger.notes);

  const metrics: Metrics = {
    discountRate,
    projectIrrPreTax: irrValue('projectIrrPreTax', preTax),
    projectIrrAfterTax: irrValue('projectIrrAfterTax', afterTax),
    projectNpvPreTax: discountSeries(p.preTaxFlow, factors),
    projectNpvAfterTax: discountSeries(p.afterTaxFlow, factors),
    programmeIrrPreTax: irrValue('programmeIrrPreTax', programmePreTax),
    programmeIrrAfterTax: irrValue('programmeIrrAfterTax', programmeAfterTax),
    programmeNpvPreTax: discountSeries(p.programme.preTaxFlow, factors),
    programmeNpvAfterTax: discountSeries(p.programme.afterTaxFlow, factors),
    paybackStaticYears: paybackValue('paybackStaticYears', payback.static),
    paybackDynamicYears: paybackValue('paybackDynamicYears', payback.dynamic),
    paybackStaticYearsPreTax: paybackValue('paybackStaticYearsPreTax', payback.staticPreTax),
    paybackDynamicYearsPreTax: paybackValue('paybackDynamicYearsPreTax', payback.dynamicPreTax),
    constructionInvestment,
    totalInvestment,
    roi,
    roe,
    selfFinancingRatio,
    breakEvenParkingOccupancy: breakEven.occupancy,
    constructionInterest,
    equityIrr: debt.equityIrr.rate,
    minDscr: debt.minDscr,
    avgDscr: debt.avgDscr,
    minIcr: debt.minIcr,
    llcr: debt.llcr0,
    bondCoverageGross: debt.coverage.bondGross,
    bondCoverageNet: debt.coverage.bondNet,
    equityRatio: debt.equityRatio,
    maxDebtToAssetRatio: options.maxDebtToAssetRatio ?? null,
    constructionProfitAfterTax: ledger.profitAfterTax,
    equityIrrWithConstructionProfit: ledger.irr,
  };
  Object.assign(notes, debt.notes);
  if (debt.equityIrr.rate !== null && debt.equityIrr.otherRootsExist) notes.equityIrr = 'the equity flows change sign more than once and have several IRRs';
  for (const key of ['projectNpvPreTax', 'projectNpvAfterTax', 'programmeNpvPreTax', 'programmeNpvAfterTax'] as const) notes[key] = scopeNote(key);
  return { metrics, notes, irr: { preTax, afterTax, programmePreTax, programmeAfterTax }, payback, debt };
}

/** 总投资 = 建设投资 + 建设期利息 + 流动资金 (methodology §4). */
function computeTotalInvestment(p: Projection, f: Financing): { constructionInvestment: D; constructionInterest: D; totalInvestment: D } {
  const constructionInvestment = totalOf(p.capex.total);
  const constructionInterest = totalOf(f.constructionInterest);
  return { constructionInvestment, constructionInterest, totalInvestment: constructionInvestment.plus(constructionInterest).plus(totalOf(p.workingCapital)) };
}

/** The indicators a portfolio's members table reads (methodology §10.10). */
export type MemberMetrics = Pick<Metrics, 'totalInvestment' | 'projectIrrAfterTax' | 'projectNpvAfterTax' | 'equityIrr' | 'minDscr'>;

/**
 * Only the indicators a portfolio member shows, computed by the same functions as computeMetrics and
 * computeDebtMetrics (so each is the full evaluation's figure exactly): total investment, the
 * after-tax project IRR and NPV at the deal's discount rate, the equity IRR and the pooled minimum
 * DSCR. None of the other IRRs, paybacks, ratios or notes is computed.
 */
export function computeMemberMetrics(deal: Deal, p: Projection, f: Financing, equityNetCashFlow: Series): MemberMetrics {
  return {
    totalInvestment: computeTotalInvestment(p, f).totalInvestment,
    projectIrrAfterTax: computeIrrOutcome(p.afterTaxFlow).rate,
    projectNpvAfterTax: computeProjectNpvAfterTax(deal, p),
    equityIrr: computeIrrOutcome(equityNetCashFlow).rate,
    minDscr: computeDscr(f, p.timeline.C).minDscr,
  };
}

/** The after-tax project NPV at the deal's discount rate, to the project's year 1, as computeMetrics computes it (methodology §4). */
export function computeProjectNpvAfterTax(deal: Deal, p: Projection): D {
  return discountSeries(p.afterTaxFlow, computeDiscountFactors(new D(deal.discountRate), p.timeline.T));
}

const NO_CONSTRUCTION_PROFIT = 'no construction profit line (constructionProfit): the investor is not counted as the builder';

/** The construction-profit indicators (methodology §9.8), with what a reader must know about them. */
function ledgerIndicators(p: Projection, equityNetCashFlow: Series | undefined): { profitAfterTax: D | null; irr: D | null; notes: MetricsOutcome['notes'] } {
  const profit = p.constructionProfit;
  if (profit === null) return { profitAfterTax: null, irr: null, notes: { constructionProfitAfterTax: NO_CONSTRUCTION_PROFIT, equityIrrWithConstructionProfit: NO_CONSTRUCTION_PROFIT } };
  const notes: MetricsOutcome['notes'] = {
    constructionProfitAfterTax: `the builder's profit, ${profit.margin.times(100).toString()}% of the contract value excluding VAT, after its income tax at ${profit.incomeTaxRate.times(100).toString()}%; outside both scopes of the project table`,
  };
  if (equityNetCashFlow === undefined) {
    notes.equityIrrWithConstructionProfit = 'not computed: the evaluation has no equity cash flow';
    return { profitAfterTax: totalOf(profit.afterTax), irr: null, notes };
  }
  const outcome = computeIrrOutcome(computeLedgerFlow(equityNetCashFlow, profit));
  if (outcome.rate === null) notes.equityIrrWithConstructionProfit = outcome.reason;
  else notes.equityIrrWithConstructionProfit = outcome.otherRootsExist
    ? 'one ledger (一本账): equity flows + construction profit after tax; the flows change sign more than once and have several IRRs'
    : 'one ledger (一本账): equity flows + construction profit after tax';
  return { profitAfterTax: totalOf(profit.afterTax), irr: outcome.rate, notes };
}
