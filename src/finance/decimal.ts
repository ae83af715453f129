import { Decimal } from 'decimal.js';
import { FloatDecimal } from './float-decimal.js';

/**
 * The project's exact Decimal constructor (methodology §8): 34 significant digits (IEEE decimal128's
 * precision, far above anything a 元 amount needs) and banker's rounding.
 */
const ExactDecimal = Decimal.clone({
  precision: 34,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});

/**
 * Where a worker thread says, before it loads the engine, which arithmetic it runs on: `'float64'`
 * selects the fast path (float-decimal.ts), anything else the exact decimals. Only the Monte Carlo
 * simulation's workers set it (src/worker-bootstrap.mjs reads it from their workerData and sets this
 * symbol, spelled out there as it loads before TypeScript can be imported), so every figure a user
 * reads to the 分 is computed exactly. It is a per-thread global, not configuration passed in
 * (DESIGN.md): the number type is fixed when the engine's modules load.
 */
const ARITHMETIC_GLOBAL = Symbol.for('renovation-capital-planner.arithmetic');

/** Whether this thread runs the engine on float64 (the simulation's fast path). */
export const RUNS_ON_FLOAT64 = (globalThis as { [ARITHMETIC_GLOBAL]?: unknown })[ARITHMETIC_GLOBAL] === 'float64';

/**
 * The project's one Decimal constructor: exact, or in a simulation worker FloatDecimal, which has the
 * same API on float64. Never use the global `Decimal` config; import `D` from here.
 */
export const D: typeof ExactDecimal = RUNS_ON_FLOAT64 ? (FloatDecimal as unknown as typeof ExactDecimal) : ExactDecimal;
export type D = InstanceType<typeof ExactDecimal>;

/** What callers may pass where a decimal is expected. */
export type DecimalInput = D | number | string;

export const ZERO = new D(0);
export const ONE = new D(1);

/**
 * Round a 元 amount to the 分 (0.01), half-even. An exact amount already to the 分 is returned as it
 * is (a Decimal is immutable, so it is the same number): most amounts the engine rounds already are,
 * and rounding them anyway made a new Decimal each time (issue 16's portfolio profile). On float64
 * counting the places costs more than rounding, so there it always rounds.
 */
export function roundToFen(value: D): D {
  if (!RUNS_ON_FLOAT64 && value.decimalPlaces() <= 2) return value;
  return value.toDecimalPlaces(2, D.ROUND_HALF_EVEN);
}
