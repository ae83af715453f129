import { formatNumber, formatWan } from './decimal-text.js';

/** What the bond card says of a bond's bullet years (methodology §10.13), in the interface language. */
export interface BulletNote {
  /** The bond's lowest DSCR outside its bullet years, to two places ('—' without one). */
  minDscrExcludingBullet: string;
  /** Where the lowest DSCR falls in a bullet year: 最低值出现在到期一次还本年（2040）, with that figure. */
  note: string | null;
  /** Each bullet year and whether the repayment account pays it. */
  bullets: { year: number; covered: boolean; text: string }[];
}

interface WireBullet {
  bulletYears: number[];
  minDscr: string | null;
  minDscrYear: number | null;
  minDscrExcludingBullet: string | null;
  bullets: { year: number; principal: string; accountAvailable: string; issuerTopUp: string; coveredByAccount: boolean }[];
}

/**
 * The bond card's reading of `bonds[].bullet` (methodology §10.13): the minimum DSCR outside the bullet
 * years, a note naming the bullet year when the minimum falls in one, and for each bullet whether the
 * 偿债资金 account pays it (else the issuer's top-up, in 万元). Null for a bond without the field.
 */
export function describeBulletCover(bullet: WireBullet | undefined, en = false): BulletNote | null {
  if (!bullet) return null;
  const inBullet = bullet.minDscrYear !== null && bullet.bulletYears.includes(bullet.minDscrYear);
  const note = !inBullet ? null : en
    ? `The lowest DSCR (${formatNumber(bullet.minDscr, 2)}) falls in the bullet maturity year (${bullet.minDscrYear})`
    : `最低值出现在到期一次还本年（${bullet.minDscrYear}），当年为 ${formatNumber(bullet.minDscr, 2)}`;
  const bullets = bullet.bullets.map((b) => ({
    year: b.year, covered: b.coveredByAccount,
    text: b.coveredByAccount
      ? (en ? `${b.year}: paid by the repayment account (${formatWan(b.accountAvailable)} available for ${formatWan(b.principal)} principal, 10k CNY)` : `${b.year}：偿债资金账户足额偿还（可用 ${formatWan(b.accountAvailable)} 万元，本金 ${formatWan(b.principal)} 万元）`)
      : (en ? `${b.year}: the account falls short; issuer top-up ${formatWan(b.issuerTopUp)} (10k CNY)` : `${b.year}：账户不足，财政补足 ${formatWan(b.issuerTopUp)} 万元`),
  }));
  return { minDscrExcludingBullet: formatNumber(bullet.minDscrExcludingBullet, 2), note, bullets };
}

/** Each bond's note by its id, for the facilities table (a bond's facility id is its source id). */
export function readBulletNotes(bonds: readonly { id: string; bullet?: WireBullet }[] | undefined, en = false): Map<string, BulletNote> {
  const out = new Map<string, BulletNote>();
  for (const b of bonds ?? []) {
    const note = describeBulletCover(b.bullet, en);
    if (note) out.set(b.id, note);
  }
  return out;
}
