import type { Deal } from '../deal/deal-schema.js';
import type { Escalation } from '../deal/primitives.js';
import { D, ONE, ZERO } from '../finance/decimal.js';
import { computeNonCreditableShare, servesOnlyExempt } from './exempt-vat.js';
import type { CapexSchedule } from './capex.js';
import { computeEscalationFactors } from './escalation.js';
import { factorOfYear, findFirstYearIndex, operatingYearAt } from './opening.js';
import type { RevenueProjection } from './revenue.js';
import { createZeroSeries, sumSeries, totalOf, type Series } from './series.js';
import type { Timeline } from './timeline.js';

export type OpexKind = 'fixed' | 'percent-of-revenue' | 'percent-of-capex' | 'major-maintenance' | 'food-cost' | 'sustaining-capex';

export interface OpexLine {
  id: string;
  name: string;
  kind: OpexKind;
  /** Cash paid, VAT-inclusive. */
  gross: Series;
  /** Input VAT contained in it (进项税额). */
  inputVat: Series;
  /** Cost net of VAT: 经营成本 for operating lines, the depreciable base for sustaining capex. */
  net: Series;
  /** Input VAT not credited because the purchase serves VAT-exempt services (methodology §9); part of `net`. */
  inputVatNotCredited: Series;
}

export interface OpexProjection {
  /** Operating cost lines (经营成本). */
  lines: OpexLine[];
  /** 维持运营投资 lines (major maintenance treated as sustaining capex). */
  sustaining: OpexLine[];
  net: Series;
  inputVat: Series;
  /** Sums of the lines that do not follow revenue (fixed, percent of capex, major maintenance). */
  independentNet: Series;
  independentInputVat: Series;
  sustainingGross: Series;
  sustainingInputVat: Series;
  /** Input VAT of operating costs and renewals not credited for exempt services (methodology §9). */
  inputVatNotCredited: Series;
  /** Whether exempt sales apportion some input VAT: the credited VAT then is not linear in revenue. */
  apportionsExemptVat: boolean;
}

/**
 * Operating costs by line and year (methodology §3, §7). Entered amounts are cash paid and contain
 * VAT at the line's input rate: net = gross / (1 + r). Costs derived as a share of VAT-exclusive
 * revenue (percent of revenue, canteen food) are VAT-exclusive: gross = net × (1 + r). Percent of
 * capex is a share of the VAT-inclusive works and so VAT-inclusive itself.
 */
export function projectOpex(
  deal: Deal,
  timeline: Timeline,
  revenue: RevenueProjection,
  capex: CapexSchedule,
  reuse?: OpexProjection,
): OpexProjection {
  const { T } = timeline;
  // Where exempt sales apportion input VAT (methodology §9), the credit of every line follows revenue:
  // nothing is reused.
  const exemptVat = deal.revenue.some((s) => s.taxIncentive === 'community-care');
  if (exemptVat) reuse = undefined;
  // Only revenue-linked costs change when revenue does; a re-projection reuses the others and their sums.
  const linked = projectRevenueLinkedCosts(deal, timeline, revenue);
  const kept = (kind: OpexKind) => reuse?.lines.filter((l) => l.kind === kind);
  const maintenance = reuse
    ? { lines: kept('major-maintenance')!, sustaining: reuse.sustaining }
    : projectMajorMaintenance(deal, timeline);
  const fixed = kept('fixed') ?? projectFixedCosts(deal, timeline);
  const capexLinked = kept('percent-of-capex') ?? projectCapexLinkedCosts(deal, timeline, capex);
  let apportionsExemptVat = false;
  if (exemptVat) {
    for (const line of [...fixed, ...linked, ...capexLinked, ...maintenance.lines]) {
      const share = computeNonCreditableShare(deal, timeline, revenue, streamsServedBy(deal, line));
      if (share.some((v) => !v.isZero() && !v.eq(ONE))) apportionsExemptVat = true;
      refuseCredit(line, share);
    }
    for (const line of maintenance.sustaining) {
      // A renewal is a fixed asset: not credited only in a year it serves exempt services alone (第二十七条).
      const served = streamsServedBy(deal, line);
      refuseCredit(line, timeline.years.map((y) => (servesOnlyExempt(deal, served, y.calendarYear) ? ONE : ZERO)));
    }
  }
  const independent = [...fixed, ...capexLinked, ...maintenance.lines];
  const independentNet = reuse?.independentNet ?? sumSeries(T, independent.map((l) => l.net));
  const independentInputVat = reuse?.independentInputVat ?? sumSeries(T, independent.map((l) => l.inputVat));
  const sustaining = maintenance.sustaining;
  const lines = [...fixed, ...linked, ...capexLinked, ...maintenance.lines];
  return {
    lines,
    sustaining,
    net: sumSeries(T, [independentNet, ...linked.map((l) => l.net)]),
    inputVat: sumSeries(T, [independentInputVat, ...linked.map((l) => l.inputVat)]),
    independentNet,
    independentInputVat,
    sustainingGross: reuse?.sustainingGross ?? sumSeries(T, sustaining.map((l) => l.gross)),
    sustainingInputVat: reuse?.sustainingInputVat ?? sumSeries(T, sustaining.map((l) => l.inputVat)),
    inputVatNotCredited: sumSeries(T, [...lines, ...sustaining].map((l) => l.inputVatNotCredited)),
    apportionsExemptVat,
  };
}

/**
 * The streams a cost serves (methodology §9): its own list; a share of revenue, its streams (all when
 * none are named); food cost, its canteen; a maintenance event, else those of every item it replaces
 * when each names them. Undefined: not attributed (第二十九条 apportions it by all sales).
 */
function streamsServedBy(deal: Deal, line: OpexLine): readonly string[] | undefined {
  switch (line.kind) {
    case 'fixed':
      return deal.opex.fixed.find((c) => c.id === line.id)?.servesStreams;
    case 'percent-of-capex':
      return deal.opex.percentOfCapex.find((c) => c.id === line.id)?.servesStreams;
    case 'percent-of-revenue':
      return deal.opex.percentOfRevenue.find((c) => c.id === line.id)?.streams;
    case 'food-cost':
      return deal.revenue.filter((s) => `${s.id}-food` === line.id).map((s) => s.id);
    case 'major-maintenance':
    case 'sustaining-capex': {
      const event = deal.opex.majorMaintenance.find((e) => e.id === line.id);
      if (event === undefined) return undefined;
      if (event.servesStreams !== undefined) return event.servesStreams;
      const replaced = event.replacesCapex.map((id) => deal.capex.find((c) => c.id === id)?.servesStreams);
      if (replaced.length === 0 || replaced.some((r) => r === undefined)) return undefined;
      return [...new Set(replaced.flatMap((r) => r!))];
    }
  }
}

/** Move `share` of a line's input VAT into its cost: not credited = input VAT × share; net + it, input VAT − it. */
function refuseCredit(line: OpexLine, share: Series): void {
  share.forEach((s, i) => {
    if (s.isZero() || line.inputVat[i]!.isZero()) return;
    const refused = line.inputVat[i]!.times(s);
    line.inputVatNotCredited[i] = refused;
    line.net[i] = line.net[i]!.plus(refused);
    line.inputVat[i] = line.inputVat[i]!.minus(refused);
  });
}

/** Price factors by escalation and length: every cost without its own escalation shares the deal's. */
const escalationCache = new WeakMap<Escalation, Map<number, D[]>>();

function escalationOf(deal: Deal, N: number, own: Escalation | undefined): D[] {
  const escalation = own ?? deal.opex.escalation;
  const byLength = escalationCache.get(escalation) ?? new Map<number, D[]>();
  escalationCache.set(escalation, byLength);
  let factors = byLength.get(N);
  if (factors === undefined) byLength.set(N, (factors = Object.freeze(computeEscalationFactors(escalation, N)) as D[]));
  return factors;
}

function projectFixedCosts(deal: Deal, timeline: Timeline): OpexLine[] {
  const { N, T } = timeline;
  return deal.opex.fixed.map((cost) => {
    const factors = escalationOf(deal, N, cost.escalation);
    const amount = new D(cost.annualAmount);
    const gross = createZeroSeries(T);
    // From its phased opening during construction (prices of operating year 1), else its start year (methodology §10.11).
    const last = timeline.indexOfOperatingYear(cost.endOperatingYear ?? N);
    for (let i = findFirstYearIndex(timeline, cost.openingYear, cost.startOperatingYear); i <= last; i++) {
      gross[i] = amount.times(factorOfYear(factors, operatingYearAt(timeline, i)));
    }
    return splitGross(cost.id, cost.name, 'fixed', gross, cost.inputVatRate);
  });
}

function projectRevenueLinkedCosts(deal: Deal, timeline: Timeline, revenue: RevenueProjection): OpexLine[] {
  const { T } = timeline;
  const lines: OpexLine[] = [];
  for (const cost of deal.opex.percentOfRevenue) {
    const base = cost.streams
      ? sumSeries(T, revenue.lines.filter((l) => cost.streams!.includes(l.stream.id)).map((l) => l.net))
      : revenue.net;
    const share = new D(cost.share);
    lines.push(grossUpNet(cost.id, cost.name, 'percent-of-revenue', base.map((v) => v.times(share)), cost.inputVatRate));
  }
  for (const line of revenue.lines) {
    if (line.stream.driver !== 'canteen') continue;
    const share = new D(line.stream.foodCostShare);
    const id = `${line.stream.id}-food`;
    const name = `${line.stream.name} 食材成本`;
    // Its input VAT is not credited while the meal aid is exempt (streamsServedBy, methodology §9).
    lines.push(grossUpNet(id, name, 'food-cost', line.net.map((v) => v.times(share)), line.stream.foodCostInputVatRate));
  }
  return lines;
}

function projectCapexLinkedCosts(deal: Deal, timeline: Timeline, capex: CapexSchedule): OpexLine[] {
  const { N, T } = timeline;
  return deal.opex.percentOfCapex.map((cost) => {
    const counted = capex.lines.filter((l) => cost.basis === 'all' || l.item.owner === 'investor');
    // Works opened during construction are kept up from their opening (methodology §10.11), at the
    // prices of operating year 1 until operation; the others from the first operating year.
    const opened = counted.filter((l) => l.inServiceIndex < timeline.C);
    const base = totalOf(counted.filter((l) => !opened.includes(l)).map((l) => totalOf(l.gross)));
    const annual = base.times(cost.share);
    const factors = escalationOf(deal, N, cost.escalation);
    const gross = createZeroSeries(T);
    for (let n = 1; n <= N; n++) gross[timeline.indexOfOperatingYear(n)] = annual.times(factors[n - 1]!);
    for (const line of opened) {
      const early = totalOf(line.gross).times(cost.share);
      for (let i = line.inServiceIndex; i < T; i++) gross[i] = gross[i]!.plus(early.times(factorOfYear(factors, operatingYearAt(timeline, i))));
    }
    return splitGross(cost.id, cost.name, 'percent-of-capex', gross, cost.inputVatRate);
  });
}

function projectMajorMaintenance(deal: Deal, timeline: Timeline): { lines: OpexLine[]; sustaining: OpexLine[] } {
  const { N, T } = timeline;
  const lines: OpexLine[] = [];
  const sustaining: OpexLine[] = [];
  for (const event of deal.opex.majorMaintenance) {
    const factors = escalationOf(deal, N, event.escalation);
    const amount = new D(event.amount);
    const gross = createZeroSeries(T);
    for (const n of event.operatingYears) {
      const i = timeline.indexOfOperatingYear(n);
      gross[i] = gross[i]!.plus(amount.times(factors[n - 1]!));
    }
    if (event.treatment === 'expense') lines.push(splitGross(event.id, event.name, 'major-maintenance', gross, event.inputVatRate));
    else sustaining.push(splitGross(event.id, event.name, 'sustaining-capex', gross, event.inputVatRate));
  }
  return { lines, sustaining };
}

/** A VAT-inclusive amount: net = gross / (1 + r), input VAT = gross − net. */
function splitGross(id: string, name: string, kind: OpexKind, gross: Series, rate: string): OpexLine {
  const r = new D(rate);
  const inputVatNotCredited = gross.map(() => ZERO);
  if (r.isZero()) return { id, name, kind, gross, inputVat: gross.map(() => ZERO), net: [...gross], inputVatNotCredited };
  const netShare = new D(1).div(r.plus(1));
  const net = gross.map((g) => (g.isZero() ? ZERO : g.times(netShare)));
  return { id, name, kind, gross, net, inputVat: gross.map((g, i) => (g.isZero() ? ZERO : g.minus(net[i]!))), inputVatNotCredited };
}

/** A VAT-exclusive cost: input VAT = net × r, gross = net + VAT. */
function grossUpNet(id: string, name: string, kind: OpexKind, net: Series, rate: string): OpexLine {
  const r = new D(rate);
  const inputVat = net.map((v) => (v.isZero() ? ZERO : v.times(r)));
  return { id, name, kind, net: [...net], inputVat, gross: net.map((v, i) => (v.isZero() ? v : v.plus(inputVat[i]!))), inputVatNotCredited: net.map(() => ZERO) };
}
