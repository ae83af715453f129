import { D, ZERO } from '../../finance/decimal.js';
import type { FacilityCover } from '../facility-cover.js';
import type { BondResult } from './evaluate-bonds.js';

/** A bullet repayment year of a bond and whether its 偿债资金 account pays it (methodology §10.13). */
export interface BulletYear {
  year: number;
  /** The bond's principal repaid that year (every batch maturing then). */
  principal: D;
  /** What the account holds to pay the year's service: opening balance + the year's deposit. */
  accountAvailable: D;
  /** The bond's service paid from the account that year, and what the issuer's budget tops up (财政补足). */
  paidFromAccount: D;
  issuerTopUp: D;
  /** True when the account pays the whole service of the year: no 财政补足. */
  coveredByAccount: boolean;
}

/** A bond's bullet years beside its own DSCR (methodology §10.13). */
export interface BulletCover {
  /** Calendar years in which a bullet batch repays its principal in one go (issue year + tenor). */
  bulletYears: number[];
  /** The bond's own lowest DSCR (debt.facilities) and its year, all years with service. */
  minDscr: D | null;
  minDscrYear: number | null;
  /** The same outside the bullet years; null when every year with service is a bullet year. */
  minDscrExcludingBullet: D | null;
  minDscrExcludingBulletYear: number | null;
  bullets: BulletYear[];
  /** Every bullet paid by the account alone (true without any bullet). */
  coveredByAccount: boolean;
}

export type BondCover = BondResult & { bullet: BulletCover };

/** What the account may leave unpaid and still count as paying a bullet: half a 分 of rounding. */
const TOLERANCE = new D('0.005');

/**
 * A bond repaid in one go (principal `bullet`) has, in its maturity year, a DSCR of CFADS over the whole
 * principal: far below 1 and no sign of distress, because the bullet is repaid from the balance its
 * 偿债资金 account accumulated over the bond's life (methodology §10 on the 偿债资金 account, §10.13), not from the year's cash.
 * So beside the bond's own minimum DSCR (debt.facilities, §11.9) this reports its bullet years, the
 * minimum DSCR outside them, and for each bullet year whether the account pays it:
 *   available_t = opening_t + deposit_t; covered ⇔ issuer top-up_t = service due_t − paid_t ≤ 0.005.
 */
export function assessBulletYears(bond: BondResult, facility: FacilityCover | undefined, calendarYears: readonly number[]): BulletCover {
  const principalIn = new Map(bond.table.map((r) => [r.year, r.principal]));
  const bulletYears = [...new Set(bond.batches
    .filter((b) => b.batch.principal.kind === 'bullet' && (principalIn.get(b.maturity.year) ?? ZERO).gt(0))
    .map((b) => b.maturity.year))].sort((a, b) => a - b);
  const bulletSet = new Set(bulletYears);
  const lowest = (keep: (year: number) => boolean): { min: D | null; year: number | null } => {
    let found: { min: D | null; year: number | null } = { min: null, year: null };
    const dscr = facility?.dscr ?? [];
    for (let t = 0; t < dscr.length; t++) {
      const v = dscr[t];
      const y = calendarYears[t]!;
      if (v !== null && v !== undefined && keep(y) && (found.min === null || v.lt(found.min))) found = { min: v, year: y };
    }
    return found;
  };
  const all = lowest(() => true);
  const outside = lowest((y) => !bulletSet.has(y));
  const bullets = bond.table.filter((r) => bulletSet.has(r.year)).map((r): BulletYear => ({
    year: r.year, principal: r.principal, accountAvailable: r.accountOpening.plus(r.deposit),
    paidFromAccount: r.paidFromAccount, issuerTopUp: r.issuerTopUp, coveredByAccount: r.issuerTopUp.lte(TOLERANCE),
  }));
  return {
    bulletYears, minDscr: all.min, minDscrYear: all.year, minDscrExcludingBullet: outside.min, minDscrExcludingBulletYear: outside.year,
    bullets, coveredByAccount: bullets.every((b) => b.coveredByAccount),
  };
}
