import { DRAW_INDICATORS, type DrawOutcome } from './run-chunk.js';

/**
 * One draw as plain JSON, compact, for the durable queue (its chunks' results are JSON text): an invalid
 * draw is its problem code (a string); a valid one is an array of the DRAW_INDICATORS' values in their
 * order, then a bit mask of which exist (bit i: DRAW_INDICATORS[i] present).
 *
 * Lossless: JSON writes a finite double as its shortest round-tripping form, which reads back as the
 * same double; the values JSON cannot write (−0, ±Infinity, NaN) go as their names, "-0", "Infinity",
 * "NaN", which Number() reads back as the same value. So draws that travel encoded summarise to
 * exactly the answer of draws that never left the process (methodology §8.6).
 */
export type EncodedDraw = string | (number | string)[];

const encodeNumber = (v: number): number | string => (Number.isFinite(v) && !Object.is(v, -0) ? v : String(Object.is(v, -0) ? '-0' : v));
const decodeNumber = (v: number | string): number => (typeof v === 'number' ? v : Number(v));

export function encodeDraw(outcome: DrawOutcome): EncodedDraw {
  if ('invalid' in outcome) return outcome.invalid;
  let mask = 0;
  DRAW_INDICATORS.forEach((k, i) => {
    if (outcome.present[k]) mask |= 1 << i;
  });
  return [...DRAW_INDICATORS.map((k) => encodeNumber(outcome.values[k])), mask];
}

export function decodeDraw(encoded: EncodedDraw): DrawOutcome {
  if (typeof encoded === 'string') return { invalid: encoded };
  const mask = encoded[DRAW_INDICATORS.length] as number;
  const values = {} as Record<(typeof DRAW_INDICATORS)[number], number>;
  const present = {} as Record<(typeof DRAW_INDICATORS)[number], boolean>;
  DRAW_INDICATORS.forEach((k, i) => {
    values[k] = decodeNumber(encoded[i]!);
    present[k] = (mask & (1 << i)) !== 0;
  });
  return { values, present };
}
