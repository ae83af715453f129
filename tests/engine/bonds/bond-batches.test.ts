import { describe, expect, it } from 'vitest';
import type { BondBatch } from '../../../src/deal/bond-schema.js';
import { scheduleBatch } from '../../../src/engine/bonds/bond-batches.js';

const batch = (over: Partial<BondBatch>): BondBatch => ({
  id: 'b', status: 'issued', issueYear: 2027, issueMonth: 6, amount: '6000000', couponRate: '0.024', tenorYears: 5,
  interestFrequency: 'semi-annual', principal: { kind: 'bullet' }, issuanceCostRate: '0', ...over,
});
const fixed = (row: { toFixed(n: number): string }[]) => row.map((v) => v.toFixed(2));

describe('a bond batch on its payment dates', () => {
  it('pays half a coupon in the December after a June issue, then two a year, and the bullet on the fifth anniversary', () => {
    // 6,000,000 at 2.4% semi-annual: each coupon 6,000,000 × 0.024 / 2 = 72,000, dated 2027-12, 2028-06 … 2032-06.
    // 2027: one coupon (Dec) = 72,000; 2028–2031: two = 144,000; 2032: the June coupon 72,000 and the principal.
    const s = scheduleBatch(batch({}), 2027, 7);
    expect(fixed(s.interest)).toEqual(['72000.00', '144000.00', '144000.00', '144000.00', '144000.00', '72000.00', '0.00']);
    expect(fixed(s.principal)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '6000000.00', '0.00']);
    expect(fixed(s.issued)).toEqual(['6000000.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(s.maturity).toEqual({ year: 2032, month: 6 });
  });

  it('pays annual coupons on the anniversaries, none in the year of issue', () => {
    // 1,000,000 at 3% annual, issued 2028-03, 3 years: 30,000 on 2029-03, 2030-03, 2031-03 (with the principal).
    const s = scheduleBatch(batch({ issueYear: 2028, issueMonth: 3, amount: '1000000', couponRate: '0.03', tenorYears: 3, interestFrequency: 'annual' }), 2027, 6);
    expect(fixed(s.interest)).toEqual(['0.00', '0.00', '30000.00', '30000.00', '30000.00', '0.00']);
    expect(fixed(s.principal)).toEqual(['0.00', '0.00', '0.00', '0.00', '1000000.00', '0.00']);
  });

  it('repays shares by bond year on the anniversaries and the coupon falls on what is left', () => {
    // 1,000,000 at 2% semi-annual, issued 2027-01 (month 1), 3 years; 50% in bond year 2 (first anniversary, 2028-01),
    // 50% in bond year 4 (third anniversary, 2030-01). Coupons 10,000 on the old balance up to 2028-01 inclusive:
    // 2027-07: 10,000; 2028-01: 10,000 then 500,000 repaid; 2028-07: 5,000; 2029-01, 2029-07: 5,000 each; 2030-01: 5,000 and 500,000.
    const s = scheduleBatch(
      batch({ issueMonth: 1, amount: '1000000', couponRate: '0.02', tenorYears: 3, principal: { kind: 'schedule', shares: [{ bondYear: 2, share: '0.5' }, { bondYear: 4, share: '0.5' }] } }),
      2027,
      5,
    );
    expect(fixed(s.interest)).toEqual(['10000.00', '15000.00', '10000.00', '5000.00', '0.00']);
    expect(fixed(s.principal)).toEqual(['0.00', '500000.00', '0.00', '500000.00', '0.00']);
  });

  it('charges the issuance cost in the year of issue', () => {
    const s = scheduleBatch(batch({ issuanceCostRate: '0.001', issueYear: 2028 }), 2027, 7);
    expect(fixed(s.issuanceCost)).toEqual(['0.00', '6000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });
});
