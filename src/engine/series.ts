import { D, ZERO } from '../finance/decimal.js';

/** A yearly row: index i is year t = i + 1 of the timeline (methodology §2). */
export type Series = D[];

export function createZeroSeries(length: number): Series {
  return new Array<D>(length).fill(ZERO);
}

/** Element-wise sum of rows of equal length. */
export function sumSeries(length: number, rows: readonly Series[]): Series {
  const out = createZeroSeries(length);
  for (const row of rows) {
    for (let i = 0; i < length; i++) {
      const value = row[i]!;
      if (!value.isZero()) out[i] = out[i]!.isZero() ? value : out[i]!.plus(value);
    }
  }
  return out;
}

export function subtractSeries(a: Series, b: Series): Series {
  return a.map((value, i) => {
    const other = b[i]!;
    return other.isZero() ? value : value.minus(other);
  });
}

/** Running sum: cumulative_t = Σ_{k≤t} row_k. */
export function accumulateSeries(row: Series): Series {
  let running = ZERO;
  return row.map((value) => (running = running.plus(value)));
}

export function totalOf(row: Series): D {
  let sum = ZERO;
  for (const value of row) if (!value.isZero()) sum = sum.isZero() ? value : sum.plus(value);
  return sum;
}

/** Factors already computed, by rate and length: an evaluation asks for the same ones several times. */
const discountFactorCache = new Map<string, readonly D[]>();
const DISCOUNT_FACTOR_CACHE_SIZE = 64;

/**
 * Discount factors 1/(1+i)^t for t = 1…length, by repeated division (no non-integer powers). The
 * result is shared between callers (series are never mutated), so it is frozen.
 */
export function computeDiscountFactors(rate: D, length: number): Series {
  const key = `${rate.toString()}|${length}`;
  const cached = discountFactorCache.get(key);
  if (cached) return cached as Series;
  const growth = rate.plus(1);
  const factors: Series = [];
  let factor = new D(1);
  for (let i = 0; i < length; i++) {
    factor = factor.div(growth);
    factors.push(factor);
  }
  if (discountFactorCache.size >= DISCOUNT_FACTOR_CACHE_SIZE) discountFactorCache.delete(discountFactorCache.keys().next().value!);
  discountFactorCache.set(key, Object.freeze(factors));
  return factors;
}

/** NPV at the start of year 1: Σ CF_t / (1+i)^t (methodology §2), given the discount factors. */
export function discountSeries(row: Series, factors: Series): D {
  let sum = ZERO;
  for (let i = 0; i < row.length; i++) {
    const value = row[i]!;
    if (!value.isZero()) sum = sum.plus(value.times(factors[i]!));
  }
  return sum;
}
