import type { Deal } from '../deal/deal-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { Financing } from './finance-deal.js';
import { isBelowFloor } from './covenant-rule.js';
import { flagFacilityCovenants } from './facility-covenants.js';
import { computeFacilityCover, type FacilityCover } from './facility-cover.js';
import { computeEquityInjection } from './financing-statements.js';
import { computeIrrOutcome, type IrrOutcome } from './irr-outcome.js';
import type { Projection } from './project-deal.js';
import { subtractSeries, sumSeries, totalOf, type Series } from './series.js';
import type { Warning } from './warnings.js';


export interface InvestorReturn {
  sourceId: string;
  investor: string;
  contributed: D;
  profitShare: D;
  irr: IrrOutcome;
}

export interface DebtMetrics {
  equityIrr: IrrOutcome;
  investors: InvestorReturn[];
  /** By year; null where no debt service (DSCR), no interest (ICR) or no debt outstanding (LLCR) is due. */
  dscr: (D | null)[];
  icr: (D | null)[];
  llcr: (D | null)[];
  minDscr: D | null;
  avgDscr: D | null;
  minIcr: D | null;
  /** LLCR at the start of operation. */
  llcr0: D | null;
  /** Each loan's and bond's own DSCR, LLCR and PLCR in the order of service (methodology §11.9); the ratios above are project level, over all debt. */
  facilities: FacilityCover[];
  coverage: {
    bondGross: D | null;
    bondNet: D | null;
    allDebtGross: D | null;
    allDebtNet: D | null;
  };
  /** 项目资本金 (investors' equity, 资本金注入 grants, the bond part used as capital) / total investment (methodology §9). */
  equityRatio: D | null;
  /** Calendar years whose cumulative surplus is negative (财务生存能力). */
  survivalFailures: number[];
  notes: Record<string, string>;
  flags: Warning[];
}

/**
 * Debt and equity indicators of methodology §4: DSCR = CFADS / debt service, ICR = EBIT / interest
 * due (operating years with debt service); LLCR_t = Σ_{k≥t} CFADS_k / (1+r)^(k−t+1) / debt outstanding
 * at the start of t, r the balance-weighted debt rate; special-bond coverage over the bond's life,
 * gross (debt-service revenue) and net (less operating cost and surcharges), for the bonds alone and
 * for all debt; equity IRR and each investor's; the minimum-equity and financial-survival checks.
 */
export function computeDebtMetrics(deal: Deal, p: Projection, f: Financing, equityFlows: Series, survivalFailures: number[]): DebtMetrics {
  const { T, C } = p.timeline;
  const notes: Record<string, string> = {};
  const flags: Warning[] = [];
  const calendar = (t: number) => p.timeline.years[t]!.calendarYear;
  const covenants = deal.covenants;

  // ICR = EBIT / the interest charged to the P&L (利息支出: loan interest in operation and the bond
  // interest the project pays), not every bond coupon owed (methodology §4, §9).
  const { dscr, dscrs, minDscr } = computeDscr(f, C);
  const icr = f.interestExpense.map((i, t) => (t >= C && i.isPositive() && !i.isZero() ? f.ebit[t]!.div(i) : null));
  const llcr = computeLlcr(f, C);
  const icrs = icr.filter((v): v is D => v !== null);
  const avgDscr = dscrs.length > 0 ? dscrs.reduce((s, v) => s.plus(v), ZERO).div(dscrs.length) : null;
  const minIcr = icrs.length > 0 ? D.min(...icrs) : null;
  if (f.debts.length === 0) {
    for (const key of ['minDscr', 'avgDscr', 'minIcr', 'llcr']) notes[key] = 'no debt: the deal has no loan or bond';
  } else {
    if (minDscr === null) notes.minDscr = notes.avgDscr = 'no debt service falls in an operating year';
    else notes.minDscr = 'project level, all facilities pooled: CFADS / (principal + interest) over operating years with debt service; bonds at their full service (each facility\'s own in debt.facilities)';
    if (minIcr === null) notes.minIcr = 'no interest is charged to the P&L in an operating year';
    else notes.minIcr = 'EBIT / interest charged to the P&L (利息支出) over operating years with interest';
    if (llcr[C] === null) notes.llcr = 'no debt is outstanding at the start of operation';
    else notes.llcr = 'project level, all facilities pooled: at the start of operation, PV of CFADS to the last maturity at the balance-weighted debt rate / debt outstanding (each facility\'s own in debt.facilities)';
  }
  // A year breaches a threshold when its ratio is below it by more than the covenant tolerance (covenant-rule.ts).
  const years = (row: (D | null)[], threshold: string) => row.flatMap((v, t) => (v !== null && isBelowFloor(v, threshold) ? [calendar(t)] : []));
  const flagBelow = (row: (D | null)[], threshold: string, code: string, what: string, path: string) => {
    const breached = years(row, threshold);
    if (breached.length > 0) flags.push({ code, path, message: `${what} below ${threshold} in ${breached.length} year(s)`, years: breached });
  };
  flagBelow(dscr, covenants.hardMinDscr, 'DSCR_BELOW_HARD_MINIMUM', 'DSCR (hard fail)', 'metrics.minDscr');
  flagBelow(dscr, covenants.minDscr, 'DSCR_BELOW_MINIMUM', 'DSCR', 'metrics.minDscr');
  flagBelow(icr, covenants.minIcr, 'ICR_BELOW_MINIMUM', 'ICR', 'metrics.minIcr');

  const coverage = computeCoverage(p, f, notes);
  const check = (value: D | null, threshold: string, code: string, what: string, path: string) => {
    if (value !== null && isBelowFloor(value, threshold)) flags.push({ code, path, message: `${what} ${value.toFixed(4)} is below ${threshold}` });
  };
  check(coverage.bondNet, covenants.bondCoverage, 'BOND_COVERAGE_BELOW_MINIMUM', 'special-bond coverage (net, bonds alone)', 'metrics.bondCoverageNet');
  check(coverage.allDebtNet, covenants.allDebtCoverage, 'DEBT_COVERAGE_BELOW_MINIMUM', 'coverage of all debt over the bonds\' life (net)', 'contributions');

  // 项目资本金 (methodology §9): investors' equity, 资本金注入 grants and the bond part used as capital.
  const totalInvestment = totalOf(sumSeries(T, [p.capex.total, f.constructionInterest, p.workingCapital]));
  const equityRatio = totalInvestment.isZero() ? null : f.capital.amount.div(totalInvestment);
  notes.equityRatio = '项目资本金 (investor equity, 资本金注入 grants, bond part used as capital) / 总投资; 投资补助, utility and residents\' money are not capital';
  check(equityRatio, covenants.minEquityRatio, 'EQUITY_BELOW_MINIMUM', '项目资本金 ratio', 'covenants.minEquityRatio');

  // Tested after distributions and before 临时借款 (methodology §11): a year whose cash would go below zero fails.
  if (survivalFailures.length > 0) {
    flags.push({ code: 'SURVIVAL_FAILS', path: 'statements.financialPlan.cumulativeSurplus', message: `the cumulative surplus would be negative without short-term borrowing in ${survivalFailures.length} year(s): the plan fails 财务生存能力`, years: survivalFailures });
  }

  // Each loan's and bond's own covenants on its own cover (methodology §11.9).
  const facilities = computeFacilityCover(deal, p, f);
  flags.push(...flagFacilityCovenants(deal, facilities));

  const equityIrr = computeIrrOutcome(equityFlows);
  if (equityIrr.rate === null) notes.equityIrr = equityIrr.reason;
  return {
    equityIrr, investors: computeInvestorReturns(p, f, equityFlows),
    dscr, icr, llcr, minDscr, avgDscr, minIcr, llcr0: llcr[C] ?? null, facilities, coverage, equityRatio, survivalFailures, notes, flags,
  };
}

/** DSCR_t = CFADS_t / debt service_t over operating years with debt service (null in other years), and the lowest. */
export function computeDscr(f: Financing, C: number): { dscr: (D | null)[]; dscrs: D[]; minDscr: D | null } {
  const dscr = f.debtService.map((ds, t) => (t >= C && ds.isPositive() && !ds.isZero() ? f.cfads[t]!.div(ds) : null));
  const dscrs = dscr.filter((v): v is D => v !== null);
  return { dscr, dscrs, minDscr: dscrs.length > 0 ? D.min(...dscrs) : null };
}

/** LLCR_t by backward recursion: PV_t = (CFADS_t + PV_{t+1}) / (1 + r_t), over years up to the last maturity. */
function computeLlcr(f: Financing, C: number): (D | null)[] {
  const T = f.cfads.length;
  const outstanding = (t: number) => f.debts.reduce((s, d) => s.plus(d.opening[t]!), ZERO);
  let lastYear = -1;
  f.debts.forEach((d) => d.debtService.forEach((v, t) => { if (!v.isZero() && t > lastYear) lastYear = t; }));
  const out: (D | null)[] = new Array<D | null>(T).fill(null);
  let pv = ZERO;
  for (let t = lastYear; t >= C; t--) {
    const balance = outstanding(t);
    const rate = balance.isZero() ? ZERO : f.debts.reduce((s, d) => s.plus(d.opening[t]!.times(d.rate)), ZERO).div(balance);
    pv = pv.plus(f.cfads[t]!).div(rate.plus(1));
    out[t] = balance.isZero() ? null : pv.div(balance);
  }
  return out;
}

/** Coverage multiples (本息覆盖倍数) over the bonds' life: income / debt service, gross and net of operating cost. */
function computeCoverage(p: Projection, f: Financing, notes: Record<string, string>): DebtMetrics['coverage'] {
  const { T } = p.timeline;
  const gross = sumSeries(T, p.revenue.lines.filter((l) => l.stream.countsForDebtService).map((l) => l.net));
  const net = subtractSeries(gross, sumSeries(T, [p.opex.net, p.vat.surcharges]));
  const window = (rows: Series[]) => {
    let first = -1;
    let last = -1;
    for (const row of rows) row.forEach((v, t) => { if (!v.isZero()) { if (first < 0 || t < first) first = t; if (t > last) last = t; } });
    return { first, last };
  };
  const sumWithin = (row: Series, w: { first: number; last: number }) => totalOf(row.slice(w.first, w.last + 1));
  const bonds = f.debts.filter((d) => d.source.kind === 'special-bond');
  if (bonds.length === 0) {
    notes.bondCoverageGross = notes.bondCoverageNet = 'no special bond';
    return { bondGross: null, bondNet: null, allDebtGross: null, allDebtNet: null };
  }
  const life = window(bonds.flatMap((d) => [d.draw, d.debtService]));
  // A bond that draws nothing (its capex is 0 元, or others fund it all) has no life to cover: no ratio.
  if (life.first < 0) {
    notes.bondCoverageGross = notes.bondCoverageNet = 'the special bonds draw nothing: no debt service to cover';
    return { bondGross: null, bondNet: null, allDebtGross: null, allDebtNet: null };
  }
  const bondService = sumWithin(f.bond.service, life);
  const allService = sumWithin(f.debtService, life);
  notes.bondCoverageGross = `Σ debt-service revenue (net of VAT) / Σ bond principal and interest, ${p.timeline.years[life.first]!.calendarYear}–${p.timeline.years[life.last]!.calendarYear}`;
  notes.bondCoverageNet = 'as gross, less operating cost and surcharges';
  const ratio = (income: Series, service: D) => (service.isZero() ? null : sumWithin(income, life).div(service));
  return { bondGross: ratio(gross, bondService), bondNet: ratio(net, bondService), allDebtGross: ratio(gross, allService), allDebtNet: ratio(net, allService) };
}

/**
 * Each investor's flows: −(its equity for capex + its share of equity paid for construction interest
 * and working capital) + its profit share × what equity receives before contributions. Profit shares
 * are as given, else in proportion to equity contributed. The flows add up to the equity flows.
 */
function computeInvestorReturns(p: Projection, f: Financing, equityFlows: Series): InvestorReturn[] {
  const { T } = p.timeline;
  const sources = f.funding.sources.filter((s) => s.source.kind === 'investor-equity');
  if (sources.length === 0) return [];
  const injection = computeEquityInjection(p, f);
  const capexEquity = sumSeries(T, sources.map((s) => s.total));
  const otherEquity = subtractSeries(injection, capexEquity);
  const capexTotal = totalOf(capexEquity);
  const receipts = sumSeries(T, [equityFlows, injection]);
  const contributions = sources.map((s) => {
    const weight = capexTotal.isZero() ? new D(1).div(sources.length) : totalOf(s.total).div(capexTotal);
    return s.total.map((v, t) => v.plus(otherEquity[t]!.times(weight)));
  });
  const contributedTotal = totalOf(injection);
  return sources.map((s, k) => {
    const given = s.source.kind === 'investor-equity' ? s.source.profitShare : undefined;
    const contributed = totalOf(contributions[k]!);
    const profitShare = given !== undefined ? new D(given) : contributedTotal.isZero() ? new D(1).div(sources.length) : contributed.div(contributedTotal);
    const flows = receipts.map((r, t) => r.times(profitShare).minus(contributions[k]![t]!));
    return { sourceId: s.source.id, investor: s.source.kind === 'investor-equity' ? s.source.investor : s.source.name, contributed, profitShare, irr: computeIrrOutcome(flows) };
  });
}
