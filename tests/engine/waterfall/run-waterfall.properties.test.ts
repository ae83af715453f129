import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { waterfallSchema } from '../../../src/deal/waterfall-schema.js';
import { D, ZERO } from '../../../src/finance/decimal.js';
import { runWaterfall } from '../../../src/engine/waterfall/run-waterfall.js';

const T = 8;
const C = 2;
const money = fc.integer({ min: -500, max: 800 }).map((v) => new D(v));
const row = <V,>(arb: fc.Arbitrary<V>) => fc.array(arb, { minLength: T, maxLength: T });

describe('runWaterfall properties (methodology §11)', () => {
  it('keeps reserves and free cash ≥ 0, distributes within 可供分配利润 and cash, and balances every 元', () => {
    fc.assert(
      fc.property(
        row(money), row(fc.integer({ min: 0, max: 300 }).map((v) => new D(v))), row(fc.integer({ min: -200, max: 400 }).map((v) => new D(v))),
        row(fc.option(fc.integer({ min: 0, max: 30 }).map((v) => new D(v).div(10)), { nil: null })),
        fc.integer({ min: 0, max: 24 }), fc.constantFrom('at-close', 'from-cash'), fc.integer({ min: 0, max: 4 }), fc.constantFrom(undefined, '1.2'),
        (cashBefore, serviceDue, profit, dscr, months, funding, buildUpYears, minDscr) => {
          const settings = waterfallSchema.parse({ dsra: { months, funding }, mmra: { buildUpYears }, lockUp: { minDscr }, distributions: { enabled: true }, shortTermBorrowing: { rate: '0.05' } });
          const events = serviceDue.map((v, t) => (t % 3 === 0 ? v : ZERO));
          const w = runWaterfall(settings, { cashBefore, serviceDue, dscr, maintenanceEvents: events, distributableProfit: profit, calendarYears: cashBefore.map((_, t) => 2026 + t), C });
          let earned = ZERO;
          let paid = ZERO;
          let cash = ZERO;
          for (let t = 0; t < T; t++) {
            earned = earned.plus(profit[t]!);
            paid = paid.plus(w.distributions[t]!);
            // A year that distributes leaves Σ distributions ≤ Σ 可供分配利润 so far.
            if (w.distributions[t]!.isPositive() && !w.distributions[t]!.isZero()) expect(paid.lte(earned.plus('1e-9'))).toBe(true);
            for (const v of [w.freeCash[t]!, w.dsra.closing[t]!, w.mmra.closing[t]!, w.shortTerm.closing[t]!, w.distributions[t]!]) expect(v.gte(0)).toBe(true);
            if (w.lockedUp[t]) expect(w.distributions[t]!.isZero()).toBe(true);
            // Every 元 accounted: all cash moves by the cash before, DSRA equity, 临时借款 drawn less repaid and interest, less distributions.
            const change = cashBefore[t]!.plus(w.dsra.equityAtClose[t]!).plus(w.shortTerm.drawn[t]!).minus(w.shortTerm.repaid[t]!).minus(w.shortTerm.interest[t]!).minus(w.distributions[t]!);
            expect(w.netCashFlow[t]!.minus(change).abs().lt('1e-9')).toBe(true);
            cash = cash.plus(change);
            expect(cash.minus(w.freeCash[t]!).minus(w.dsra.closing[t]!).minus(w.mmra.closing[t]!).abs().lt('1e-9')).toBe(true);
          }
          // Reserves are empty after the last year (no next year's service, no later event).
          expect(w.dsra.closing[T - 1]!.isZero() && w.mmra.closing[T - 1]!.isZero()).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
