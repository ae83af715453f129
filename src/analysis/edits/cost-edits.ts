import type { Deal } from '../../deal/deal-schema.js';
import { D, roundToFen } from '../../finance/decimal.js';
import { formatDecimal } from './format-decimal.js';

const scaleAmount = (value: string, factor: D) => roundToFen(new D(value).times(factor)).toFixed(2);
const scaleShare = (value: string, factor: D) => formatDecimal(D.min(1, new D(value).times(factor)));

/**
 * The deal with every capex item's amount times `factor`, to the 分. Fixed commitments stay: a grant,
 * a bond or an amount rule pays what it committed, so the pooled fill (loans sized on the need, the
 * last equity) takes the change. On an overrun (factor > 1) two things follow what such agreements
 * say: a source that pays a share of items (a share rule, a utility or the government side of a
 * utility split) pays the same share of the overrun, its commitment growing with it, and residents
 * paying their share of what the elevator subsidy leaves pay that share of the elevators' whole overrun
 * (the subsidy is fixed by the floors table); and the part of the overrun nothing in
 * the fill may fund falls to the sponsor — the last investor-equity source of the fill gets one more
 * fill entry over every item (standby equity).
 */
export function scaleCapexInPlace(next: Deal, factor: D): void {
  const { funding } = next;
  const elevatorItems = new Set(funding.elevators?.items.map((e) => e.item) ?? []);
  let elevatorOverrun = new D(0);
  for (const item of next.capex) {
    const scaled = scaleAmount(item.amount, factor);
    if (elevatorItems.has(item.id)) elevatorOverrun = elevatorOverrun.plus(scaled).minus(item.amount);
    item.amount = scaled;
  }
  if (factor.lte(1)) return;
  const residents = funding.elevators?.residents;
  const residentsSource = residents && funding.sources.find((s) => s.id === residents.source);
  if (residents && residentsSource && 'amount' in residentsSource && residentsSource.amount !== undefined) {
    residentsSource.amount = new D(residentsSource.amount).plus(elevatorOverrun.times(residents.share)).toDecimalPlaces(2, D.ROUND_UP).plus(new D('0.01').times(elevatorItems.size)).toFixed(2);
  }
  const shareSources = new Set(
    funding.rules.flatMap((r) => (r.kind === 'share' ? [r.source] : r.kind === 'utility-split' && r.governmentSource !== undefined ? [r.governmentSource] : [])),
  );
  const splitsUtilities = funding.rules.some((r) => r.kind === 'utility-split');
  // Each claim on an item is rounded to the 分 (largest remainder): 1 分 of headroom per item keeps the
  // claims within the grown commitment (70% of 1,542,857.15 元 is 1,080,000.005 元, claimed as .01).
  const headroom = new D('0.01').times(next.capex.length);
  for (const source of funding.sources) {
    if (!('amount' in source) || source.amount === undefined || source.kind === 'special-bond') continue;
    if (source === residentsSource) continue; // grown above by the elevators' overrun
    if (shareSources.has(source.id) || (splitsUtilities && source.kind === 'utility')) {
      source.amount = new D(source.amount).times(factor).toDecimalPlaces(2, D.ROUND_UP).plus(headroom).toFixed(2);
    }
  }
  const sponsor = [...funding.fill].reverse().find((entry) => {
    const source = funding.sources.find((s) => s.id === entry.source);
    return source?.kind === 'investor-equity' && source.amount === undefined;
  });
  if (sponsor) funding.fill.push({ source: sponsor.source });
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
