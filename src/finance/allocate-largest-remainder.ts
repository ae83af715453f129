import { D, ZERO, type DecimalInput } from './decimal.js';
import { throwInvalidInput } from './finance-error.js';

/** A decimal input as a Decimal: one already is taken as it is (a Decimal is immutable), not copied. */
const toDecimal = (x: DecimalInput): D => (x instanceof D ? x : new D(x));

/**
 * Split `total` into parts proportional to `weights`, each part a whole number of `unit` (default the
 * 分, 0.01元), the parts adding up to `total` exactly (methodology §5, §8): Hamilton's largest-remainder
 * method. Each part first gets the whole units of its exact quota `total × w_i / Σw`; the units left
 * over go one each to the parts with the largest fractional remainders, ties to the earlier part.
 *
 * A negative total is split as its absolute value and negated, so every part has the total's sign.
 * Weights must be non-negative and not all zero; `total` must be a whole number of units.
 */
export function allocateLargestRemainder(total: DecimalInput, weights: readonly DecimalInput[], unit: DecimalInput = '0.01'): D[] {
  const name = 'allocateLargestRemainder';
  const step = toDecimal(unit);
  if (!step.isPositive() || step.isZero()) throwInvalidInput(name, 'the unit must be positive');
  const whole = toDecimal(total);
  if (!whole.isFinite()) throwInvalidInput(name, 'the total must be a finite number');
  const quotient = whole.abs().div(step);
  if (!quotient.isInteger()) throwInvalidInput(name, `the total ${whole.toString()} is not a whole number of ${step.toString()}`);
  const units = quotient.round(); // itself when exact; on float64 (the simulation) without a sum's rounding noise
  const w = weights.map(toDecimal);
  if (w.length === 0) throwInvalidInput(name, 'there must be at least one weight');
  if (w.some((x) => !x.isFinite() || x.isNegative())) throwInvalidInput(name, 'weights must be finite and non-negative');
  const weightSum = w.reduce((s, x) => s.plus(x), ZERO);
  if (weightSum.isZero()) throwInvalidInput(name, 'the weights must not all be zero');

  const quotas = w.map((x) => (x.isZero() ? ZERO : units.times(x).div(weightSum)));
  const floors = quotas.map((q) => q.floor());
  let left = units.minus(floors.reduce((s, f) => s.plus(f), ZERO)).toNumber();
  const scale = whole.isNegative() ? step.negated() : step;
  if (left <= 0) return floors.map((f) => f.times(scale)); // the quotas were whole: nothing left to hand out
  // Largest remainder first. Array sort is stable (ES2019), so equal remainders keep the parts' order
  // and a tie goes to the earlier part; a part with no remainder sorts last and is never reached, as
  // the units left are fewer than the parts with a remainder.
  const order = quotas.map((q, i) => ({ i, remainder: q.minus(floors[i]!) })).sort((a, b) => b.remainder.comparedTo(a.remainder));
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left -= 1;
  }
  return floors.map((f) => f.times(scale));
}
