import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D } from '../../../src/finance/decimal.js';
import { runRepaymentAccount } from '../../../src/engine/bonds/repayment-account.js';

const series = (values: (string | number)[]) => values.map((v) => new D(v));
const fixed = (row: D[]) => row.map((v) => v.toFixed(2));

describe('the 偿债资金 repayment account', () => {
  it('accumulates earmarked income, pays the service and repays the bullets from the balance, the issuer topping up only the shortfall', () => {
    // The two-batch bond of tests/helpers/bond-deal.ts: A 6,000,000 at 2.4% (2027-06, 5y) and B 4,000,000 at 3% (2028-03, 5y),
    // semi-annual, bullets. Service = coupons + principal:
    //   2027   72,000 (A's December coupon)        2028  204,000 (A 144,000 + B 60,000)
    //   2029–31 264,000 (144,000 + 120,000)         2032 6,192,000 (A 72,000 + 6,000,000 + B 120,000)
    //   2033 4,060,000 (B 60,000 + 4,000,000)
    const service = series([72000, 204000, 264000, 264000, 264000, 6192000, 4060000]);
    // Earmarked net income: nothing in construction (2027), 1,500,000 a year after.
    const income = series([0, 1500000, 1500000, 1500000, 1500000, 1500000, 1500000]);
    const a = runRepaymentAccount(income, service, 0, 6);
    // 2027: nothing in the account: the issuer pays the 72,000 coupon.
    // 2028: 1,500,000 − 204,000 = 1,296,000 · 2029: 2,796,000 − 264,000 = 2,532,000 · 2030: 3,768,000 · 2031: 5,004,000
    // 2032: 6,504,000 − 6,192,000 (A's bullet from the balance) = 312,000
    // 2033: 312,000 + 1,500,000 = 1,812,000 < 4,060,000: paid 1,812,000, issuer tops up 2,248,000, balance 0.
    expect(fixed(a.closing)).toEqual(['0.00', '1296000.00', '2532000.00', '3768000.00', '5004000.00', '312000.00', '0.00']);
    expect(fixed(a.paid)).toEqual(['0.00', '204000.00', '264000.00', '264000.00', '264000.00', '6192000.00', '1812000.00']);
    expect(fixed(a.topUp)).toEqual(['72000.00', '0.00', '0.00', '0.00', '0.00', '0.00', '2248000.00']);
    expect(fixed(a.opening.slice(1))).toEqual(fixed(a.closing.slice(0, -1)));
  });

  it('takes no deposit from a year of negative net income and moves nothing outside the bond years', () => {
    const a = runRepaymentAccount(series([500, -300, 400, 900]), series([0, 100, 100, 0]), 1, 2);
    // Year 0 is before the bond: no deposit. Year 1: −300 deposits nothing, 100 topped up. Year 2: 400 − 100 = 300. Year 3: after.
    expect(fixed(a.deposit)).toEqual(['0.00', '0.00', '400.00', '0.00']);
    expect(fixed(a.topUp)).toEqual(['0.00', '100.00', '0.00', '0.00']);
    expect(fixed(a.closing)).toEqual(['0.00', '0.00', '300.00', '300.00']);
  });

  it('never goes below zero and pays every service either from the account or by top-up (property)', () => {
    const amount = fc.integer({ min: -5_000_000, max: 10_000_000 }).map((v) => new D(v).div(100));
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, amount.map((v) => v.abs())), { minLength: 1, maxLength: 30 }), (years) => {
        const income = years.map(([i]) => i);
        const service = years.map(([, s]) => s);
        const a = runRepaymentAccount(income, service, 0, years.length - 1);
        a.closing.forEach((v, t) => {
          expect(v.isNegative() && !v.isZero()).toBe(false);
          expect(a.paid[t]!.plus(a.topUp[t]!).eq(service[t]!)).toBe(true);
          expect(a.topUp[t]!.isNegative() && !a.topUp[t]!.isZero()).toBe(false);
        });
        // Money in = money out + what is left.
        const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));
        expect(sum(a.deposit).minus(sum(a.paid)).eq(a.closing[a.closing.length - 1]!)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
