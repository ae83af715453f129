import type { SpecialBond } from '../../deal/funding-schema.js';
import { ZERO, type D } from '../../finance/decimal.js';
import type { DebtSchedule } from '../debt-schedule.js';
import type { Series } from '../series.js';
import { scheduleBatch } from './bond-batches.js';

/** A bond's coupons that fall in construction years and who pays them (methodology §10.5). */
export interface BondConstructionCoupons {
  sourceId: string;
  name: string;
  paidBy: SpecialBond['constructionCoupons'];
  /** The coupons paid in construction years t < C, 0 after. */
  values: Series;
}

/**
 * The coupons of each special bond paid in construction years (methodology §10.5), with the bond's
 * choice of payer: `issuer` (the issuer's 政府性基金预算, not in total investment), `equity` (项目资本金,
 * in 建设期利息 of total investment) or `capitalised` (in 建设期利息, paid from the bond's own proceeds).
 */
export function listConstructionCoupons(debts: readonly DebtSchedule[], C: number): BondConstructionCoupons[] {
  return debts.flatMap((d) => {
    if (d.source.kind !== 'special-bond') return [];
    return [{ sourceId: d.source.id, name: d.source.name, paidBy: d.source.constructionCoupons, values: d.interestPaid.map((v, t) => (t < C ? v : ZERO)) }];
  });
}

/**
 * What a bond whose construction coupons are capitalised keeps of its proceeds for them: Σ its batches'
 * coupons in construction years, known from the batches before the works are funded (validation admits
 * `capitalised` only on bonds with batches). The works may use the rest of the bond.
 */
export function capitalisedCouponsOf(bond: SpecialBond, timeline: { startYear: number; constructionYears: number; operatingYears: number }): D {
  if (bond.constructionCoupons !== 'capitalised' || !bond.batches) return ZERO;
  const C = timeline.constructionYears;
  const T = C + timeline.operatingYears;
  return bond.batches.reduce((sum, b) => sum.plus(scheduleBatch(b, timeline.startYear, T).interest.slice(0, C).reduce((s, v) => s.plus(v), ZERO)), ZERO);
}
