import type { Deal } from '../../deal/deal-schema.js';
import type { Problem } from '../../deal/problem.js';
import { D } from '../../finance/decimal.js';
import type { Financing } from '../finance-deal.js';
import { computePlanCashBefore } from '../financing-statements.js';
import { computeProfitAfterTax, type Projection } from '../project-deal.js';
import { subtractSeries, sumSeries } from '../series.js';
import { runWaterfall, type WaterfallSchedule } from './run-waterfall.js';

/** Passes at most: 临时借款 interest lowers tax, which raises cash, which lowers the borrowing. */
const MAX_PASSES = 30;
/** Settled when no year's 临时借款 interest moves by more than this (元). */
const INTEREST_TOLERANCE = new D('0.0001');

/**
 * Run the waterfall (methodology §11) and charge its 临时借款 interest to the P&L: the interest lowers
 * income tax and so raises the cash the waterfall works with; repeated until the interest stops
 * moving. CFADS moves by the tax saved. A sculpted loan is not re-sized for it (its sizing is done).
 */
export function settleWaterfall(deal: Deal, p: Projection, financed: Financing): { financing: Financing; waterfall: WaterfallSchedule; problems: Problem[] } {
  let f = financed;
  for (let pass = 1; pass <= MAX_PASSES; pass++) {
    const waterfall = runWaterfall(deal.waterfall, collectWaterfallInputs(p, f));
    const interest = waterfall.shortTerm.interest;
    if (interest.every((v, t) => v.minus(f.shortTermInterest[t]!).abs().lte(INTEREST_TOLERANCE))) return { financing: f, waterfall, problems: [] };
    f = chargeShortTermInterest(deal, p, financed, interest);
  }
  const waterfall = runWaterfall(deal.waterfall, collectWaterfallInputs(p, f));
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
function collectWaterfallInputs(p: Projection, f: Financing) {
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
  };
}
