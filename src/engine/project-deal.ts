import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { D, ZERO } from '../finance/decimal.js';
import { scheduleCapex, type CapexSchedule } from './capex.js';
import { scheduleDepreciation, type DepreciationSchedule } from './depreciation.js';
import { computeIncomeTax, type IncomeTaxSchedule } from './income-tax.js';
import { projectOpex, type OpexProjection } from './opex.js';
import { projectRevenue, type RevenueOptions, type RevenueProjection } from './revenue.js';
import { createZeroSeries, subtractSeries, sumSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';
import { computeVat, type VatSchedule } from './vat.js';
import { scheduleOperatingSupport, type OperatingSupportSchedule } from './operating-support.js';
import { splitProjectScope, type ProjectScope } from './project-scope.js';
import { computeGrantTax, type GrantTax } from './grant-tax.js';
import { computeConstructionProfit, type ConstructionProfit } from './construction-profit.js';

/** Every yearly schedule of the all-equity projection, at full precision. */
export interface Projection {
  timeline: Timeline;
  capex: CapexSchedule;
  revenue: RevenueProjection;
  opex: OpexProjection;
  vat: VatSchedule;
  depreciation: DepreciationSchedule;
  /** 流动资金 invested and recovered. */
  workingCapital: Series;
  workingCapitalRecovery: Series;
  support: OperatingSupportSchedule;
  /** 补贴收入: operating support paid to the project. */
  subsidyIncome: Series;
  /** The income-tax base before interest: EBIT less the relieved part of community-care income and non-taxable subsidies. */
  taxableEbit: Series;
  /** Before financing: no interest; the financing layer recomputes the profit rows with interest. */
  profitBeforeTax: Series;
  ebit: Series;
  ebitda: Series;
  incomeTax: IncomeTaxSchedule;
  /** 调整所得税 on EBIT before financing (project table only). */
  adjustedTax: IncomeTaxSchedule;
  netProfit: Series;
  statutoryReserve: Series;
  /** Which works are the project entity's and which others pay for and own (methodology §9). */
  scope: ProjectScope;
  /** Income-tax adjustments of investment subsidies in the entity's assets (财税〔2011〕70号, methodology §9.7). */
  grantTax: GrantTax;
  /** 施工利润 of an investor that also builds (methodology §9.8); null without the line. Outside both scopes. */
  constructionProfit: ConstructionProfit | null;
  /** 现金流入 / 现金流出 of the 项目投资现金流量表, project entity scope (others' money in its works is an inflow). */
  inflows: Series;
  outflows: Series;
  /** 所得税前/后净现金流量 of the 项目投资现金流量表, project entity scope. */
  preTaxFlow: Series;
  afterTaxFlow: Series;
  /** The programme scope (every work, whoever pays): entity flow − others' works − others' money in the entity's works. */
  programme: { preTaxFlow: Series; afterTaxFlow: Series };
  problems: Problem[];
}

/**
 * Project a deal year by year (methodology §2–§3, §7). Pure: the same deal and options give the same
 * schedules. This is the project before financing: the profit rows carry no interest; the financing
 * layer (finance-deal.ts) recomputes them with the deal's debt.
 */
export function projectDeal(deal: Deal, timeline: Timeline): Projection {
  const flows = projectCashFlows(deal, timeline);
  const { profitBeforeTax, incomeTax, netProfit, statutoryReserve } = computeProfitAfterTax(deal, flows, createZeroSeries(timeline.T), flows.adjustedTax);
  return { ...flows, profitBeforeTax, incomeTax, netProfit, statutoryReserve };
}

/** The projection up to the 项目投资现金流量表, without the profit-distribution rows (methodology §3). */
export type CashFlowProjection = Omit<Projection, 'profitBeforeTax' | 'incomeTax' | 'netProfit' | 'statutoryReserve'>;

/** Everything the 项目投资现金流量表 needs; `options` may set a constant parking occupancy (a direct projection at it). */
export function projectCashFlows(deal: Deal, timeline: Timeline, options: RevenueOptions = {}): CashFlowProjection {
  const { T, N } = timeline;
  const capex = scheduleCapex(deal, timeline);
  const revenue = projectRevenue(deal, timeline, options);
  const opex = projectOpex(deal, timeline, revenue, capex);
  const depreciation = scheduleDepreciation(deal, timeline, capex, opex);

  const workingCapital = createZeroSeries(T);
  const workingCapitalRecovery = createZeroSeries(T);
  const wc = new D(deal.workingCapital.amount);
  if (!wc.isZero()) {
    workingCapital[timeline.indexOfOperatingYear(deal.workingCapital.operatingYear)] = wc;
    workingCapitalRecovery[timeline.indexOfOperatingYear(N)] = wc;
  }
  const support = scheduleOperatingSupport(deal, timeline);
  const scope = splitProjectScope(deal, capex);
  const grantTax = computeGrantTax(capex, depreciation, scope);
  const fixed = sumFixedCashFlows({ capex, opex, depreciation, workingCapital, workingCapitalRecovery, support, scope, grantTax });
  const flows = completeCashFlows(deal, fixed, rowsOf(revenue, opex));
  // Programme = entity − what others pay (methodology §9): their works and their money in the entity's works.
  const othersPay = sumSeries(T, [scope.othersWorks, scope.othersInEntityWorks]);
  const programme = { preTaxFlow: subtractSeries(flows.preTaxFlow, othersPay), afterTaxFlow: subtractSeries(flows.afterTaxFlow, othersPay) };
  return {
    timeline, capex, revenue, opex, depreciation, workingCapital, workingCapitalRecovery, support, subsidyIncome: support.total, scope, grantTax,
    constructionProfit: computeConstructionProfit(deal, capex, scope),
    ...flows,
    programme,
    problems: revenue.problems,
  };
}

/** What revenue drives: these rows are linear in the parking occupancy (every revenue-linked cost is a share of revenue). */
export interface RevenueDrivenRows {
  revenueNet: Series;
  outputVat: Series;
  relievedNet: Series;
  opexNet: Series;
  opexInputVat: Series;
}

/** The revenue-driven rows at a constant parking occupancy, everything else taken from the base (the break-even search). */
export function projectRevenueDrivenRows(deal: Deal, base: CashFlowProjection, parkingOccupancy: D): RevenueDrivenRows {
  const revenue = projectRevenue(deal, base.timeline, { parkingOccupancy }, base.revenue);
  return rowsOf(revenue, projectOpex(deal, base.timeline, revenue, base.capex, base.opex));
}

function rowsOf(revenue: RevenueProjection, opex: OpexProjection): RevenueDrivenRows {
  return { revenueNet: revenue.net, outputVat: revenue.outputVat, relievedNet: revenue.relievedNet, opexNet: opex.net, opexInputVat: opex.inputVat };
}

/** The parts of the cash-flow table revenue does not drive, summed once (the break-even search reuses them). */
export interface FixedCashFlows {
  /** Creditable VAT of the works and of sustaining capex. */
  inputVat: Series;
  subsidyIncome: Series;
  nonTaxableSupport: Series;
  depreciation: Series;
  /** Added to the income-tax base (methodology §9.7): non-deductible depreciation and taxable grants. */
  taxAdjustment: Series;
  /** Subsidies, others' money in the entity's works, residual value and working capital recovered. */
  inflows: Series;
  /** 建设投资 of the entity's works, 流动资金 and 维持运营投资. */
  outflows: Series;
}

export function sumFixedCashFlows(
  f: Pick<CashFlowProjection, 'capex' | 'opex' | 'depreciation' | 'workingCapital' | 'workingCapitalRecovery' | 'support' | 'scope' | 'grantTax'>,
): FixedCashFlows {
  const T = f.capex.total.length;
  return {
    inputVat: sumSeries(T, [f.capex.creditableVat, f.opex.sustainingInputVat]),
    subsidyIncome: f.support.total,
    nonTaxableSupport: f.support.nonTaxable,
    depreciation: f.depreciation.total,
    taxAdjustment: sumSeries(T, [f.grantTax.nonDeductibleDepreciation, f.grantTax.taxableGrantIncome]),
    inflows: sumSeries(T, [f.support.total, f.scope.othersInEntityWorks, f.depreciation.residualRecovery, f.workingCapitalRecovery]),
    outflows: sumSeries(T, [f.scope.entityWorks, f.workingCapital, f.opex.sustainingGross]),
  };
}

/**
 * From the rows revenue drives to the after-tax flow (methodology §3, §7): VAT with credits carried,
 * EBITDA, the taxable base, 调整所得税, and the 项目投资现金流量表's inflows, outflows and net flows.
 */
export function completeCashFlows(deal: Deal, fixed: FixedCashFlows, r: RevenueDrivenRows) {
  const T = r.revenueNet.length;
  const vat = computeVat(r.outputVat, sumSeries(T, [fixed.inputVat, r.opexInputVat]), deal.tax);

  // 利润总额 = 营业收入 − 税金及附加 − 总成本费用 + 补贴收入; 总成本费用 = 经营成本 + 折旧摊销 + 利息支出.
  const ebitda = subtractSeries(subtractSeries(sumSeries(T, [r.revenueNet, fixed.subsidyIncome]), vat.surcharges), r.opexNet);
  const ebit = subtractSeries(ebitda, fixed.depreciation);
  const taxableEbit = subtractSeries(computeTaxableBeforeSurcharges(deal, fixed, r), vat.surcharges);
  const adjustedTax = computeIncomeTax(taxableEbit, new D(deal.tax.incomeTaxRate), deal.tax.adjustedTaxUsesLossCarryForward ? deal.tax.lossCarryForwardYears : 0);

  // 项目投资现金流量表: inflows − outflows, before and after 调整所得税 (methodology §3).
  const inflows = sumSeries(T, [r.revenueNet, r.outputVat, fixed.inflows]);
  const outflows = sumSeries(T, [fixed.outflows, r.opexNet, r.opexInputVat, vat.payable, vat.surcharges]);
  const preTaxFlow = subtractSeries(inflows, outflows);
  const afterTaxFlow = subtractSeries(preTaxFlow, adjustedTax.incomeTax);
  return { vat, taxableEbit, ebit, ebitda, adjustedTax, inflows, outflows, preTaxFlow, afterTaxFlow };
}

/**
 * The taxable base of 调整所得税 before VAT surcharges: EBIT + surcharges, where community-care income
 * counts at the incentive share and non-taxable subsidies not at all (methodology §7):
 * revenue + subsidies − operating cost − depreciation − (1 − share) × relieved revenue − non-taxable
 * subsidies + the grants' tax adjustments (methodology §9.7). Linear in the rows revenue drives (the
 * break-even search interpolates it).
 */
export function computeTaxableBeforeSurcharges(deal: Deal, fixed: FixedCashFlows, r: RevenueDrivenRows): Series {
  const T = r.revenueNet.length;
  const relief = new D(1).minus(deal.tax.communityCareIncomeShare);
  const profit = subtractSeries(subtractSeries(sumSeries(T, [r.revenueNet, fixed.subsidyIncome]), r.opexNet), fixed.depreciation);
  return profit.map((v, i) => {
    const relieved = r.relievedNet[i]!;
    const exempt = relieved.isZero() ? v : v.minus(relieved.times(relief));
    const supported = fixed.nonTaxableSupport[i]!.isZero() ? exempt : exempt.minus(fixed.nonTaxableSupport[i]!);
    return fixed.taxAdjustment[i]!.isZero() ? supported : supported.plus(fixed.taxAdjustment[i]!);
  });
}

export interface ProfitAfterTax {
  profitBeforeTax: Series;
  incomeTax: IncomeTaxSchedule;
  netProfit: Series;
  statutoryReserve: Series;
}

/**
 * 利润总额 = EBIT − financing charges (interest, depreciation of capitalised interest); income tax on it
 * with losses carried forward (methodology §7); 净利润 and 法定盈余公积. `sameAsAdjusted` is the
 * adjusted-tax schedule, reused when there are no charges and it carries losses the same way.
 */
export function computeProfitAfterTax(
  deal: Deal,
  p: { ebit: Series; taxableEbit: Series },
  charges: Series,
  sameAsAdjusted?: IncomeTaxSchedule,
  registeredCapital?: D,
): ProfitAfterTax {
  const profitBeforeTax = subtractSeries(p.ebit, charges);
  const reuse = sameAsAdjusted !== undefined && deal.tax.adjustedTaxUsesLossCarryForward && charges.every((v) => v.isZero());
  const incomeTax = reuse ? sameAsAdjusted : computeIncomeTax(subtractSeries(p.taxableEbit, charges), new D(deal.tax.incomeTaxRate), deal.tax.lossCarryForwardYears);
  const netProfit = subtractSeries(profitBeforeTax, incomeTax.incomeTax);
  const capital = registeredCapital ?? (deal.tax.registeredCapital === undefined ? undefined : new D(deal.tax.registeredCapital));
  const statutoryReserve = computeStatutoryReserve(netProfit, new D(deal.tax.statutoryReserveRate), capital?.times(RESERVE_STOP_SHARE));
  return { profitBeforeTax, incomeTax, netProfit, statutoryReserve };
}

/** The statutory reserve stops at half the registered capital (公司法 2023 第210条, methodology §9). */
const RESERVE_STOP_SHARE = new D('0.5');

/**
 * 法定盈余公积 (methodology §9): rate × net profit after making good accumulated losses,
 * rate × max(0, min(NP_t, Σ_{k≤t} NP_k)), until the reserve reaches `stop` (50% of registered
 * capital): reserve_t = min(that, stop − Σ_{k<t} reserve_k). No stop is known before financing
 * unless the deal gives its registered capital.
 */
export function computeStatutoryReserve(netProfit: Series, rate: D, stop?: D): Series {
  let cumulative = ZERO;
  let reserved = ZERO;
  return netProfit.map((np) => {
    cumulative = cumulative.plus(np);
    const base = D.min(np, cumulative);
    if (!base.isPositive() || base.isZero()) return ZERO;
    const due = base.times(rate);
    if (stop === undefined) return due;
    const room = D.max(ZERO, stop.minus(reserved));
    const take = D.min(due, room);
    reserved = reserved.plus(take);
    return take;
  });
}
