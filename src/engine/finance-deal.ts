import type { Deal } from '../deal/deal-schema.js';
import { isDebtSource, type BankLoan } from '../deal/funding-schema.js';
import type { Problem } from '../deal/problem.js';
import { D, ZERO, roundToFen } from '../finance/decimal.js';
import { scheduleSpecialBond } from './bonds/bond-batches.js';
import { listConstructionCoupons, type BondConstructionCoupons } from './bonds/construction-coupons.js';
import { rateOfLoan, repaymentWindowOf, scheduleLoan, type DebtSchedule, type LoanPrepayments } from './debt-schedule.js';
import { orderFacilities, serveFacilitiesInOrder } from './facility-order.js';
import { fundCapex, type CapexFunding } from './fund-capex.js';
import { computeProfitAfterTax, type ProfitAfterTax, type Projection } from './project-deal.js';
import { computeProjectCapital, type ProjectCapital } from './project-capital.js';
import { createZeroSeries, subtractSeries, sumSeries, totalOf, type Series } from './series.js';
import { computeSustainingVatCredited } from './sustaining-vat-credit.js';

/** How many times the financing is re-solved at most: tax, bond cover and a sculpted loan depend on each other. */
const MAX_ITERATIONS = 60;
/** Converged when no CFADS changes by more than this (元) between two passes. */
const CFADS_TOLERANCE = new D('0.0001');
/** A sculpted loan's cap is moved only by more than this (元): rounding of capitalised interest must not make it creep. */
const CAP_TOLERANCE = new D('0.05');

export interface Financing extends ProfitAfterTax {
  funding: CapexFunding;
  /** 项目资本金 by component (methodology §9). */
  capital: ProjectCapital;
  /** One schedule per loan and bond, in the deal's order. */
  debts: DebtSchedule[];
  /**
   * 建设期利息: loan interest accrued in construction, capitalised or paid (methodology §6), and the
   * bonds' construction coupons that the project pays from 项目资本金 or from the bond (§10.5).
   */
  constructionInterest: Series;
  /** The part of it paid in cash from 项目资本金 (loans' paid construction interest, bonds' coupons by `equity`). */
  constructionInterestPaid: Series;
  /** Capitalised construction interest written off straight-line over the operating years. */
  constructionInterestDepreciation: Series;
  /** 利息支出 of the profit table: loan interest in operation, the bond interest the project pays and 临时借款 interest. */
  interestExpense: Series;
  /** 临时借款 interest charged to the P&L (methodology §11); zero until the waterfall settles it (settle-waterfall.ts). */
  shortTermInterest: Series;
  ebit: Series;
  /** CFADS = EBITDA − income tax − (维持运营投资 − the VAT credited on it), less revenue that may not service debt (methodology §4.5). */
  cfads: Series;
  /** The input VAT on 维持运营投资 set against output VAT each year (sustaining-vat-credit.ts): added back in CFADS. */
  sustainingVatCredited: Series;
  /** Loan debt service plus every bond's full debt service. */
  debtService: Series;
  bond: {
    /** Every bond's interest + principal, as owed to bondholders. */
    service: Series;
    /** Paid from project income: min(service, CFADS), bonds first (自求平衡). */
    coveredByProject: Series;
    coveredInterest: Series;
    /** Left to the issuing governments (construction coupons the issuer pays by choice included). */
    shortfall: Series;
    /** Service CFADS is asked to cover: every bond's service less its construction coupons. */
    serviceFromCfads: Series;
    /** What CFADS covers of it: min(service, CFADS). */
    coveredFromCfads: Series;
    /** Each bond's coupons in construction years and who pays them (methodology §10.5). */
    constructionCoupons: BondConstructionCoupons[];
    /** The part of them paid from the bonds' own proceeds (`capitalised`): in 建设期利息, not a cash flow of the project. */
    capitalisedCoupons: Series;
  };
  /** Cash paid by the project for debt: loan interest paid and principal, and the bond service it covers. */
  projectDebtService: { interest: Series; principal: Series };
  iterations: number;
  problems: Problem[];
}

/**
 * Fund the deal and schedule its debt (methodology §5–§6), then redo the profit rows with interest.
 * Income tax depends on interest, CFADS on tax, the project's share of bond service and a sculpted
 * loan on CFADS: the whole is solved by repeated passes until CFADS stops moving. `prepayments` are
 * the cash sweep's (methodology §11.11), by loan id, as the waterfall settles them (settle-waterfall.ts).
 */
export function financeDeal(deal: Deal, p: Projection, prepayments?: ReadonlyMap<string, LoanPrepayments>): Financing {
  const { T, C } = p.timeline;
  const debtSources = deal.funding.sources.filter(isDebtSource);
  const sculpted = debtSources.find((s): s is BankLoan => s.kind === 'bank-loan' && s.repayment.kind === 'sculpted');
  const excluded = sumSeries(T, p.revenue.lines.filter((l) => !l.stream.countsForDebtService).map((l) => l.net));
  // 维持运营投资 is paid VAT included, but its input VAT lowers the VAT paid (methodology §4.5): CFADS
  // deducts it net of what is credited, as EBITDA is net of VAT.
  const sustainingVatCredited = computeSustainingVatCredited(deal, p);
  const sustainingCost = subtractSeries(p.opex.sustainingGross, sustainingVatCredited);
  const computeCfads = (incomeTax: Series) => subtractSeries(subtractSeries(subtractSeries(p.ebitda, excluded), incomeTax), sustainingCost);

  let cfads = computeCfads(p.incomeTax.incomeTax);
  const ranked = orderFacilities(deal, debtSources.map((source) => ({ source })));
  const seniorTo = (loan: BankLoan) => ranked.slice(0, ranked.findIndex((f) => f.source === loan)).map((f) => f.source.id);
  const loanCaps = new Map<string, D>();
  // Loans and bonds other than a sculpted loan depend only on their draws: scheduled once per funding.
  const scheduleFixedDebt = (f: CapexFunding) => {
    const draws = (id: string) => f.sources.find((s) => s.source.id === id)!.total;
    return new Map(
      debtSources.filter((s) => s !== sculpted).map((s) => [s.id, s.kind === 'special-bond' ? scheduleSpecialBond(s, draws(s.id), p.timeline).schedule : scheduleLoan(s, draws(s.id), C, undefined, prepayments?.get(s.id))]),
    );
  };
  // The projection funded the works once to split the scopes (project-scope.ts), with no loan cap yet.
  let funding = p.scope.funding;
  let fixedDebt = scheduleFixedDebt(funding);
  let result: Financing | undefined;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const draws = (id: string) => funding.sources.find((s) => s.source.id === id)!.total;
    const fixed = new Map(fixedDebt);
    if (sculpted) {
      // Only the facilities ranked before the sculpted loan take their service ahead of it (§6, §11.9).
      const seniorService = sumSeries(T, seniorTo(sculpted).map((id) => fixed.get(id)!.debtService));
      const sized = sizeSculptedLoan(sculpted, draws(sculpted.id), C, cfads, seniorService);
      const current = loanCaps.get(sculpted.id);
      if (sized.cap !== null && (current === undefined || sized.cap.minus(current).abs().gt(CAP_TOLERANCE))) {
        // Capacity moved: lend again up to the new cap, and size again on the new draws.
        loanCaps.set(sculpted.id, sized.cap);
        funding = fundCapex(deal, p.capex, { loanCaps });
        fixedDebt = scheduleFixedDebt(funding);
        continue;
      }
      fixed.set(sculpted.id, sized.schedule);
    }
    const pass = { ...assembleFinancing(deal, p, funding, debtSources.map((s) => fixed.get(s.id)!), cfads, iteration), sustainingVatCredited };
    result = pass;
    const next = computeCfads(pass.incomeTax.incomeTax);
    const moved = next.some((v, i) => v.minus(cfads[i]!).abs().gt(CFADS_TOLERANCE));
    cfads = next;
    if (!moved) return pass;
    // Without a sculpted loan, CFADS acts only through the bonds' cover: if the new CFADS covers the
    // same amounts, another pass would give the same result with this CFADS.
    if (!sculpted && coverBonds(deal, pass.debts, next, C, pass.bond.constructionCoupons).every((v, t) => v.eq(pass.bond.coveredFromCfads[t]!))) return { ...pass, cfads: next };
  }
  const last = result ?? { ...assembleFinancing(deal, p, funding, [], cfads, MAX_ITERATIONS), sustainingVatCredited };
  return {
    ...last,
    problems: [...last.problems, { code: 'FINANCING_DID_NOT_CONVERGE', path: 'funding', message: `tax, bond cover and debt sizing did not settle within ${MAX_ITERATIONS} passes` }],
  };
}

/** One pass: construction interest, bond cover, interest expense and the profit rows, given CFADS. */
function assembleFinancing(deal: Deal, p: Projection, funding: CapexFunding, debts: DebtSchedule[], cfads: Series, iterations: number): Omit<Financing, 'sustainingVatCredited'> {
  const { T, C, N } = p.timeline;
  const loans = debts.filter((d) => d.source.kind === 'bank-loan');
  const bonds = debts.filter((d) => d.source.kind === 'special-bond');
  const inConstruction = (row: Series) => row.map((v, t) => (t < C ? v : ZERO));
  const inOperation = (row: Series) => row.map((v, t) => (t >= C ? v : ZERO));
  const sumOf = (list: DebtSchedule[], pick: (d: DebtSchedule) => Series) => sumSeries(T, list.map(pick));
  // Construction coupons of the bonds are paid as each bond chooses, never from CFADS (methodology §10.5).
  const coupons = listConstructionCoupons(bonds, C);
  const couponsPaidBy = (payer: BondConstructionCoupons['paidBy']) => sumSeries(T, coupons.filter((c) => c.paidBy === payer).map((c) => c.values));
  const equityCoupons = couponsPaidBy('equity');
  const capitalisedCoupons = couponsPaidBy('capitalised');
  const projectCoupons = sumSeries(T, [equityCoupons, capitalisedCoupons]);
  // Coupons the project funds by choice are paid outside CFADS; the issuer's stay in the service CFADS
  // covers first, so income earned in a construction year (a phased opening, §10.11) pays them before the
  // issuer's budget tops up what it cannot (with no income that is all of them, as before).
  const allCoupons = projectCoupons;
  const constructionInterest = sumSeries(T, [inConstruction(sumOf(loans, (d) => d.interest)), projectCoupons]);
  const idc = totalOf(constructionInterest);
  const idcPerYear = idc.isZero() ? ZERO : idc.div(N);
  const constructionInterestDepreciation = createZeroSeries(T).map((_, t) => (t >= C ? idcPerYear : ZERO));

  // Bonds are served from CFADS in the facility order (by default first), interest before principal
  // (自求平衡); the rest is the issuer's.
  const bondService = sumOf(bonds, (d) => d.debtService);
  const bondInterest = sumOf(bonds, (d) => d.interestPaid);
  const serviceFromCfads = subtractSeries(bondService, allCoupons);
  const coveredFromCfads = coverBonds(deal, debts, cfads, C, coupons);
  const coveredInterestFromCfads = coveredFromCfads.map((c, t) => D.min(c, bondInterest[t]!.minus(allCoupons[t]!)));
  const coveredByProject = sumSeries(T, [coveredFromCfads, projectCoupons]);
  const coveredInterest = sumSeries(T, [coveredInterestFromCfads, projectCoupons]);

  const loanInterestPaid = sumOf(loans, (d) => d.interestPaid);
  const constructionInterestPaid = sumSeries(T, [inConstruction(loanInterestPaid), equityCoupons]);
  // Construction coupons the project pays are 建设期利息 (written off with it), not interest expense of the year.
  const interestExpense = sumSeries(T, [inOperation(loanInterestPaid), coveredInterestFromCfads]);
  const capital = computeProjectCapital(p, funding.sources, constructionInterestPaid, debts);
  const registeredCapital = deal.tax.registeredCapital === undefined ? capital.amount : new D(deal.tax.registeredCapital);
  const profit = computeProfitAfterTax(deal, p, sumSeries(T, [interestExpense, constructionInterestDepreciation]), undefined, registeredCapital);
  return {
    ...profit,
    funding,
    capital,
    debts,
    constructionInterest,
    constructionInterestPaid,
    constructionInterestDepreciation,
    interestExpense,
    shortTermInterest: createZeroSeries(T),
    ebit: subtractSeries(p.ebit, constructionInterestDepreciation),
    cfads,
    debtService: sumSeries(T, [sumOf(loans, (d) => d.debtService), bondService]),
    bond: { service: bondService, coveredByProject, coveredInterest, shortfall: subtractSeries(bondService, coveredByProject), serviceFromCfads, coveredFromCfads, constructionCoupons: coupons, capitalisedCoupons },
    // Cash the project pays: capitalised coupons are paid from the bond's proceeds, like a loan's capitalised interest.
    projectDebtService: {
      interest: sumSeries(T, [loanInterestPaid, coveredInterestFromCfads, equityCoupons]),
      principal: sumSeries(T, [sumOf(loans, (d) => d.principal), subtractSeries(coveredFromCfads, coveredInterestFromCfads)]),
    },
    iterations,
    problems: funding.problems,
  };
}

/** What the project pays of the bonds' service, served in the facility order (facility-order.ts): never below zero. */
function coverBonds(deal: Deal, debts: DebtSchedule[], cfads: Series, C: number, coupons: readonly BondConstructionCoupons[]): Series {
  // A bond's service from CFADS leaves out the construction coupons the project funds by choice (§10.5).
  const outside = new Map(coupons.filter((c) => c.paidBy !== 'issuer').map((c) => [c.sourceId, c.values]));
  const serviceOf = (d: DebtSchedule) => (outside.has(d.source.id) ? subtractSeries(d.debtService, outside.get(d.source.id)!) : d.debtService);
  const served = serveFacilitiesInOrder(orderFacilities(deal, debts), cfads, C, serviceOf).filter((s) => s.debt.source.kind === 'special-bond');
  return sumSeries(cfads.length, served.map((s) => s.paid));
}

/**
 * Size a sculpted loan (methodology §6): target debt service DS_t = max(0, CFADS_t / target − senior
 * service_t) in each repayment year, the senior service being that of the loans and bonds ranked before
 * it in the facility order (§11.9; those after it are served from what it leaves, not deducted), so the
 * cover of CFADS over its service and all service senior to it is the target; the balance that service repays at the loan's rate is its
 * capacity, B = Σ DS_t / (1+r)^k. The loan lends the need when the need is less (and then services the
 * same profile scaled down, at a higher DSCR), else is capped so that draws plus capitalised interest
 * reach B. Nothing is lent when CFADS ≤ 0 throughout.
 */
function sizeSculptedLoan(loan: BankLoan, draws: Series, C: number, cfads: Series, seniorService: Series): { cap: D | null; schedule: DebtSchedule } {
  if (loan.repayment.kind !== 'sculpted') throw new Error('sizeSculptedLoan needs a sculpted loan');
  const T = draws.length;
  const target = new D(loan.repayment.targetDscr);
  const r = rateOfLoan(loan);
  const { first, last } = repaymentWindowOf(loan, C);
  const service = createZeroSeries(T);
  let capacity = ZERO;
  let factor = new D(1);
  for (let t = first; t <= last && t < T; t++) {
    factor = factor.div(r.plus(1));
    const ds = D.max(ZERO, cfads[t]!.div(target).minus(seniorService[t]!));
    service[t] = ds;
    capacity = capacity.plus(ds.times(factor));
  }
  const trial = scheduleLoan(loan, draws, C, service);
  const atStart = trial.opening[first] ?? ZERO;
  const drawn = totalOf(draws);
  if (capacity.isZero()) return { cap: ZERO, schedule: trial };
  if (atStart.isZero()) return { cap: null, schedule: trial };
  // The balance at the start of repayment is linear in the draws (capitalised interest included).
  const cap = roundToFen(drawn.times(capacity).div(atStart));
  const scale = D.min(new D(1), atStart.div(capacity));
  const scaled = service.map((v) => v.times(scale));
  return { cap, schedule: scheduleLoan(loan, draws, C, scaled) };
}
