import type { Deal } from '../../deal/deal-schema.js';
import { isGrantSource, type GovernmentLevel } from '../../deal/funding-schema.js';
import type { Problem } from '../../deal/problem.js';
import { D, roundToFen } from '../../finance/decimal.js';
import { formatDecimal } from './format-decimal.js';

type Found<T> = { value: T } | { problem: Problem };

const fen = (value: D) => roundToFen(value).toFixed(2);

function findSource(deal: Deal, id: string, path: string, accepts: (kind: string) => boolean, what: string): Found<number> {
  const index = deal.funding.sources.findIndex((s) => s.id === id);
  const candidates = deal.funding.sources.filter((s) => accepts(s.kind)).map((s) => s.id);
  if (index < 0 || !accepts(deal.funding.sources[index]!.kind)) {
    return { problem: { code: 'UNKNOWN_SOURCE', path, message: `no ${what} has id "${id}" (the deal's: ${candidates.join(', ') || 'none'})` } };
  }
  return { value: index };
}

/** A grant source's committed amount (元); a grant without an amount takes whatever its rules and fill give it. */
export function readGrantAmount(deal: Deal, id: string, path: string): Found<D | null> {
  const found = findSource(deal, id, path, (kind) => isGrantSource({ kind } as never), 'grant source');
  if ('problem' in found) return found;
  const source = deal.funding.sources[found.value]!;
  const amount = 'amount' in source ? source.amount : undefined;
  return { value: amount === undefined ? null : new D(amount) };
}

/**
 * The deal with a grant's commitment set (to the 分). The grant then pays that much of the items its
 * rules and fill entry allow, in fill order; every pooled source after it sees a smaller remaining
 * need: a loan sized as a share of the need lends less, and the last equity shrinks. A grant whose
 * items are already fully funded leaves the rest of its commitment unused.
 */
export function setGrantAmount(deal: Deal, id: string, amount: D): Deal {
  const next = structuredClone(deal);
  const source = next.funding.sources.find((s) => s.id === id)!;
  if (isGrantSource(source)) source.amount = fen(amount);
  return next;
}

/** A bank loan's stated amount, or null when it is sized on the need. */
export function readLoanAmount(deal: Deal, id: string, path: string): Found<D | null> {
  const found = findSource(deal, id, path, (kind) => kind === 'bank-loan', 'bank loan');
  if ('problem' in found) return found;
  const source = deal.funding.sources[found.value]!;
  return { value: source.kind === 'bank-loan' && source.size.kind === 'amount' ? new D(source.size.amount) : null };
}

/**
 * The deal with a bank loan of a stated amount: it lends that much of the need left when its fill
 * turn comes, never more than the need (methodology §6), and the equity after it takes the rest.
 */
export function setLoanAmount(deal: Deal, id: string, amount: D): Deal {
  const next = structuredClone(deal);
  const source = next.funding.sources.find((s) => s.id === id)!;
  if (source.kind === 'bank-loan') source.size = { kind: 'amount', amount: fen(amount) };
  return next;
}

/**
 * How a residents' source is measured: the share of the elevator cost after subsidy (when it is the
 * elevator programme's residents source), 元 per ㎡, 元 per household, or an amount in 元.
 */
export type ResidentsBasis = 'elevator-share' | 'per-m2' | 'per-household' | 'amount';

export function readResidentsContribution(deal: Deal, id: string, path: string): Found<{ basis: ResidentsBasis; value: D }> {
  const found = findSource(deal, id, path, (kind) => kind === 'residents', 'residents source');
  if ('problem' in found) return found;
  const source = deal.funding.sources[found.value]!;
  if (source.kind !== 'residents') throw new Error('unreachable');
  if (deal.funding.elevators?.residents.source === id) return { value: { basis: 'elevator-share', value: new D(deal.funding.elevators.residents.share) } };
  if (source.perM2 !== undefined) return { value: { basis: 'per-m2', value: new D(source.perM2) } };
  if (source.perHousehold !== undefined) return { value: { basis: 'per-household', value: new D(source.perHousehold) } };
  const rule = deal.funding.rules.find((r) => r.kind === 'amount' && r.source === id);
  const amount = rule?.kind === 'amount' ? rule.amount : source.amount;
  return { value: { basis: 'amount', value: new D(amount ?? 0) } };
}

/**
 * The deal with residents paying `value` on their basis. An elevator share lifts the source's
 * amount (a commitment sized on the old share would otherwise cap it); an amount also moves the
 * amount rule that claims it, when there is exactly one.
 */
export function setResidentsContribution(deal: Deal, id: string, basis: ResidentsBasis, value: D): Deal {
  const next = structuredClone(deal);
  const source = next.funding.sources.find((s) => s.id === id)!;
  if (source.kind !== 'residents') return next;
  if (basis === 'elevator-share' && next.funding.elevators) {
    next.funding.elevators.residents.share = formatDecimal(D.min(1, value));
    delete source.amount;
  } else if (basis === 'per-m2') source.perM2 = formatDecimal(value);
  else if (basis === 'per-household') source.perHousehold = formatDecimal(value);
  else {
    source.amount = fen(value);
    const rules = next.funding.rules.filter((r) => r.kind === 'amount' && r.source === id);
    if (rules.length === 1 && rules[0]!.kind === 'amount') rules[0]!.amount = fen(value);
  }
  return next;
}

/** An existing operating-support entry's payment (all its payments are set to the same amount). */
export function readSupportPayment(deal: Deal, id: string, path: string): Found<{ index: number; payment: D }> {
  const index = deal.operatingSupport.findIndex((s) => s.id === id);
  if (index < 0) {
    const known = deal.operatingSupport.map((s) => s.id).join(', ') || 'none';
    return { problem: { code: 'UNKNOWN_SUPPORT', path, message: `no operating support has id "${id}" (the deal's: ${known})` } };
  }
  const payments = deal.operatingSupport[index]!.payments;
  return { value: { index, payment: new D(payments[0]!.amount) } };
}

/** The deal with every payment of an operating-support entry set to `amount`; its cap rises to fit. */
export function setSupportPayments(deal: Deal, id: string, amount: D): Deal {
  const next = structuredClone(deal);
  const support = next.operatingSupport.find((s) => s.id === id)!;
  for (const payment of support.payments) payment.amount = fen(amount);
  const total = roundToFen(amount).times(support.payments.length);
  if (total.gt(support.cap)) support.cap = fen(total);
  return next;
}

export interface NewSubsidy {
  level: GovernmentLevel;
  /** Operating years paid, from the first; all of them when omitted. */
  years?: number;
  taxable: boolean;
}

/** The id of the subsidy `addOperatingSubsidy` adds. */
export const ADDED_SUBSIDY_ID = 'analysis-operating-subsidy';

/**
 * The deal with a new operating subsidy (methodology §5 operating support): `amount` a year, paid by
 * `level` at the end of each of the first `years` operating years, capped at their total.
 */
export function addOperatingSubsidy(deal: Deal, amount: D, subsidy: NewSubsidy): Deal {
  const next = structuredClone(deal);
  const { startYear, constructionYears: C, operatingYears: N } = next.timeline;
  const years = Math.min(subsidy.years ?? N, N);
  const payments = Array.from({ length: years }, (_, k) => ({ year: startYear + C + k, amount: fen(amount) }));
  next.operatingSupport = [
    ...next.operatingSupport.filter((s) => s.id !== ADDED_SUBSIDY_ID),
    {
      id: ADDED_SUBSIDY_ID,
      name: '测算运营补贴 (goal seek)',
      kind: 'operating-subsidy',
      level: subsidy.level,
      payments,
      cap: fen(roundToFen(amount).times(years)),
      taxable: subsidy.taxable,
    },
  ];
  return next;
}
