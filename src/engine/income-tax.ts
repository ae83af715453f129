import { D } from '../finance/decimal.js';
import type { Series } from './series.js';

export interface IncomeTaxSchedule {
  /** 弥补以前年度亏损: earlier losses used this year. */
  lossesUsed: Series;
  /** 应纳税所得额. */
  taxableIncome: Series;
  incomeTax: Series;
  /** Losses that expired unused, by the year they expired. */
  lossesExpired: Series;
}

/**
 * Income tax with losses carried forward (methodology §7): a loss of year k offsets profits of years
 * k+1 … k+carryYears, oldest first; taxable_t = max(0, base_t − losses used); tax = taxable × rate.
 * `N` is the number type of the rows: the exact D, or FloatDecimal where the break-even search guesses.
 */
export function computeIncomeTax(base: Series, rate: D, carryYears: number, N: typeof D = D): IncomeTaxSchedule {
  // In the rows' own number type: a FloatDecimal row stays FloatDecimal throughout.
  const zero = new N(0);
  const pool: { year: number; remaining: D }[] = [];
  const out: IncomeTaxSchedule = { lossesUsed: [], taxableIncome: [], incomeTax: [], lossesExpired: [] };
  for (let t = 0; t < base.length; t++) {
    let expired = zero;
    while (pool.length > 0 && t - pool[0]!.year > carryYears) expired = expired.plus(pool.shift()!.remaining);
    out.lossesExpired.push(expired);
    const value = base[t]!;
    if (!value.isPositive() || value.isZero()) {
      if (!value.isZero() && carryYears > 0) pool.push({ year: t, remaining: value.negated() });
      out.lossesUsed.push(zero);
      out.taxableIncome.push(zero);
      out.incomeTax.push(zero);
      continue;
    }
    let used = zero;
    let room = value;
    while (pool.length > 0 && room.isPositive() && !room.isZero()) {
      const oldest = pool[0]!;
      const take = N.min(oldest.remaining, room);
      used = used.plus(take);
      room = room.minus(take);
      oldest.remaining = oldest.remaining.minus(take);
      if (oldest.remaining.isZero()) pool.shift();
    }
    out.lossesUsed.push(used);
    out.taxableIncome.push(room);
    out.incomeTax.push(room.times(rate));
  }
  return out;
}
