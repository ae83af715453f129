import { isGrantSource } from '../deal/funding-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { CapexSchedule } from './capex.js';
import type { DepreciationSchedule } from './depreciation.js';
import type { ProjectScope } from './project-scope.js';
import { createZeroSeries, type Series } from './series.js';

/** The income-tax adjustments of investment subsidies in the entity's own assets (methodology §9.7). */
export interface GrantTax {
  /** 纳税调增: depreciation of the part of an asset a non-taxable grant paid for (not deductible). */
  nonDeductibleDepreciation: Series;
  /** A taxable grant (nonTaxable: false) counts as income in the years it is received. */
  taxableGrantIncome: Series;
}

/**
 * 财税〔2011〕70号: a grant received as 不征税收入 is not taxed, and the depreciation of the assets it
 * forms is not deductible; a grant that is taxed is income of the year received, and its assets
 * depreciate for tax in full. For each asset the project depreciates (investor-owned, or a concession
 * right), the non-deductible share is Σ (what such grants pay for it) / its amount, so
 *   nonDeductibleDepreciation_t = Σ_asset charge_t × share_asset.
 * Only 投资补助 counts: a 资本金注入 is capital, which forms a tax basis like the investor's own money.
 * Whether a grant's depreciation is deductible: its `depreciationDeductible`, else not when it is
 * non-taxable (the default).
 */
export function computeGrantTax(capex: CapexSchedule, depreciation: DepreciationSchedule, scope: ProjectScope): GrantTax {
  const T = capex.total.length;
  const nonDeductibleDepreciation = createZeroSeries(T);
  const taxableGrantIncome = createZeroSeries(T);
  const depreciated = new Map(capex.lines.filter((l) => !l.depreciableBase.isZero()).map((l) => [l.item.id, l]));
  const withheld = new Map<string, D>();
  for (const { source, byItem } of scope.funding.sources) {
    if (!isGrantSource(source) || source.grantType !== 'investment-subsidy') continue;
    const deductible = source.depreciationDeductible ?? !source.nonTaxable;
    for (const [itemId, row] of byItem) {
      if (!depreciated.has(itemId)) continue;
      if (!source.nonTaxable) row.forEach((v, t) => { if (!v.isZero()) taxableGrantIncome[t] = taxableGrantIncome[t]!.plus(v); });
      if (deductible) continue;
      withheld.set(itemId, row.reduce((s, v) => s.plus(v), withheld.get(itemId) ?? ZERO));
    }
  }
  for (const line of depreciation.lines) {
    const paid = withheld.get(line.id);
    const item = depreciated.get(line.id);
    if (paid === undefined || item === undefined || paid.isZero()) continue;
    const share = D.min(paid.div(item.item.amount), 1);
    line.charge.forEach((c, t) => { if (!c.isZero()) nonDeductibleDepreciation[t] = nonDeductibleDepreciation[t]!.plus(c.times(share)); });
  }
  return { nonDeductibleDepreciation, taxableGrantIncome };
}
