import type { Deal } from '../../deal/deal-schema.js';
import { D, roundToFen } from '../../finance/decimal.js';
import { collectClaims } from '../../engine/fund-capex.js';
import { formatDecimal } from './format-decimal.js';

const scaleAmount = (value: string, factor: D) => roundToFen(new D(value).times(factor)).toFixed(2);
const scaleShare = (value: string, factor: D) => formatDecimal(D.min(1, new D(value).times(factor)));

/**
 * The deal with every capex item's amount times `factor`, to the 分 (an elevator item per elevator, so
 * that each elevator's cost stays whole 分). Fixed commitments stay: a grant, a bond or an amount rule
 * pays what it committed, so the pooled fill (loans sized on the need, the last equity) takes the
 * change. On an overrun (factor > 1) two things follow what such agreements say: a source whose rules
 * claim a share of items (a share rule, either side of a utility split, the residents' part of the
 * elevators, an elevator subsidy below its table amount) pays its share of the overrun — its
 * commitment grows by exactly what its claims grow, rounded up, with 1 分 per claimed item to spare
 * for the claims' rounding; and the part of the overrun nothing in the fill may fund falls to the
 * sponsor — the last investor-equity source of the fill gets one more fill entry over every item
 * (standby equity).
 */
export function scaleCapexInPlace(next: Deal, factor: D): void {
  // Only an overrun grows commitments: the claims before it are worked out only then (a simulation's hot path).
  const before = factor.gt(1) ? sumClaimsBySource(next) : undefined;
  const units = new Map(next.funding.elevators?.items.map((e) => [e.item, next.capex.find((c) => c.id === e.item)?.units ?? 1]) ?? []);
  for (const item of next.capex) {
    const n = units.get(item.id);
    item.amount = n === undefined ? scaleAmount(item.amount, factor) : roundToFen(new D(item.amount).div(n).times(factor)).times(n).toFixed(2);
  }
  if (before === undefined) return;
  const { funding } = next;
  const after = sumClaimsBySource(next);
  for (const source of funding.sources) {
    if (!('amount' in source) || source.amount === undefined || source.kind === 'special-bond') continue;
    const [was, now] = [before.get(source.id), after.get(source.id)];
    if (!was || !now || !now.total.gt(was.total)) continue;
    const grown = new D(source.amount).plus(now.total.minus(was.total)).toDecimalPlaces(2, D.ROUND_UP);
    source.amount = grown.plus(new D('0.01').times(now.items)).toFixed(2);
  }
  const sponsor = [...funding.fill].reverse().find((entry) => {
    const source = funding.sources.find((s) => s.id === entry.source);
    return source?.kind === 'investor-equity' && source.amount === undefined;
  });
  if (sponsor) funding.fill.push({ source: sponsor.source });
}

/** What the funding rules and the elevator programme claim from each source (fund-capex.ts), and on how many items. */
function sumClaimsBySource(deal: Deal): Map<string, { total: D; items: number }> {
  const sums = new Map<string, { total: D; items: number }>();
  for (const claims of collectClaims(deal).claims.values()) {
    for (const claim of claims) {
      const sum = sums.get(claim.sourceId) ?? { total: new D(0), items: 0 };
      sums.set(claim.sourceId, { total: sum.total.plus(claim.amount), items: sum.items + 1 });
    }
  }
  return sums;
}

/**
 * The deal with every operating cost times `factor`: fixed costs, shares of revenue and of capex
 * (shares stop at 100%) and major maintenance. A canteen's food cost belongs to its stream and is not
 * scaled.
 */
export function scaleOpexInPlace(next: Deal, factor: D): void {
  const { opex } = next;
  for (const cost of opex.fixed) cost.annualAmount = formatDecimal(new D(cost.annualAmount).times(factor));
  for (const cost of opex.percentOfRevenue) cost.share = scaleShare(cost.share, factor);
  for (const cost of opex.percentOfCapex) cost.share = scaleShare(cost.share, factor);
  for (const event of opex.majorMaintenance) event.amount = formatDecimal(new D(event.amount).times(factor));
}

/** A bank loan's all-in rate: LPR + spread, or the fixed rate. */
export function readLoanRate(rate: Extract<Deal['funding']['sources'][number], { kind: 'bank-loan' }>['rate']): D {
  return rate.kind === 'fixed' ? new D(rate.rate) : new D(rate.lpr).plus(rate.spread);
}

/**
 * The deal with every bank loan's rate changed: `shift` is added (rate +100bp: 0.01), then the rate
 * is multiplied by `factor`. An LPR loan moves its LPR (the spread is the bank's margin and stays);
 * a fixed rate moves itself. Special-bond coupons are fixed when the bond is issued and do not move.
 */
export function changeLoanRatesInPlace(next: Deal, change: { shift?: D; factor?: D }): void {
  const shift = change.shift ?? new D(0);
  const factor = change.factor ?? new D(1);
  for (const source of next.funding.sources) {
    if (source.kind !== 'bank-loan') continue;
    const allIn = readLoanRate(source.rate).plus(shift).times(factor);
    const clamped = D.max(0, allIn);
    if (source.rate.kind === 'fixed') source.rate.rate = formatDecimal(clamped);
    else source.rate.lpr = formatDecimal(D.max(0, clamped.minus(source.rate.spread)));
  }
}

/** Whether the deal has a bank loan (rate changes do nothing without one). */
export function hasBankLoan(deal: Deal): boolean {
  return deal.funding.sources.some((s) => s.kind === 'bank-loan');
}
