import type { Deal } from '../../deal/deal-schema.js';
import { D } from '../../finance/decimal.js';
import { formatDecimal } from './format-decimal.js';

/** Shares `from` … `to − 1` of a schedule replaced by their sum (the principal of lost years falls due together). */
function mergeShares(shares: readonly string[], from: number, to: number): string[] {
  const merged = shares.slice(from, to).reduce((s, x) => s.plus(x), new D(0));
  return [...shares.slice(0, from), merged.toString(), ...shares.slice(to)];
}

/** Shares of `C` equal parts as decimal strings adding up to exactly 1 (the last takes the rest). */
function spreadEvenly(C: number): string[] {
  const part = new D(1).div(C).toDecimalPlaces(10, D.ROUND_DOWN);
  return Array.from({ length: C }, (_, i) => formatDecimal(i < C - 1 ? part : new D(1).minus(part.times(C - 1))));
}

/** Phasing slipped by `years`: the last construction year's share moves `years` later, zeros between. */
function slipPhasing(phasing: readonly string[], years: number): string[] {
  return [...phasing.slice(0, -1), ...Array.from({ length: years }, () => '0'), phasing[phasing.length - 1]!];
}

/**
 * A construction delay of `years` (methodology §2 timeline): construction takes C + years, the works of
 * the last construction year slip to the new last year, and the operating period keeps its length,
 * starting later. Loans keep their tenor from year 1 (the facility does not stretch), so their
 * repayment is compressed: a custom schedule's principal of the years lost falls due in its first
 * repayment year. Rebates and subsidies keep their calendar years; the start year stays. A phased
 * opening in the last construction year slips with its works.
 */
export function delayConstructionInPlace(next: Deal, years: number): void {
  if (years === 0) return;
  const C = next.timeline.constructionYears;
  next.timeline.capexPhasing = slipPhasing(next.timeline.capexPhasing ?? spreadEvenly(C), years);
  next.timeline.constructionYears = C + years;
  for (const item of next.capex) if (item.phasing) item.phasing = slipPhasing(item.phasing, years);
  // A phased opening in the last construction year slips with that year's works; earlier ones stay (methodology §10.11).
  const lastYear = next.timeline.startYear + C - 1;
  for (const line of [...next.capex, ...next.revenue, ...next.opex.fixed]) if (line.openingYear === lastYear) line.openingYear = lastYear + years;
  for (const source of next.funding.sources) {
    if (source.kind !== 'bank-loan' || source.repayment.kind !== 'custom' || source.repayment.shares.length <= years) continue;
    source.repayment = { kind: 'custom', shares: mergeShares(source.repayment.shares, 0, years + 1) };
  }
}

/**
 * The deal with `years` of operation. A shorter period drops what falls after its end (maintenance
 * events, streams and costs that start later, subsidy payments of later calendar years), ends streams
 * and costs with it, and shortens bank loans to end with the deal; a special bond's tenor is a term
 * of the bond and stays, so a period shorter than the bond is an invalid deal.
 */
export function setOperatingYears(deal: Deal, years: number): Deal {
  const next = structuredClone(deal);
  setOperatingYearsInPlace(next, years);
  return next;
}

/** setOperatingYears, changing `next` itself (applyChanges edits one copy for many changes). */
export function setOperatingYearsInPlace(next: Deal, years: number): void {
  const N = years;
  const C = next.timeline.constructionYears;
  const lastCalendarYear = next.timeline.startYear + C + N - 1;
  next.timeline.operatingYears = N;
  next.revenue = next.revenue.filter((s) => s.startOperatingYear <= N);
  for (const stream of next.revenue) if (stream.endOperatingYear !== undefined && stream.endOperatingYear > N) stream.endOperatingYear = N;
  next.opex.fixed = next.opex.fixed.filter((c) => c.startOperatingYear <= N);
  for (const cost of next.opex.fixed) if (cost.endOperatingYear !== undefined && cost.endOperatingYear > N) cost.endOperatingYear = N;
  next.opex.majorMaintenance = next.opex.majorMaintenance
    .map((event) => ({ ...event, operatingYears: event.operatingYears.filter((y) => y <= N) }))
    .filter((event) => event.operatingYears.length > 0);
  // A percent-of-revenue cost may name streams that were dropped: keep the names that still exist.
  const streamIds = new Set(next.revenue.map((s) => s.id));
  next.opex.percentOfRevenue = next.opex.percentOfRevenue.flatMap((cost) => {
    if (cost.streams === undefined) return [cost];
    const streams = cost.streams.filter((id) => streamIds.has(id));
    return streams.length > 0 ? [{ ...cost, streams }] : [];
  });
  if (next.workingCapital.operatingYear > N) next.workingCapital.operatingYear = N;
  if (next.indicators.normalOperatingYear !== undefined && next.indicators.normalOperatingYear > N) next.indicators.normalOperatingYear = N;
  next.operatingSupport = next.operatingSupport
    .map((support) => ({ ...support, payments: support.payments.filter((p) => p.year <= lastCalendarYear) }))
    .filter((support) => support.payments.length > 0);
  for (const source of next.funding.sources) {
    if (source.kind !== 'bank-loan' || source.tenorYears <= C + N) continue;
    const cut = source.tenorYears - (C + N);
    source.tenorYears = C + N;
    // A custom schedule cut short: the principal of the years cut falls due in the new last year.
    if (source.repayment.kind === 'custom' && source.repayment.shares.length > cut) {
      const shares = source.repayment.shares;
      source.repayment = { kind: 'custom', shares: mergeShares(shares, shares.length - cut - 1, shares.length) };
    }
  }
}
