import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { D, cumipmt, cumprinc, ipmt, irr, npv, pmt, ppmt, rate, solveIrr, xirr, xnpv } from '../../src/finance/index.js';

/**
 * Property tests (methodology §8 invariants): NPV at the IRR ≈ 0; the annuity functions agree with each
 * other period by period.
 */

/** Conventional project flows: 1–3 years of outflows, then 1–30 years of inflows (one sign change). */
const conventionalFlows = fc
  .tuple(
    fc.array(fc.double({ min: 1e4, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 3 }),
    fc.array(fc.double({ min: 1e2, max: 5e7, noNaN: true }), { minLength: 1, maxLength: 30 }),
  )
  .map(([outflows, inflows]) => [...outflows.map((amount) => -amount), ...inflows]);

/**
 * How far from 0 the NPV at a float64 rate r may be: 1e-9 of the discounted flows' size Σ|v_i|(1+r)^−t_i,
 * plus what the rate's own float64 rounding (≤ 2 ulps of r) moves the NPV by: |f′(r)|·2ε·|r|. The
 * second term matters for IRRs near −100%, where f is steep and no double lies closer to the root.
 */
function npvTolerance(values: number[], times: number[], rate: number): number {
  let scale = 0;
  let slope = 0;
  values.forEach((value, i) => {
    const t = times[i] as number;
    scale += Math.abs(value) * (1 + rate) ** -t;
    slope += Math.abs(t * value) * (1 + rate) ** (-t - 1);
  });
  return 1e-9 * scale + slope * 2 * Number.EPSILON * Math.max(Math.abs(rate), Number.MIN_VALUE);
}

describe('IRR properties', () => {
  it('NPV at the IRR is ~0 for conventional flows, the root is unique, and irr = solveIrr.rate', () => {
    fc.assert(
      fc.property(conventionalFlows, (values) => {
        const solution = solveIrr(values);
        const r = solution.rate;
        expect(r.toNumber()).toBe(irr(values).toNumber());
        expect(r.toNumber()).toBeGreaterThan(-1);
        expect(solution.otherRootsExist).toBe(false);
        expect(solution.signChanges).toBe(1);
        // npv discounts the first value one period: npv = f(r)/(1+r) with f = Σ v_k (1+r)^−k
        const residual = npv(r, values).abs().toNumber();
        const times = values.map((_, k) => k + 1);
        expect(residual).toBeLessThanOrEqual(npvTolerance(values, times, r.toNumber()));
      }),
      { numRuns: 300 },
    );
  });

  it('the IRR does not depend on the guess when the root is unique', () => {
    fc.assert(
      fc.property(conventionalFlows, fc.double({ min: -0.9, max: 5, noNaN: true }), (values, guess) => {
        const fromDefault = irr(values).toNumber();
        const fromGuess = irr(values, guess).toNumber();
        expect(Math.abs(fromGuess - fromDefault)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(fromDefault)));
      }),
      { numRuns: 200 },
    );
  });

  it('XNPV at the XIRR is ~0 for conventional dated flows', () => {
    // Realistic spacing (half a year to 13 months) and sizes keep the annualised root inside the
    // documented search range (−1, 1e7]: a 10× gain in one day would annualise to ~10^365.
    const datedConventionalFlows = fc
      .tuple(
        fc.array(fc.double({ min: 1e6, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.double({ min: 1e2, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }),
      )
      .map(([outflows, inflows]) => [...outflows.map((amount) => -amount), ...inflows]);
    const datedFlows = fc
      .tuple(datedConventionalFlows, fc.array(fc.integer({ min: 180, max: 400 }), { minLength: 33, maxLength: 33 }))
      .map(([values, gaps]) => {
        let day = Date.UTC(2020, 0, 1);
        const dates = values.map((_, i) => {
          if (i > 0) day += (gaps[i] as number) * 86_400_000;
          return new Date(day).toISOString().slice(0, 10);
        });
        return { values, dates };
      });
    fc.assert(
      fc.property(datedFlows, ({ values, dates }) => {
        const r = xirr(values, dates).toNumber();
        const residual = xnpv(r, values, dates).abs().toNumber();
        const origin = Date.parse(dates[0] as string);
        const times = dates.map((date) => (Date.parse(date) - origin) / 86_400_000 / 365);
        expect(residual).toBeLessThanOrEqual(npvTolerance(values, times, r));
      }),
      { numRuns: 100 },
    );
  });
});

describe('annuity properties', () => {
  const loan = fc.record({
    rate: fc.oneof(fc.constant(0), fc.double({ min: 1e-4, max: 0.25, noNaN: true })),
    nper: fc.integer({ min: 1, max: 60 }),
    pv: fc.double({ min: 1, max: 1e8, noNaN: true }),
    type: fc.constantFrom(0 as const, 1 as const),
  });

  it('Σ PPMT over all periods = −pv (fv = 0), and IPMT + PPMT = PMT every period', () => {
    fc.assert(
      fc.property(loan, ({ rate: r, nper: n, pv: presentValue, type }) => {
        const payment = pmt(r, n, presentValue, 0, type);
        let principal = new D(0);
        for (let per = 1; per <= n; per++) {
          const interest = ipmt(r, per, n, presentValue, 0, type);
          const repaid = ppmt(r, per, n, presentValue, 0, type);
          expect(interest.plus(repaid).minus(payment).abs().toNumber()).toBeLessThanOrEqual(1e-25 * presentValue);
          principal = principal.plus(repaid);
        }
        expect(principal.plus(presentValue).abs().toNumber()).toBeLessThanOrEqual(1e-24 * presentValue);
      }),
      { numRuns: 150 },
    );
  });

  it('CUMPRINC over the whole term = −pv and CUMIPMT = n·PMT + pv (rate > 0)', () => {
    fc.assert(
      fc.property(loan.filter(({ rate: r }) => r > 0), ({ rate: r, nper: n, pv: presentValue, type }) => {
        const payment = pmt(r, n, presentValue, 0, type);
        expect(cumprinc(r, n, presentValue, 1, n, type).plus(presentValue).abs().toNumber()).toBeLessThanOrEqual(
          1e-24 * presentValue,
        );
        const expectedInterest = payment.times(n).plus(presentValue);
        expect(cumipmt(r, n, presentValue, 1, n, type).minus(expectedInterest).abs().toNumber()).toBeLessThanOrEqual(
          1e-24 * presentValue,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('RATE inverts PMT (except nper 1 with type 1, where the payment settles pv at once and any rate fits)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 0.3, noNaN: true }),
        fc.integer({ min: 1, max: 360 }),
        fc.double({ min: 100, max: 1e8, noNaN: true }),
        fc.constantFrom(0 as const, 1 as const),
        (r, n, presentValue, type) => {
          fc.pre(!(n === 1 && type === 1));
          const payment = pmt(r, n, presentValue, 0, type);
          expect(Math.abs(rate(n, payment, presentValue, 0, type).toNumber() - r)).toBeLessThanOrEqual(1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
