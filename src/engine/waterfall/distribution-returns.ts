import { D } from '../../finance/decimal.js';
import type { Financing } from '../finance-deal.js';
import { computeEquityInjection } from '../financing-statements.js';
import { computeIrrOutcome, type IrrOutcome } from '../irr-outcome.js';
import type { Projection } from '../project-deal.js';
import { subtractSeries, sumSeries, totalOf, type Series } from '../series.js';
import type { WaterfallSchedule } from './run-waterfall.js';

export interface ShareholderDistributions {
  sourceId: string;
  investor: string;
  share: D;
  /** −(its equity, incl. its part of the DSRA funded at close) + its share of what shareholders receive. */
  flows: Series;
  distributions: Series;
  irr: IrrOutcome;
}

export interface DistributionReturns {
  /** What shareholders receive each year: 应付利润, and in the last year the cash left (reserves released, 临时借款 repaid). */
  received: Series;
  /** Equity paid in: 项目资本金投入 (capex, construction interest, working capital) and the DSRA funded at close. */
  paidIn: Series;
  flows: Series;
  irr: IrrOutcome;
  shareholders: ShareholderDistributions[];
}

/**
 * Equity returns on distributions (methodology §11): the IRR of what shareholders pay in and what they
 * actually receive — 应付利润 each year and, at the end, the cash the project still holds (free cash
 * and reserves, less 临时借款 outstanding). Beside the free-cash equity IRR of the 项目资本金现金流量表.
 * Each shareholder pays its equity (its own capex equity, and of the rest its share of the capex
 * equity) and receives its profit share (as given, else in proportion to equity paid in).
 */
export function computeDistributionReturns(p: Projection, f: Financing, w: WaterfallSchedule): DistributionReturns {
  const { T } = p.timeline;
  const last = T - 1;
  const finalCash = w.freeCash[last]!.plus(w.dsra.closing[last]!).plus(w.mmra.closing[last]!).minus(w.shortTerm.closing[last]!);
  const received = w.distributions.map((v, t) => (t === last ? v.plus(finalCash) : v));
  const paidIn = sumSeries(T, [computeEquityInjection(p, f), w.dsra.equityAtClose]);
  const flows = subtractSeries(received, paidIn);
  const sources = f.funding.sources.filter((s) => s.source.kind === 'investor-equity');
  const capexEquity = sumSeries(T, sources.map((s) => s.total));
  const otherEquity = subtractSeries(paidIn, capexEquity);
  const capexTotal = totalOf(capexEquity);
  const paidInTotal = totalOf(paidIn);
  const shareholders = sources.map((s) => {
    const weight = capexTotal.isZero() ? new D(1).div(sources.length) : totalOf(s.total).div(capexTotal);
    const own = s.total.map((v, t) => v.plus(otherEquity[t]!.times(weight)));
    const given = s.source.kind === 'investor-equity' ? s.source.profitShare : undefined;
    const share = given !== undefined ? new D(given) : paidInTotal.isZero() ? new D(1).div(sources.length) : totalOf(own).div(paidInTotal);
    const mine = received.map((r) => r.times(share));
    return {
      sourceId: s.source.id, investor: s.source.kind === 'investor-equity' ? s.source.investor : s.source.name, share,
      flows: subtractSeries(mine, own), distributions: w.distributions.map((v) => v.times(share)), irr: computeIrrOutcome(subtractSeries(mine, own)),
    };
  });
  return { received, paidIn, flows, irr: computeIrrOutcome(flows), shareholders };
}
