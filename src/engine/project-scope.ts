import type { Deal } from '../deal/deal-schema.js';
import { isGrantSource, type FundingSource } from '../deal/funding-schema.js';
import type { CapexSchedule } from './capex.js';
import { fundCapex, type CapexFunding } from './fund-capex.js';
import { createZeroSeries, sumSeries, type Series } from './series.js';

/**
 * The two scopes of the 项目投资现金流量表 (methodology §9). The *project entity* (项目法人) takes the
 * works it pays for or owns and operates: investor-owned items, works amortised as a concession right,
 * and any work its own money (investor equity, loans, special bonds, 资本金注入) pays part of; others'
 * money in those works (投资补助, utilities, residents, donations) is an inflow of its table. Works that
 * others pay for *and* own are outside it. The *programme* takes every work, whoever pays, and no such
 * inflow: programme flow = entity flow − others' works − others' money in the entity's works, to the 分.
 */
export interface ProjectScope {
  /** Whose money pays which item, before a sculpted loan is sized (financing starts from it). */
  funding: CapexFunding;
  /** Ids of the items inside the entity's scope. */
  entityItems: ReadonlySet<string>;
  /** 建设投资 of the entity's works, VAT-inclusive. */
  entityWorks: Series;
  /** Others' money in the entity's works: 投资补助 and other contributions, received as the works are paid. */
  othersInEntityWorks: Series;
  /** 建设投资 of the works others pay for and own. */
  othersWorks: Series;
}

/** The project entity's own money: what it raises as capital or debt (methodology §9). */
export function isEntityMoney(source: FundingSource): boolean {
  if (source.kind === 'investor-equity' || source.kind === 'bank-loan' || source.kind === 'special-bond') return true;
  return isGrantSource(source) && source.grantType === 'capital-injection';
}

/**
 * Split the works between the scopes from the funding before a sculpted loan's cap (a cap moves money
 * between the loan and the later fillers, all the entity's own, unless others' money fills after it).
 */
export function splitProjectScope(deal: Deal, capex: CapexSchedule): ProjectScope {
  const T = capex.total.length;
  const funding = fundCapex(deal, capex);
  const entityFunded = new Set<string>();
  for (const allocation of funding.sources) {
    if (!isEntityMoney(allocation.source)) continue;
    for (const [itemId, row] of allocation.byItem) if (row.some((v) => !v.isZero())) entityFunded.add(itemId);
  }
  const entityItems = new Set(
    capex.lines.filter((l) => l.item.owner === 'investor' || l.item.amortiseAsConcession || entityFunded.has(l.item.id)).map((l) => l.item.id),
  );
  const othersInEntityWorks = createZeroSeries(T);
  for (const allocation of funding.sources) {
    if (isEntityMoney(allocation.source)) continue;
    for (const [itemId, row] of allocation.byItem) {
      if (!entityItems.has(itemId)) continue;
      row.forEach((v, t) => { if (!v.isZero()) othersInEntityWorks[t] = othersInEntityWorks[t]!.plus(v); });
    }
  }
  const inScope = (inside: boolean) => sumSeries(T, capex.lines.filter((l) => entityItems.has(l.item.id) === inside).map((l) => l.gross));
  return { funding, entityItems, entityWorks: inScope(true), othersInEntityWorks, othersWorks: inScope(false) };
}
