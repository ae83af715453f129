import type { D } from '../../finance/decimal.js';
import type { BondResult } from './evaluate-bonds.js';
import type { BulletCover } from './bullet-years.js';

const RATE_PLACES = 10;
const money = (v: D): string => {
  if (v.isZero()) return '0.00';
  const text = v.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
};
const ratio = (v: D | null) => (v === null ? null : v.toFixed(RATE_PLACES));

/** A bond's 自求平衡 result on the wire: decimals as strings, amounts to the 分, ratios to 10 places. */
export function serializeBond(b: BondResult & { bullet?: BulletCover }) {
  return {
    id: b.id,
    name: b.name,
    level: b.level,
    form: b.form,
    earmarked: b.earmarked,
    constructionCoupons: b.constructionCoupons,
    streams: b.streams.map((s) => ({ id: s.id, name: s.name, share: s.share.toString() })),
    batches: b.batches.map((x) => ({
      id: x.batch.id, name: x.batch.name ?? null, status: x.batch.status, couponIsAssumption: x.couponIsAssumption,
      issueYear: x.batch.issueYear, issueMonth: x.batch.issueMonth, amount: x.batch.amount, couponRate: x.batch.couponRate,
      tenorYears: x.batch.tenorYears, interestFrequency: x.batch.interestFrequency, principal: x.batch.principal.kind,
      maturity: x.maturity, interest: money(x.interest), principalRepaid: money(x.principal), issuanceCost: money(x.issuanceCost),
    })),
    life: b.life,
    coverageGross: ratio(b.coverageGross),
    coverageNet: ratio(b.coverageNet),
    coverageAllDebt: ratio(b.coverageAllDebt),
    coverageAllDebtGross: ratio(b.coverageAllDebtGross),
    totals: Object.fromEntries(Object.entries(b.totals).map(([k, v]) => [k, money(v)])) as Record<keyof BondResult['totals'], string>,
    table: b.table.map((r) => ({
      year: r.year,
      revenueByStream: Object.fromEntries(r.revenueByStream.map((s) => [s.id, money(s.value)])),
      revenue: money(r.revenue), costs: money(r.costs), taxes: money(r.taxes), netIncome: money(r.netIncome),
      principal: money(r.principal), interest: money(r.interest), service: money(r.service),
      yearlyCoverage: ratio(r.yearlyCoverage), cumulativeCoverage: ratio(r.cumulativeCoverage),
      accountOpening: money(r.accountOpening), deposit: money(r.deposit), paidFromAccount: money(r.paidFromAccount),
      issuerTopUp: money(r.issuerTopUp), accountBalance: money(r.accountBalance), constructionCoupons: money(r.constructionCoupons),
      loanService: money(r.loanService), loanPaidFromAccount: money(r.loanPaidFromAccount), loanUnpaid: money(r.loanUnpaid),
    })),
    // Bullet years beside the bond's own DSCR (methodology §10.13): the DSCR outside them, and whether the account pays each bullet.
    ...(b.bullet ? { bullet: serializeBulletCover(b.bullet) } : {}),
    notes: b.notes,
  };
}

/** A bond's bullet years on the wire (methodology §10.13). */
function serializeBulletCover(c: BulletCover) {
  return {
    bulletYears: c.bulletYears,
    minDscr: ratio(c.minDscr), minDscrYear: c.minDscrYear,
    minDscrExcludingBullet: ratio(c.minDscrExcludingBullet), minDscrExcludingBulletYear: c.minDscrExcludingBulletYear,
    coveredByAccount: c.coveredByAccount,
    bullets: c.bullets.map((x) => ({
      year: x.year, principal: money(x.principal), accountAvailable: money(x.accountAvailable),
      paidFromAccount: money(x.paidFromAccount), issuerTopUp: money(x.issuerTopUp), coveredByAccount: x.coveredByAccount,
    })),
  };
}
