import { CAPEX_KIND_DEFAULT_LIFE } from '../deal/capex-schema.js';
import type { Deal } from '../deal/deal-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { CapexLine, CapexSchedule } from './capex.js';
import type { OpexProjection } from './opex.js';
import { createZeroSeries, sumSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';

export interface DepreciationLine {
  id: string;
  name: string;
  base: D;
  /** Left undepreciated and recovered at hand-back (回收固定资产余值). */
  residual: D;
  years: number;
  charge: Series;
}

export interface DepreciationSchedule {
  lines: DepreciationLine[];
  total: Series;
  /** 回收固定资产余值 in the last year of operation. */
  residualRecovery: Series;
}

/**
 * Straight-line depreciation/amortisation of investor-owned assets over the shorter of asset life and
 * operating period, from the first operating year or the work's phased opening (methodology §7, §9,
 * §10.11): concession assets handed back free reach zero by the end of operation.
 *
 * Residual value is per asset (methodology §9): an item's own `residualValue`, left undepreciated, is
 * its book value at hand-back. A deal-level `handBack.residualValue` is shared, in proportion to their
 * bases, only over the investor-owned assets that give no residual of their own and are still in
 * service at hand-back (life ≥ operating years): an asset written off before hand-back has no book
 * value left to recover.
 *
 * A renewal (维持运营投资) spent in operating year n is depreciated from that year over
 * min(life, N − n + 1) years, its life the event's `depreciationYears`, else the life of the first
 * item it replaces, else the years left (methodology §9).
 */
export function scheduleDepreciation(deal: Deal, timeline: Timeline, capex: CapexSchedule, opex: OpexProjection): DepreciationSchedule {
  const { N, T } = timeline;
  const lines: DepreciationLine[] = [];
  // Investor-owned assets and works amortised as a concession right: every line with a base.
  const investorLines = capex.lines.filter((l) => !l.depreciableBase.isZero());
  const residuals = allocateResiduals(deal, investorLines, T);

  for (const line of investorLines) {
    const residual = residuals.get(line) ?? ZERO;
    // From the year it enters service k (its phased opening, else operating year 1) over
    // min(life, T − k) years: min(life, N) without a phased opening (methodology §10.11).
    const k = line.inServiceIndex;
    const years = Math.min(line.depreciationYears, T - k);
    const annual = line.depreciableBase.minus(residual).div(years);
    const charge = createZeroSeries(T);
    for (let i = k; i < k + years; i++) charge[i] = annual;
    lines.push({ id: line.item.id, name: line.item.name, base: line.depreciableBase, residual, years, charge });
  }

  for (const sustaining of opex.sustaining) {
    const life = lifeOfRenewal(deal, sustaining.id);
    const charge = createZeroSeries(T);
    let base = ZERO;
    for (let n = 1; n <= N; n++) {
      const spent = sustaining.net[timeline.indexOfOperatingYear(n)]!;
      if (spent.isZero()) continue;
      base = base.plus(spent);
      // 维持运营投资 of year n: spent / min(life, N − n + 1) a year, from year n (methodology §9).
      const years = Math.min(life ?? N, N - n + 1);
      const annual = spent.div(years);
      for (let k = n; k < n + years; k++) {
        const i = timeline.indexOfOperatingYear(k);
        charge[i] = charge[i]!.plus(annual);
      }
    }
    lines.push({ id: sustaining.id, name: sustaining.name, base, residual: ZERO, years: life === undefined ? N : Math.min(life, N), charge });
  }

  const residualRecovery = createZeroSeries(T);
  residualRecovery[T - 1] = [...residuals.values()].reduce((s, v) => s.plus(v), ZERO);
  return { lines, total: sumSeries(T, lines.map((l) => l.charge)), residualRecovery };
}

/**
 * Each investor-owned asset's residual: its own input, else its share of the deal-level residual by
 * base among the owned assets without their own that are in service at hand-back. Concession works
 * reach zero (methodology §7).
 */
function allocateResiduals(deal: Deal, lines: CapexLine[], T: number): Map<CapexLine, D> {
  const out = new Map<CapexLine, D>();
  const owned = lines.filter((l) => l.item.owner === 'investor');
  for (const line of owned) if (line.item.residualValue !== undefined) out.set(line, new D(line.item.residualValue));
  const shared = new D(deal.handBack.residualValue);
  if (shared.isZero()) return out;
  const eligible = owned.filter((l) => l.item.residualValue === undefined && l.depreciationYears >= T - l.inServiceIndex);
  const base = eligible.reduce((s, l) => s.plus(l.depreciableBase), ZERO);
  if (base.isZero()) return out;
  for (const line of eligible) out.set(line, shared.times(line.depreciableBase).div(base));
  return out;
}

/** The life of a renewal event: its own, else that of the first capex item it replaces (undefined: the years left). */
function lifeOfRenewal(deal: Deal, id: string): number | undefined {
  const event = deal.opex.majorMaintenance.find((e) => e.id === id);
  if (event === undefined) return undefined;
  if (event.depreciationYears !== undefined) return event.depreciationYears;
  const replaced = deal.capex.find((c) => c.id === event.replacesCapex[0]);
  return replaced === undefined ? undefined : (replaced.depreciationYears ?? CAPEX_KIND_DEFAULT_LIFE[replaced.kind]);
}
