import { D, ONE, ZERO, type DecimalInput } from './decimal.js';
import { DAYS_PER_YEAR, toDayNumbers, type DateInput } from './dates.js';
import { throwNoSolution } from './finance-error.js';
import { toDecimal, toDecimalArray } from './to-decimal.js';

/**
 * XNPV(rate, values, dates) — spreadsheet convention (methodology §8): ACT/365 with the **first listed
 * date** as the origin (not the earliest date):
 *
 *   XNPV = Σ_i values_i / (1 + rate)^((d_i − d_0) / 365)
 *
 * Dates may be unordered; a date before the first one gets a negative exponent (LibreOffice's
 * behaviour; Excel's documentation says #NUM! but Excel computes it in practice). Computed in decimal
 * as Σ values_i · δ^(d_i − d_0) with the daily factor δ = (1 + rate)^(−1/365) = exp(−ln(1 + rate)/365).
 * rate ≤ −1 has no real power → FinanceError('NO_SOLUTION').
 */
export function xnpv(rate: DecimalInput, values: readonly DecimalInput[], dates: readonly DateInput[]): D {
  const r = toDecimal(rate, 'xnpv', 'rate');
  const flows = toDecimalArray(values, 'xnpv', 'values');
  const days = toDayNumbers(dates, flows.length, 'xnpv');
  const growth = ONE.plus(r);
  if (growth.lte(0)) {
    return throwNoSolution('xnpv', `rate must be greater than -1 (-100%) for fractional-year discounting, got ${r.toString()}`);
  }
  // (1 + r)^−(days/365) = δ^days with the daily discount factor δ = exp(−ln(1 + r)/365), computed once;
  // δ^days is an integer power (exact repeated squaring), far cheaper than one exp per flow.
  const dailyDiscount = D.exp(growth.ln().div(-DAYS_PER_YEAR));
  const origin = days[0] as number;
  let total = ZERO;
  for (let i = 0; i < flows.length; i++) {
    const elapsed = (days[i] as number) - origin;
    const flow = flows[i] as D;
    total = total.plus(elapsed === 0 ? flow : flow.times(dailyDiscount.pow(elapsed)));
  }
  return total;
}
