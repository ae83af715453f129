import type { Deal } from '../../deal/deal-schema.js';
import type { SpecialBond } from '../../deal/funding-schema.js';
import { D, ZERO } from '../../finance/decimal.js';
import type { OpexLine } from '../opex.js';
import type { Projection } from '../project-deal.js';
import { createZeroSeries, subtractSeries, sumSeries, type Series } from '../series.js';

/** The income that serves a bond, year by year (methodology §10). */
export interface EarmarkedIncome {
  earmarked: boolean;
  /** Revenue counted for the bond, by stream (net of VAT, or as paid on the VAT-inclusive basis). */
  streams: { id: string; name: string; share: D; revenue: Series }[];
  revenue: Series;
  /** Operating costs charged to the bond: named costs at their share, shared costs by the allocation rule. */
  costs: Series;
  /** Surcharges (and income tax on the after-tax basis) on the earmarked revenue. */
  taxes: Series;
  /** revenue − costs − taxes. */
  netIncome: Series;
}

/**
 * Earmarked income of a bond (methodology §10). With an earmark: revenue_t = Σ_s share_s × revenue_s,t
 * over the named streams; costs_t = Σ named costs × their share + Σ other operating costs × the
 * earmarked share of the revenue each is computed on (a percent-of-revenue cost on its own streams, a
 * canteen's food cost on its canteen, the rest on all revenue; `sharedCosts: none` charges only the
 * named ones); taxes_t = surcharges_t × the earmarked share of output VAT (+ income tax_t × the earmarked
 * share of revenue, after tax). A year whose base has no revenue splits by the stream shares, each stream
 * weighing the same. Without an earmark the bond is served by every stream that may service debt and
 * every operating cost: the pooled basis of the deal-level coverage (methodology §4).
 */
export function computeEarmarkedIncome(deal: Deal, bond: SpecialBond, p: Projection, incomeTax: Series): EarmarkedIncome {
  const { T } = p.timeline;
  const earmark = bond.earmark;
  if (!earmark) {
    const lines = p.revenue.lines.filter((l) => l.stream.countsForDebtService);
    const revenue = sumSeries(T, lines.map((l) => l.net));
    const costs = p.opex.net;
    const taxes = p.vat.surcharges;
    return {
      earmarked: false,
      streams: lines.map((l) => ({ id: l.stream.id, name: l.stream.name, share: new D(1), revenue: l.net })),
      revenue, costs, taxes,
      netIncome: subtractSeries(revenue, sumSeries(T, [costs, taxes])),
    };
  }
  const shareOf = new Map(earmark.streams.map((s) => [s.stream, new D(s.share)]));
  const inclusive = earmark.basis.vat === 'inclusive';
  const streams = p.revenue.lines
    .filter((l) => shareOf.has(l.stream.id))
    .map((l) => {
      const share = shareOf.get(l.stream.id)!;
      const paid = inclusive ? sumSeries(T, [l.net, l.outputVat]) : l.net;
      return { id: l.stream.id, name: l.stream.name, share, revenue: paid.map((v) => v.times(share)) };
    });
  const revenue = sumSeries(T, streams.map((s) => s.revenue));

  /**
   * Earmarked share, year by year, of the net revenue (or output VAT) of the given streams: computed
   * once per set of streams (most costs are shared over all revenue, and each share is a division).
   */
  const shares = new Map<string, Series>();
  const earmarkedShare = (ids: readonly string[], pick: 'net' | 'outputVat'): Series => {
    const key = JSON.stringify([pick, ids]);
    let share = shares.get(key);
    if (!share) shares.set(key, (share = computeEarmarkedShare(ids, pick)));
    return share;
  };
  const computeEarmarkedShare = (ids: readonly string[], pick: 'net' | 'outputVat'): Series => {
    const lines = p.revenue.lines.filter((l) => ids.includes(l.stream.id));
    const fallback = lines.length === 0 ? ZERO : lines.reduce((s, l) => s.plus(shareOf.get(l.stream.id) ?? ZERO), ZERO).div(lines.length);
    return createZeroSeries(T).map((_, t) => {
      const total = lines.reduce((s, l) => s.plus(l[pick][t]!), ZERO);
      if (total.isZero()) return fallback;
      return lines.reduce((s, l) => s.plus(l[pick][t]!.times(shareOf.get(l.stream.id) ?? ZERO)), ZERO).div(total);
    });
  };
  const allIds = p.revenue.lines.map((l) => l.stream.id);
  const named = new Map(earmark.costs.map((c) => [c.item, new D(c.share)]));
  const baseOf = (line: OpexLine): string[] => {
    if (line.kind === 'percent-of-revenue') return deal.opex.percentOfRevenue.find((o) => o.id === line.id)?.streams ?? allIds;
    if (line.kind === 'food-cost') return p.revenue.lines.filter((l) => `${l.stream.id}-food` === line.id).map((l) => l.stream.id);
    return allIds;
  };
  const charged = [...p.opex.lines, ...p.opex.sustaining].map((line) => {
    const share = named.get(line.id);
    if (share !== undefined) return line.net.map((v) => v.times(share));
    if (earmark.sharedCosts === 'none' || p.opex.sustaining.includes(line)) return createZeroSeries(T);
    const shares = earmarkedShare(baseOf(line), 'net');
    return line.net.map((v, t) => v.times(shares[t]!));
  });
  const costs = sumSeries(T, charged);
  const vatShare = earmarkedShare(allIds, 'outputVat');
  let taxes = p.vat.surcharges.map((v, t) => v.times(vatShare[t]!));
  if (earmark.basis.incomeTax === 'after') {
    const revenueShare = earmarkedShare(allIds, 'net');
    taxes = sumSeries(T, [taxes, incomeTax.map((v, t) => v.times(revenueShare[t]!))]);
  }
  return { earmarked: true, streams, revenue, costs, taxes, netIncome: subtractSeries(revenue, sumSeries(T, [costs, taxes])) };
}
