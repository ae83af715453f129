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
  subsidyIncome: Series;
  interest: Series;
  /** 利润总额 = revenue − surcharges − (opex + D&A + interest) + subsidies. */
  profitBeforeTax: Series;
  ebit: Series;
  ebitda: Series;
  incomeTax: IncomeTaxSchedule;
  /** 调整所得税 on EBIT (project table only). */
  adjustedTax: IncomeTaxSchedule;
  netProfit: Series;
  statutoryReserve: Series;
  /** 现金流入 / 现金流出 of the 项目投资现金流量表. */
  inflows: Series;
  outflows: Series;
  /** 所得税前/后净现金流量 of the 项目投资现金流量表. */
  preTaxFlow: Series;
  afterTaxFlow: Series;
  problems: Problem[];
}

/**
 * Project a deal year by year (FINANCE.md §2–§3, §7). Pure: the same deal and options give the same
 * schedules. The capital structure is all-equity here: no interest and no subsidy income yet.
 */
export function projectDeal(deal: Deal, timeline: Timeline, options: RevenueOptions = {}, base?: Projection): Projection {
  const { T, N } = timeline;
  // With a base projection of the same deal (break-even search), only what revenue drives is redone:
  // capex, depreciation and the costs that do not follow revenue are the base's.
  const capex = base?.capex ?? scheduleCapex(deal, timeline);
  const revenue = projectRevenue(deal, timeline, options, base?.revenue);
  const opex = projectOpex(deal, timeline, revenue, capex, base?.opex);
  const inputVat = sumSeries(T, [capex.creditableVat, opex.inputVat, opex.sustainingInputVat]);
  const vat = computeVat(revenue.outputVat, inputVat, deal.tax);
  const depreciation = base?.depreciation ?? scheduleDepreciation(deal, timeline, capex, opex);

  const workingCapital = createZeroSeries(T);
  const workingCapitalRecovery = createZeroSeries(T);
  const wc = new D(deal.workingCapital.amount);
  if (!wc.isZero()) {
    workingCapital[timeline.indexOfOperatingYear(deal.workingCapital.operatingYear)] = wc;
    workingCapitalRecovery[timeline.indexOfOperatingYear(N)] = wc;
  }
  const subsidyIncome = createZeroSeries(T);
  const interest = createZeroSeries(T);

  // 利润总额 = 营业收入 − 税金及附加 − 总成本费用 + 补贴收入; 总成本费用 = 经营成本 + 折旧摊销 + 利息支出.
  const ebitda = subtractSeries(subtractSeries(sumSeries(T, [revenue.net, subsidyIncome]), vat.surcharges), opex.net);
  const ebit = subtractSeries(ebitda, depreciation.total);
  const profitBeforeTax = subtractSeries(ebit, interest);

  // Community-care income counts at the incentive share: taxable base = profit − (1 − share) × relieved revenue.
  const relief = new D(1).minus(deal.tax.communityCareIncomeShare);
  const taxRate = new D(deal.tax.incomeTaxRate);
  const carry = deal.tax.lossCarryForwardYears;
  const relieve = (base: Series) => base.map((v, i) => v.minus(revenue.relievedNet[i]!.times(relief)));
  const adjustedTax = computeIncomeTax(relieve(ebit), taxRate, deal.tax.adjustedTaxUsesLossCarryForward ? carry : 0);
  // Without interest, profit before tax is EBIT: when the adjusted tax also carries losses, the two
  // schedules are the same computation, done once.
  const sameBase = deal.tax.adjustedTaxUsesLossCarryForward && interest.every((v) => v.isZero());
  const incomeTax = sameBase ? adjustedTax : computeIncomeTax(relieve(profitBeforeTax), taxRate, carry);
  const netProfit = subtractSeries(profitBeforeTax, incomeTax.incomeTax);
  const statutoryReserve = computeStatutoryReserve(netProfit, new D(deal.tax.statutoryReserveRate));

  // 项目投资现金流量表: inflows − outflows, before and after 调整所得税 (FINANCE.md §3).
  const inflows = sumSeries(T, [revenue.net, revenue.outputVat, subsidyIncome, depreciation.residualRecovery, workingCapitalRecovery]);
  const outflows = sumSeries(T, [capex.total, workingCapital, opex.net, opex.inputVat, vat.payable, vat.surcharges, opex.sustainingGross]);
  const preTaxFlow = subtractSeries(inflows, outflows);
  const afterTaxFlow = subtractSeries(preTaxFlow, adjustedTax.incomeTax);

  return {
    timeline, capex, revenue, opex, vat, depreciation, workingCapital, workingCapitalRecovery, subsidyIncome, interest,
    profitBeforeTax, ebit, ebitda, incomeTax, adjustedTax, netProfit, statutoryReserve, inflows, outflows, preTaxFlow, afterTaxFlow,
    problems: revenue.problems,
  };
}

/** 法定盈余公积: rate × net profit after making good accumulated losses: rate × max(0, min(NP_t, Σ_{k≤t} NP_k)). */
function computeStatutoryReserve(netProfit: Series, rate: D): Series {
  let cumulative = ZERO;
  return netProfit.map((np) => {
    cumulative = cumulative.plus(np);
    const base = D.min(np, cumulative);
    return base.isPositive() && !base.isZero() ? base.times(rate) : ZERO;
  });
}
