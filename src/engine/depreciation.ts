import type { Deal } from '../deal/deal-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { CapexSchedule } from './capex.js';
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
 * operating period, from the first operating year (methodology §7): concession assets handed back free
 * reach zero by the end of operation. A residual value at hand-back is shared over the assets in
 * proportion to their bases and left undepreciated. Sustaining capex (维持运营投资) spent in operating
 * year n is depreciated over the remaining years N − n + 1, starting that year.
 */
export function scheduleDepreciation(deal: Deal, timeline: Timeline, capex: CapexSchedule, opex: OpexProjection): DepreciationSchedule {
  const { N, T } = timeline;
  const lines: DepreciationLine[] = [];
  // Investor-owned assets and works amortised as a concession right: every line with a base.
  const investorLines = capex.lines.filter((l) => !l.depreciableBase.isZero());
  // The residual value belongs to assets the investor keeps: concession works reach zero (methodology §7).
  const owned = (l: (typeof investorLines)[number]) => l.item.owner === 'investor';
  const totalBase = investorLines.filter(owned).reduce((s, l) => s.plus(l.depreciableBase), ZERO);
  const residualValue = new D(deal.handBack.residualValue);

  for (const line of investorLines) {
    const residual = totalBase.isZero() || !owned(line) ? ZERO : residualValue.times(line.depreciableBase).div(totalBase);
    const years = Math.min(line.depreciationYears, N);
    const annual = line.depreciableBase.minus(residual).div(years);
    const charge = createZeroSeries(T);
    for (let n = 1; n <= years; n++) charge[timeline.indexOfOperatingYear(n)] = annual;
    lines.push({ id: line.item.id, name: line.item.name, base: line.depreciableBase, residual, years, charge });
  }

  for (const sustaining of opex.sustaining) {
    const charge = createZeroSeries(T);
    let base = ZERO;
    for (let n = 1; n <= N; n++) {
      const spent = sustaining.net[timeline.indexOfOperatingYear(n)]!;
      if (spent.isZero()) continue;
      base = base.plus(spent);
      const annual = spent.div(N - n + 1);
      for (let k = n; k <= N; k++) {
        const i = timeline.indexOfOperatingYear(k);
        charge[i] = charge[i]!.plus(annual);
      }
    }
    lines.push({ id: sustaining.id, name: sustaining.name, base, residual: ZERO, years: N, charge });
  }

  const residualRecovery = createZeroSeries(T);
  residualRecovery[T - 1] = totalBase.isZero() ? ZERO : residualValue;
  return { lines, total: sumSeries(T, lines.map((l) => l.charge)), residualRecovery };
}
