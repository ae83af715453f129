import { bondAmountOf } from './bonds/bond-batches.js';
import { capitalisedCouponsOf } from './bonds/construction-coupons.js';
import type { Deal } from '../deal/deal-schema.js';
import type { FundingSource } from '../deal/funding-schema.js';
import type { Problem } from '../deal/problem.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';
import { D, ZERO, roundToFen } from '../finance/decimal.js';
import type { CapexSchedule } from './capex.js';
import { computeElevatorShares, type ElevatorShares } from './elevator-shares.js';
import { isUtilitySplitItem, matchesSelector } from './select-capex.js';
import { createZeroSeries, sumSeries, totalOf, type Series } from './series.js';

export interface SourceAllocation {
  source: FundingSource;
  /** What the source pays for each capex item, by year, in whole 分. */
  byItem: Map<string, Series>;
  /** By year: the sum over items. */
  total: Series;
}

export interface CapexFunding {
  /** One per source, in the deal's order. */
  sources: SourceAllocation[];
  elevators: ElevatorShares[];
  /** Commitments not needed: what each source with an amount has left over. */
  unused: { sourceId: string; amount: D }[];
  problems: Problem[];
}

export interface FundCapexOptions {
  /** Caps on what given loans may lend (the sculpted loan's capacity), applied beside their own size. */
  loanCaps?: ReadonlyMap<string, D>;
}

interface Claim {
  sourceId: string;
  amount: D;
}

/**
 * Fund every capex item year by year (methodology §5): first the rules (shares, amounts, utility splits,
 * the elevator programme), each a claim on the item's whole amount spread over its years; then the
 * pooled sources of `funding.fill` in order, each paying the same fraction of every year's remaining
 * need of the items it may fund. Every amount is whole 分 (largest remainder), so sources equal uses
 * to the 分 in every year; a gap or an over-funded item is a problem naming the item and the amount.
 */
export function fundCapex(deal: Deal, capex: CapexSchedule, options: FundCapexOptions = {}): CapexFunding {
  const T = capex.total.length;
  const { funding } = deal;
  const problems: Problem[] = [];
  const allocations = new Map<string, SourceAllocation>(
    funding.sources.map((source) => [source.id, { source, byItem: new Map(), total: createZeroSeries(T) }]),
  );
  const used = new Map<string, D>(funding.sources.map((s) => [s.id, ZERO]));
  const remaining = new Map<string, Series>(capex.lines.map((l) => [l.item.id, [...l.gross]]));
  const record = (sourceId: string, itemId: string, year: number, value: D) => {
    if (value.isZero()) return;
    const allocation = allocations.get(sourceId)!;
    const row = allocation.byItem.get(itemId) ?? createZeroSeries(T);
    row[year] = row[year]!.plus(value);
    allocation.byItem.set(itemId, row);
    used.set(sourceId, used.get(sourceId)!.plus(value));
    const rest = remaining.get(itemId)!;
    rest[year] = rest[year]!.minus(value);
  };

  const { claims, elevators } = collectClaims(deal);
  capex.lines.forEach((line, index) => {
    const itemClaims = claims.get(line.item.id) ?? [];
    if (itemClaims.length === 0) return;
    const amount = new D(line.item.amount);
    const claimed = itemClaims.reduce((s, c) => s.plus(c.amount), ZERO);
    if (claimed.gt(amount)) {
      const who = [...new Set(itemClaims.map((c) => c.sourceId))].join(', ');
      problems.push({
        code: 'OVER_FUNDED',
        path: `capex[${index}]`,
        message: `${line.item.id} (${line.item.name}) is over-funded by ${roundToFen(claimed.minus(amount)).toFixed(2)} 元: rules of ${who} fund ${roundToFen(claimed).toFixed(2)} 元 of ${amount.toFixed(2)} 元`,
      });
      return;
    }
    // Claims to the 分 on the item's total, then spread over its years so that every claim keeps its
    // total and every year its amount: year by year, each row gets the year's cells in proportion to
    // what it still has to receive (the last year receives exactly the rest).
    const totals = allocateLargestRemainder(amount, [...itemClaims.map((c) => c.amount), amount.minus(claimed)]);
    const left = [...totals];
    for (let year = 0; year < T; year++) {
      const cell = line.gross[year]!;
      if (cell.isZero()) continue;
      const parts = allocateLargestRemainder(cell, left);
      itemClaims.forEach((claim, k) => {
        record(claim.sourceId, line.item.id, year, parts[k]!);
        left[k] = left[k]!.minus(parts[k]!);
      });
      left[itemClaims.length] = left[itemClaims.length]!.minus(parts[itemClaims.length]!);
    }
  });
  funding.sources.forEach((source, k) => {
    if (source.kind === 'bank-loan' || source.kind === 'special-bond') return;
    const limit = commitmentOf(source, deal);
    if (limit !== null && used.get(source.id)!.gt(limit)) {
      problems.push({
        code: 'SOURCE_OVERCOMMITTED',
        path: `funding.sources[${k}]`,
        message: `rules draw ${roundToFen(used.get(source.id)!).toFixed(2)} 元 from ${source.id}, more than its ${limit.toFixed(2)} 元`,
      });
    }
  });

  for (const entry of funding.fill) {
    const source = allocations.get(entry.source)!.source;
    const cells: { itemId: string; year: number; need: D }[] = [];
    for (const line of capex.lines) {
      if (!matchesSelector(line.item, entry)) continue;
      remaining.get(line.item.id)!.forEach((need, year) => {
        if (need.isPositive() && !need.isZero()) cells.push({ itemId: line.item.id, year, need });
      });
    }
    const need = cells.reduce((s, c) => s.plus(c.need), ZERO);
    if (need.isZero()) continue;
    const lend = fillAmountOf(source, need, deal, used.get(source.id)!, options.loanCaps?.get(source.id));
    if (lend.isZero()) continue;
    const parts = allocateLargestRemainder(lend, cells.map((c) => c.need));
    cells.forEach((c, k) => record(source.id, c.itemId, c.year, parts[k]!));
  }

  capex.lines.forEach((line, index) => {
    const rest = remaining.get(line.item.id)!;
    const gap = totalOf(rest);
    if (gap.isZero()) return;
    const years = rest.flatMap((v, i) => (v.isZero() ? [] : [`${deal.timeline.startYear + i}: ${v.toFixed(2)}`]));
    problems.push({
      code: 'UNFUNDED',
      path: `capex[${index}]`,
      message: `${gap.toFixed(2)} 元 of ${line.item.id} (${line.item.name}) is not funded (${years.join('; ')} 元); add a source to funding.fill or a rule for it`,
    });
  });

  const unused = funding.sources.flatMap((source) => {
    const limit = source.kind === 'bank-loan' ? loanAmountOf(source) : commitmentOf(source, deal);
    if (limit === null) return [];
    const left = limit.minus(used.get(source.id)!);
    return left.isPositive() && !left.isZero() ? [{ sourceId: source.id, amount: left }] : [];
  });
  const sources = funding.sources.map((s) => {
    const allocation = allocations.get(s.id)!;
    allocation.total = sumSeries(T, [...allocation.byItem.values()]);
    return allocation;
  });
  return { sources, elevators, unused, problems };
}

/** What a non-debt source commits in 元, or null when it is unlimited. */
export function commitmentOf(source: FundingSource, deal: Deal): D | null {
  if (source.kind === 'residents') {
    if (source.perM2 !== undefined && deal.scope.floorAreaM2 !== undefined) return roundToFen(new D(source.perM2).times(deal.scope.floorAreaM2));
    if (source.perHousehold !== undefined) return roundToFen(new D(source.perHousehold).times(deal.scope.households));
  }
  if (source.kind === 'bank-loan') return null;
  // A bond that pays its own construction coupons keeps that much of its proceeds from the works (methodology §10.5).
  if (source.kind === 'special-bond') return bondAmountOf(source).minus(capitalisedCouponsOf(source, deal.timeline));
  return source.amount === undefined ? null : new D(source.amount);
}

function loanAmountOf(source: Extract<FundingSource, { kind: 'bank-loan' }>): D | null {
  return source.size.kind === 'amount' ? new D(source.size.amount) : null;
}

/** What a pooled source pays toward `need` when its turn comes: never more than the need (methodology §6). */
function fillAmountOf(source: FundingSource, need: D, deal: Deal, alreadyUsed: D, cap: D | undefined): D {
  let amount: D;
  if (source.kind === 'bank-loan') {
    if (source.size.kind === 'amount') amount = D.min(need, new D(source.size.amount).minus(alreadyUsed));
    else if (source.size.kind === 'share-of-need') amount = roundToFen(need.times(source.size.share));
    else amount = need;
  } else {
    const limit = commitmentOf(source, deal);
    amount = limit === null ? need : D.min(need, limit.minus(alreadyUsed));
  }
  if (cap !== undefined) amount = D.min(amount, cap);
  return amount.isNegative() ? ZERO : amount;
}

/** The rules' and the elevator programme's claims on each item, in rule order. */
export function collectClaims(deal: Deal): { claims: Map<string, Claim[]>; elevators: ElevatorShares[] } {
  const claims = new Map<string, Claim[]>();
  const add = (itemId: string, sourceId: string, amount: D) => {
    if (amount.isZero()) return;
    claims.set(itemId, [...(claims.get(itemId) ?? []), { sourceId, amount }]);
  };
  for (const rule of deal.funding.rules) {
    if (rule.kind === 'amount') {
      add(rule.item, rule.source, new D(rule.amount));
      continue;
    }
    for (const item of deal.capex) {
      const amount = new D(item.amount);
      if (rule.kind === 'share') {
        if (matchesSelector(item, rule)) add(item.id, rule.source, amount.times(rule.share));
        continue;
      }
      if (!isUtilitySplitItem(item, rule)) continue;
      const utility = deal.funding.sources.find((s) => s.kind === 'utility' && s.utility === item.utility);
      if (!utility) continue; // reported by the deal's validation
      const utilityShare = rule.basis === 'percentage' ? new D(rule.utilityShare ?? 0) : new D(1).minus(item.civilWorksShare ?? 0);
      add(item.id, utility.id, amount.times(utilityShare));
      if (rule.governmentSource !== undefined) add(item.id, rule.governmentSource, amount.times(new D(1).minus(utilityShare)));
    }
  }
  const elevators: ElevatorShares[] = [];
  const programme = deal.funding.elevators;
  if (programme) {
    for (const entry of programme.items) {
      const item = deal.capex.find((c) => c.id === entry.item);
      if (!item) continue; // reported by the deal's validation
      const shares = computeElevatorShares(item, entry, programme);
      elevators.push(shares);
      add(item.id, programme.subsidy.source, shares.subsidyTotal);
      add(item.id, programme.residents.source, shares.residentsTotal);
    }
  }
  return { claims, elevators };
}
