import type { Deal } from '../deal/deal-schema.js';
import type { Escalation } from '../deal/primitives.js';
import { D, ZERO } from '../finance/decimal.js';
import type { CapexSchedule } from './capex.js';
import { computeEscalationFactors } from './escalation.js';
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
  // Only revenue-linked costs change when revenue does; a re-projection reuses the others and their sums.
  const linked = projectRevenueLinkedCosts(deal, timeline, revenue);
  const kept = (kind: OpexKind) => reuse?.lines.filter((l) => l.kind === kind);
  const maintenance = reuse
    ? { lines: kept('major-maintenance')!, sustaining: reuse.sustaining }
    : projectMajorMaintenance(deal, timeline);
  const fixed = kept('fixed') ?? projectFixedCosts(deal, timeline);
  const capexLinked = kept('percent-of-capex') ?? projectCapexLinkedCosts(deal, timeline, capex);
  const independent = [...fixed, ...capexLinked, ...maintenance.lines];
  const independentNet = reuse?.independentNet ?? sumSeries(T, independent.map((l) => l.net));
  const independentInputVat = reuse?.independentInputVat ?? sumSeries(T, independent.map((l) => l.inputVat));
  const sustaining = maintenance.sustaining;
  return {
    lines: [...fixed, ...linked, ...capexLinked, ...maintenance.lines],
    sustaining,
    net: sumSeries(T, [independentNet, ...linked.map((l) => l.net)]),
    inputVat: sumSeries(T, [independentInputVat, ...linked.map((l) => l.inputVat)]),
    independentNet,
    independentInputVat,
    sustainingGross: reuse?.sustainingGross ?? sumSeries(T, sustaining.map((l) => l.gross)),
    sustainingInputVat: reuse?.sustainingInputVat ?? sumSeries(T, sustaining.map((l) => l.inputVat)),
  };
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
    for (let n = cost.startOperatingYear; n <= (cost.endOperatingYear ?? N); n++) {
      gross[timeline.indexOfOperatingYear(n)] = amount.times(factors[n - 1]!);
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
    const food = grossUpNet(id, name, 'food-cost', line.net.map((v) => v.times(share)), line.stream.foodCostInputVatRate);
    // Input VAT on purchases for VAT-exempt sales is not creditable: in the years the meal-aid
    // exemption applies, the VAT on food is part of the cost.
    line.relievedNet.forEach((relieved, i) => {
      if (relieved.isZero()) return;
      food.net[i] = food.gross[i]!;
      food.inputVat[i] = ZERO;
    });
    lines.push(food);
  }
  return lines;
}

function projectCapexLinkedCosts(deal: Deal, timeline: Timeline, capex: CapexSchedule): OpexLine[] {
  const { N, T } = timeline;
  return deal.opex.percentOfCapex.map((cost) => {
    const base = totalOf(
      capex.lines.filter((l) => cost.basis === 'all' || l.item.owner === 'investor').map((l) => totalOf(l.gross)),
    );
    const annual = base.times(cost.share);
    const factors = escalationOf(deal, N, cost.escalation);
    const gross = createZeroSeries(T);
    for (let n = 1; n <= N; n++) gross[timeline.indexOfOperatingYear(n)] = annual.times(factors[n - 1]!);
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
  if (r.isZero()) return { id, name, kind, gross, inputVat: gross.map(() => ZERO), net: [...gross] };
  const netShare = new D(1).div(r.plus(1));
  const net = gross.map((g) => (g.isZero() ? ZERO : g.times(netShare)));
  return { id, name, kind, gross, net, inputVat: gross.map((g, i) => (g.isZero() ? ZERO : g.minus(net[i]!))) };
}

/** A VAT-exclusive cost: input VAT = net × r, gross = net + VAT. */
function grossUpNet(id: string, name: string, kind: OpexKind, net: Series, rate: string): OpexLine {
  const r = new D(rate);
  const inputVat = net.map((v) => (v.isZero() ? ZERO : v.times(r)));
  return { id, name, kind, net, inputVat, gross: net.map((v, i) => (v.isZero() ? v : v.plus(inputVat[i]!))) };
}
