import { D, ZERO } from '../finance/decimal.js';
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
 * Income tax with losses carried forward (FINANCE.md §7): a loss of year k offsets profits of years
 * k+1 … k+carryYears, oldest first; taxable_t = max(0, base_t − losses used); tax = taxable × rate.
 */
export function computeIncomeTax(base: Series, rate: D, carryYears: number): IncomeTaxSchedule {
  const pool: { year: number; remaining: D }[] = [];
  const out: IncomeTaxSchedule = { lossesUsed: [], taxableIncome: [], incomeTax: [], lossesExpired: [] };
  for (let t = 0; t < base.length; t++) {
    let expired = ZERO;
    while (pool.length > 0 && t - pool[0]!.year > carryYears) expired = expired.plus(pool.shift()!.remaining);
    out.lossesExpired.push(expired);
    const value = base[t]!;
    if (!value.isPositive() || value.isZero()) {
      if (!value.isZero() && carryYears > 0) pool.push({ year: t, remaining: value.negated() });
      out.lossesUsed.push(ZERO);
      out.taxableIncome.push(ZERO);
      out.incomeTax.push(ZERO);
      continue;
    }
    let used = ZERO;
    let room = value;
    while (pool.length > 0 && room.isPositive() && !room.isZero()) {
      const oldest = pool[0]!;
      const take = D.min(oldest.remaining, room);
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
