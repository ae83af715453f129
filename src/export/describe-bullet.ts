import { formatWan } from './describe-warning.js';

/** A decimal as the engine holds it (Decimal) or sends it (a string): what the term sheet reads of a bullet cover. */
type Figure = { toString(): string };

/** A bond's bullet reading (methodology §10.13), as the engine's `bonds[].bullet` carries it, on or off the wire. */
export interface BulletReading {
  bulletYears: readonly number[];
  minDscr: Figure | null;
  minDscrYear: number | null;
  minDscrExcludingBullet: Figure | null;
  minDscrExcludingBulletYear: number | null;
  bullets: readonly { year: number; issuerTopUp: Figure; coveredByAccount: boolean }[];
}

export interface BulletText {
  /** 最低值出现在到期一次还本年（2040），当年为 0.19；其余年份最低 1.46（2037）；偿债资金账户足额支付到期本金 */
  zh: string;
  en: string;
  /** Whether the repayment account pays each bullet, alone: 偿债资金账户足额支付到期本金 (or the years it falls short). */
  paymentsZh: string;
}

const two = (v: Figure | null) => (v === null ? '—' : Number(v.toString()).toFixed(2));
const wanOf = (yuan: Figure) => formatWan(Number(yuan.toString()) / 10_000);

/**
 * A bond's bullet years in words (methodology §10.13): where its own lowest DSCR falls (in a bullet
 * year, where a DSCR of CFADS over the whole principal says nothing of distress), the lowest DSCR of the
 * other years, and whether the 偿债资金 account pays each bullet, else the issuer's top-up in 万元. Null
 * for a bond without a bullet year. Pure.
 */
export function describeBulletReading(b: BulletReading | undefined): BulletText | null {
  if (!b || b.bulletYears.length === 0) return null;
  const inBullet = b.minDscrYear !== null && b.bulletYears.includes(b.minDscrYear);
  const where = b.minDscrYear === null ? ['无还本付息年份', 'no year with service']
    : inBullet ? [`最低值出现在到期一次还本年（${b.minDscrYear}），当年为 ${two(b.minDscr)}`, `The lowest DSCR falls in the bullet maturity year (${b.minDscrYear}): ${two(b.minDscr)}`]
    : [`最低值 ${two(b.minDscr)}（${b.minDscrYear}），不在到期一次还本年（${b.bulletYears.join('、')}）`, `The lowest DSCR, ${two(b.minDscr)} (${b.minDscrYear}), is outside the bullet years (${b.bulletYears.join(', ')})`];
  const outside = b.minDscrExcludingBullet === null ? ['其余年份无还本付息', 'no service outside the bullet years']
    : [`其余年份最低 ${two(b.minDscrExcludingBullet)}（${b.minDscrExcludingBulletYear}）`, `outside them the lowest is ${two(b.minDscrExcludingBullet)} (${b.minDscrExcludingBulletYear})`];
  const short = b.bullets.filter((x) => !x.coveredByAccount);
  const payments = short.length === 0
    ? ['偿债资金账户足额支付到期本金', 'the repayment account pays every bullet']
    : [`偿债资金账户不足：${short.map((x) => `${x.year} 年财政补足 ${wanOf(x.issuerTopUp)} 万元`).join('，')}`, `the repayment account falls short: ${short.map((x) => `${x.year} issuer top-up ${wanOf(x.issuerTopUp)} (10k CNY)`).join(', ')}`];
  return { zh: `${where[0]}；${outside[0]}；${payments[0]}`, en: `${where[1]}; ${outside[1]}; ${payments[1]}`, paymentsZh: payments[0]! };
}
