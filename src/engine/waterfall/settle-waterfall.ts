import type { Deal } from '../../deal/deal-schema.js';
import type { Problem } from '../../deal/problem.js';
import { D } from '../../finance/decimal.js';
import { financeDeal, type Financing } from '../finance-deal.js';
import { computePlanCashBefore } from '../financing-statements.js';
import { computeProfitAfterTax, type Projection } from '../project-deal.js';
import { subtractSeries, sumSeries, type Series } from '../series.js';
import { runWaterfall, type WaterfallSchedule } from './run-waterfall.js';

/** Passes at most: 临时借款 interest lowers tax, which raises cash, which lowers the borrowing. */
const MAX_PASSES = 30;
/** Settled when no year's 临时借款 interest moves by more than this (元). */
const INTEREST_TOLERANCE = new D('0.0001');

type Settled = { financing: Financing; waterfall: WaterfallSchedule; problems: Problem[] };

/**
 * Run the waterfall (methodology §11) and settle what it feeds back into the financing: 临时借款
 * interest (settleShortTermBorrowing) and, with a cash sweep (§11.11), the prepayments of the swept
 * loans. A prepayment lowers the loan's later interest, so its P&L, income tax and cash: the loans
 * are re-scheduled with the prepayments the waterfall swept and the waterfall run again until the
 * prepayments each loan took are those the waterfall sweeps for it, to the 分. A year's sweep depends only on
 * the prepayments of the years before it, so each pass settles at least one more year: the passes
 * are bounded by the number of years (in practice a few, since a prepayment moves the next year's
 * cash only by its interest after tax).
 */
export function settleWaterfall(deal: Deal, p: Projection, financed: Financing): Settled {
  const sweeps = deal.waterfall.cashSweep ?? [];
  if (sweeps.length === 0) return settleShortTermBorrowing(deal, p, financed);
  const maxPasses = p.timeline.T + 2;
  let f = financed;
  for (let pass = 1; pass <= maxPasses; pass++) {
    const settled = settleShortTermBorrowing(deal, p, f);
    if (settled.problems.length > 0) return settled;
    const swept = settled.waterfall.sweep!.loans;
    const takenBy = (id: string) => f.debts.find((d) => d.source.id === id)!.prepayment;
    if (swept.every((loan) => loan.prepayment.every((v, t) => v.eq(takenBy(loan.sourceId)[t]!)))) return settled;
    f = financeDeal(deal, p, new Map(swept.map((loan) => [loan.sourceId, { amounts: loan.prepayment, mode: loan.mode }])));
    if (f.problems.length > 0) return { ...settled, problems: f.problems };
  }
  const settled = settleShortTermBorrowing(deal, p, f);
  return {
    ...settled,
    problems: [{ code: 'WATERFALL_DID_NOT_CONVERGE', path: 'waterfall.cashSweep', message: `the cash sweep's prepayments and the interest they save did not settle within ${maxPasses} passes` }],
  };
}

/**
 * Run the waterfall (methodology §11) and charge its 临时借款 interest to the P&L: the interest lowers
 * income tax and so raises the cash the waterfall works with; repeated until the interest stops
 * moving. CFADS moves by the tax saved. A sculpted loan is not re-sized for it (its sizing is done).
 */
function settleShortTermBorrowing(deal: Deal, p: Projection, financed: Financing): Settled {
  let f = financed;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const waterfall = runWaterfall(deal.waterfall, collectWaterfallInputs(deal, p, f));
    const interest = waterfall.shortTerm.interest;
    if (interest.every((v, t) => v.minus(f.shortTermInterest[t]!).abs().lte(INTEREST_TOLERANCE))) return { financing: f, waterfall, problems: [] };
    f = chargeShortTermInterest(deal, p, financed, interest);
  }
  const waterfall = runWaterfall(deal.waterfall, collectWaterfallInputs(deal, p, f));
  return {
    financing: f, waterfall,
    problems: [{ code: 'WATERFALL_DID_NOT_CONVERGE', path: 'waterfall.shortTermBorrowing', message: `short-term borrowing and its interest did not settle within ${MAX_PASSES} passes` }],
  };
}

/** The P&L with 临时借款 interest added to 利息支出 (methodology §11), the tax it saves added to CFADS. */
function chargeShortTermInterest(deal: Deal, p: Projection, f: Financing, interest: D[]): Financing {
  const { T } = p.timeline;
  const registeredCapital = deal.tax.registeredCapital === undefined ? f.capital.amount : new D(deal.tax.registeredCapital);
  const profit = computeProfitAfterTax(deal, p, sumSeries(T, [f.interestExpense, f.constructionInterestDepreciation, interest]), undefined, registeredCapital);
  const taxSaved = subtractSeries(f.incomeTax.incomeTax, profit.incomeTax.incomeTax);
  return { ...f, ...profit, interestExpense: sumSeries(T, [f.interestExpense, interest]), shortTermInterest: interest, cfads: sumSeries(T, [f.cfads, taxSaved]) };
}

/** What each step of the waterfall tests, from the projection and the financing. */
function collectWaterfallInputs(deal: Deal, p: Projection, f: Financing) {
  const { T, C } = p.timeline;
  const serviceDue = sumSeries(T, [f.projectDebtService.interest, f.projectDebtService.principal]);
  // DSCR = CFADS / debt service due, operating years with service (methodology §4), as in debt-metrics.ts.
  const dscr = f.debtService.map((ds, t) => (t >= C && ds.isPositive() && !ds.isZero() ? f.cfads[t]!.div(ds) : null));
  return {
    cashBefore: computePlanCashBefore(p, f),
    serviceDue,
    dscr,
    maintenanceEvents: p.opex.sustainingGross,
    distributableProfit: subtractSeries(f.netProfit, f.statutoryReserve),
    calendarYears: p.timeline.years.map((y) => y.calendarYear),
    C,
    ...(deal.waterfall.cashSweep ? { sweepCapacity: new Map(deal.waterfall.cashSweep.map((s) => [s.sourceId, computeSweepCapacity(f, s.sourceId)])) } : {}),
  };
}

/** The swept loan's balance after its scheduled principal, before the year's prepayment: closing + prepayment. */
function computeSweepCapacity(f: Financing, sourceId: string): Series {
  const loan = f.debts.find((d) => d.source.id === sourceId);
  return loan ? sumSeries(loan.closing.length, [loan.closing, loan.prepayment]) : [];
}
