import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDraw, encodeDraw } from '../../../src/analysis/simulation/encode-draws.js';
import { DRAW_INDICATORS, type DrawOutcome } from '../../../src/analysis/simulation/run-chunk.js';

/** Through JSON text, as a chunk's result travels on the durable queue. */
const travel = (outcome: DrawOutcome) => decodeDraw(JSON.parse(JSON.stringify(encodeDraw(outcome))));

const drawArbitrary: fc.Arbitrary<DrawOutcome> = fc.oneof(
  fc.record({
    values: fc.record(Object.fromEntries(DRAW_INDICATORS.map((k) => [k, fc.double()])) as Record<(typeof DRAW_INDICATORS)[number], fc.Arbitrary<number>>),
    present: fc.record(Object.fromEntries(DRAW_INDICATORS.map((k) => [k, fc.boolean()])) as Record<(typeof DRAW_INDICATORS)[number], fc.Arbitrary<boolean>>),
  }),
  fc.record({ invalid: fc.constantFrom('NEGATIVE_PRICE', 'INVALID', 'EVALUATION_FAILED') }),
);

describe('a draw encoded for the durable queue', () => {
  it('comes back through JSON as the same draw, every double bit for bit (−0, ±Infinity and NaN included)', () => {
    fc.assert(
      fc.property(drawArbitrary, (outcome) => {
        const back = travel(outcome);
        if ('invalid' in outcome) {
          expect(back).toEqual(outcome);
          return;
        }
        if (!('values' in back)) throw new Error('a valid draw came back invalid');
        for (const k of DRAW_INDICATORS) {
          expect(Object.is(back.values[k], outcome.values[k]), `${k}: ${outcome.values[k]} came back as ${back.values[k]}`).toBe(true);
          expect(back.present[k]).toBe(outcome.present[k]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is six values and a mask of the indicators present: bit i for DRAW_INDICATORS[i]', () => {
    // equityIrr (bit 0) and minDscr (bit 3) present: 1 + 8 = 9. −0 and Infinity go as their names.
    const values = { equityIrr: 0.0612, projectIrrAfterTax: -0, projectNpvAfterTax: 123456.78, minDscr: 1.25, bondCoverageNet: Infinity, allDebtCoverageNet: 1000 };
    const present = { equityIrr: true, projectIrrAfterTax: false, projectNpvAfterTax: false, minDscr: true, bondCoverageNet: false, allDebtCoverageNet: false };
    expect(DRAW_INDICATORS).toEqual(['equityIrr', 'projectIrrAfterTax', 'projectNpvAfterTax', 'minDscr', 'bondCoverageNet', 'allDebtCoverageNet']);
    expect(encodeDraw({ values, present })).toEqual([0.0612, '-0', 123456.78, 1.25, 'Infinity', 1000, 9]);
    expect(encodeDraw({ invalid: 'NEGATIVE_PRICE' })).toBe('NEGATIVE_PRICE');
  });
});
