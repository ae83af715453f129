import { describe, expect, it } from 'vitest';
import { serializeBond } from '../../../src/engine/bonds/bond-to-wire.js';
import { buildBondDealInput, evaluateBondDeal } from '../../helpers/bond-deal.js';

/*
 * The bond deal of tests/helpers/bond-deal.ts with one batch: 6,000,000 at 2.4%, annual coupon, issued
 * 2027-06 for 5 years, bullet → principal repaid in 2027 + 5 = 2032, coupons 144,000 in 2028–2032.
 * Operating 2028–2033: revenue 500 × 400 × 12 + 100 × 6,000 = 3,000,000, staff 300,000 → EBITDA 2,700,000.
 * Depreciation: 12,000,000 / 1.09 (capex VAT 9%, not creditable against 0% sales) / 6 = 1,834,862.385…;
 * tax 25% × (2,700,000 − 1,834,862.385 − 144,000) = 180,284.40 → CFADS 2,519,715.60 in 2028–2032.
 * The bond's own DSCR: 2,519,715.60 / 144,000 = 17.4980 in 2028–2031; 2,519,715.60 / 6,144,000 = 0.4101 in 2032.
 */
const ONE_BULLET = [{ id: 'A', issueYear: 2027, issueMonth: 6, amount: '6000000', couponRate: '0.024', tenorYears: 5, interestFrequency: 'annual', principal: { kind: 'bullet' } }];

describe('a bullet bond\'s DSCR beside its bullet year (methodology §10.13)', () => {
  it('names 2032 as the bullet year and gives the minimum DSCR outside it', () => {
    const bond = evaluateBondDeal(buildBondDealInput({}, { batches: ONE_BULLET })).bonds[0]!;
    const c = bond.bullet;
    expect(c.bulletYears).toEqual([2032]);
    expect([c.minDscr!.toFixed(4), c.minDscrYear]).toEqual(['0.4101', 2032]);
    expect([c.minDscrExcludingBullet!.toFixed(4), c.minDscrExcludingBulletYear]).toEqual(['17.4980', 2028]);
  });

  it('not earmarked: the account has saved 4 × (2,700,000 − 144,000) = 10,224,000 and pays the bullet itself', () => {
    // Net income 3,000,000 − 300,000 = 2,700,000 a year (0% VAT, no surcharges), paid into the account.
    // 2032: available 10,224,000 + 2,700,000 = 12,924,000 ≥ 6,144,000 → no 财政补足; 6,780,000 left.
    const c = evaluateBondDeal(buildBondDealInput({}, { batches: ONE_BULLET })).bonds[0]!.bullet;
    expect(c.bullets.map((b) => [b.year, b.principal.toFixed(2), b.accountAvailable.toFixed(2), b.paidFromAccount.toFixed(2), b.issuerTopUp.toFixed(2), b.coveredByAccount]))
      .toEqual([[2032, '6000000.00', '12924000.00', '6144000.00', '0.00', true]]);
    expect(c.coveredByAccount).toBe(true);
  });

  it('earmarked to the advertising alone: the account falls 4,020,000 short of the bullet, which the issuer tops up', () => {
    // Ads 600,000 less its revenue share of staff 300,000 × 600,000 / 3,000,000 = 60,000 → 540,000 a year.
    // Opening 2032 = 4 × (540,000 − 144,000) = 1,584,000; available 1,584,000 + 540,000 = 2,124,000;
    // top-up 6,144,000 − 2,124,000 = 4,020,000. The DSCR is the bond's own on CFADS, unchanged by the earmark.
    const bond = evaluateBondDeal(buildBondDealInput({}, { batches: ONE_BULLET, earmark: { streams: [{ stream: 'ads' }] } })).bonds[0]!;
    const c = bond.bullet;
    expect(c.bullets.map((b) => [b.accountAvailable.toFixed(2), b.paidFromAccount.toFixed(2), b.issuerTopUp.toFixed(2), b.coveredByAccount])).toEqual([['2124000.00', '2124000.00', '4020000.00', false]]);
    expect(c.coveredByAccount).toBe(false);
    expect(c.minDscrExcludingBullet!.toFixed(4)).toBe('17.4980');
    // On the wire: ratios to 10 places, amounts to the 分.
    const wire = serializeBond(bond).bullet!;
    expect(wire).toMatchObject({ bulletYears: [2032], minDscrYear: 2032, minDscrExcludingBulletYear: 2028, coveredByAccount: false });
    expect(wire.minDscrExcludingBullet).toBe(c.minDscrExcludingBullet!.toFixed(10));
    expect(wire.bullets[0]).toEqual({ year: 2032, principal: '6000000.00', accountAvailable: '2124000.00', paidFromAccount: '2124000.00', issuerTopUp: '4020000.00', coveredByAccount: false });
  });

  it('two bullet batches (2027-06 + 5 = 2032, 2028-03 + 5 = 2033) give two bullet years; every DSCR year outside them is the minimum\'s candidate', () => {
    const e = evaluateBondDeal(buildBondDealInput());
    const c = e.bonds[0]!.bullet;
    expect(c.bulletYears).toEqual([2032, 2033]);
    const dscr = e.debt.facilities.find((f) => f.sourceId === 'bond')!.dscr;
    const years = e.years.map((y) => y.calendarYear);
    const outside = dscr.filter((v, t) => v !== null && ![2032, 2033].includes(years[t]!));
    // Independently: the lowest of the DSCRs of 2028–2031.
    const lowest = outside.reduce((m, v) => (m === null || v!.lt(m) ? v : m), null as (typeof outside)[number]);
    expect(c.minDscrExcludingBullet!.eq(lowest!)).toBe(true);
    expect(c.minDscrExcludingBullet!.gt(c.minDscr!)).toBe(true);
    expect([2032, 2033]).toContain(c.minDscrYear);
  });

  it('a bond repaid in shares has no bullet year: the minimum outside bullets is the minimum', () => {
    const shares = [{ ...ONE_BULLET[0]!, principal: { kind: 'schedule', shares: [{ bondYear: 3, share: '0.5' }, { bondYear: 6, share: '0.5' }] } }];
    const c = evaluateBondDeal(buildBondDealInput({}, { batches: shares })).bonds[0]!.bullet;
    expect(c.bulletYears).toEqual([]);
    expect(c.bullets).toEqual([]);
    expect(c.minDscrExcludingBullet!.eq(c.minDscr!)).toBe(true);
    expect(c.coveredByAccount).toBe(true);
  });
});
