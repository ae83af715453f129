import type { Deal } from '../deal/deal-schema.js';
import type { RevenueStream } from '../deal/revenue-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { RevenueProjection } from './revenue.js';
import { createZeroSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';

/**
 * Input VAT of VAT-exempt services (methodology §9, 财税〔2016〕36号 附件1):
 * - 第二十七条: input VAT on purchases used only for exempt services is not credited; of fixed assets,
 *   only those used only for exempt services (used for both: credited in full).
 * - 第二十九条: input VAT that cannot be attributed is not credited in the share
 *   exempt sales / all sales of the year (当期免征增值税项目销售额 ÷ 当期全部销售额).
 * A cost attributed to named streams is not credited in the share of their sales that is exempt; a cost
 * of exempt streams alone, none of it; of taxable streams alone, all of it.
 */

/** Whether a stream is VAT-exempt in a calendar year: community care while the incentive lasts (methodology §7). */
export function isStreamExempt(deal: Deal, stream: RevenueStream, calendarYear: number): boolean {
  return stream.taxIncentive === 'community-care' && calendarYear <= deal.tax.communityCareIncentiveUntilYear;
}

/** Whether an asset used for `streamIds` serves only exempt services in a calendar year (none named: no). */
export function servesOnlyExempt(deal: Deal, streamIds: readonly string[] | undefined, calendarYear: number): boolean {
  if (streamIds === undefined || streamIds.length === 0) return false;
  const streams = deal.revenue.filter((s) => streamIds.includes(s.id));
  return streams.length > 0 && streams.every((s) => isStreamExempt(deal, s, calendarYear));
}

/**
 * The share of a cost's input VAT that is not credited, by year: for the streams it serves (all
 * streams when `streamIds` is undefined, which is 第二十九条's apportionment),
 *   1 when every one is exempt that year, 0 when none is, else exempt sales / sales of those streams
 *   (0 when they sell nothing).
 */
export function computeNonCreditableShare(deal: Deal, timeline: Timeline, revenue: RevenueProjection, streamIds: readonly string[] | undefined): Series {
  const T = timeline.T;
  if (!deal.revenue.some((s) => s.taxIncentive === 'community-care')) return createZeroSeries(T);
  const lines = streamIds === undefined ? revenue.lines : revenue.lines.filter((l) => streamIds.includes(l.stream.id));
  if (lines.length === 0) return createZeroSeries(T);
  return timeline.years.map((year, i) => {
    const exempt = lines.map((l) => isStreamExempt(deal, l.stream, year.calendarYear));
    if (exempt.every(Boolean)) return new D(1);
    if (!exempt.some(Boolean)) return ZERO;
    const sales = lines.reduce((s, l) => s.plus(l.net[i]!), ZERO);
    if (sales.isZero()) return ZERO;
    const exemptSales = lines.reduce((s, l, k) => (exempt[k] ? s.plus(l.net[i]!) : s), ZERO);
    return exemptSales.div(sales);
  });
}
