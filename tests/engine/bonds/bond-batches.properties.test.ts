import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BondBatch } from '../../../src/deal/bond-schema.js';
import { scheduleBatch } from '../../../src/engine/bonds/bond-batches.js';
import { D } from '../../../src/finance/decimal.js';

/** Shares by bond year adding up to 1 exactly: integer weights over 2…tenor+1, as decimals of their sum. */
const principalOf = (tenor: number) =>
  fc.oneof(
    fc.constant({ kind: 'bullet' as const }),
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: tenor }).map((weights) => {
      // Quarters, eighths… would not sum exactly in decimals; give every share but the last two decimals and the last the rest.
      const total = weights.reduce((s, w) => s + w, 0);
      const shares = weights.map((w) => new D(w).div(total).toDecimalPlaces(4, D.ROUND_DOWN));
      const last = new D(1).minus(shares.slice(0, -1).reduce((s, v) => s.plus(v), new D(0)));
      return { kind: 'schedule' as const, shares: shares.map((s, k) => ({ bondYear: k + 2, share: (k === shares.length - 1 ? last : s).toString() })) };
    }),
  );

describe('bond batches (properties)', () => {
  it('repay exactly what was issued, to the 分, within the timeline', () => {
    const batch = fc.integer({ min: 1, max: 25 }).chain((tenor) =>
      fc.record({
        tenorYears: fc.constant(tenor),
        principal: principalOf(tenor),
        amount: fc.integer({ min: 1, max: 1_000_000_000_00 }).map((v) => new D(v).div(100).toFixed(2)),
        couponRate: fc.integer({ min: 0, max: 600 }).map((v) => new D(v).div(10000).toString()),
        issueMonth: fc.integer({ min: 1, max: 12 }),
        interestFrequency: fc.constantFrom('annual' as const, 'semi-annual' as const),
      }),
    );
    fc.assert(
      fc.property(batch, (b) => {
        const full: BondBatch = { id: 'x', status: 'issued', issueYear: 2030, issuanceCostRate: '0', ...b };
        const s = scheduleBatch(full, 2030, 40);
        const repaid = s.principal.reduce((sum, v) => sum.plus(v), new D(0));
        expect(repaid.toFixed(2)).toBe(new D(b.amount).toFixed(2));
        // Interest never exceeds coupon × amount × years (the balance only falls).
        const interest = s.interest.reduce((sum, v) => sum.plus(v), new D(0));
        expect(interest.lte(new D(b.amount).times(b.couponRate).times(b.tenorYears).plus(1))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
