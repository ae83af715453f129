import type { TaxParameters } from '../deal/tax-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { Series } from './series.js';

export interface VatSchedule {
  /** 应纳增值税: max(0, output − input − credit brought forward). */
  payable: Series;
  /** Input VAT credit carried into the next year. */
  creditCarried: Series;
  /** 税金及附加: surcharges on VAT paid (urban maintenance + education + local education). */
  surcharges: Series;
  surchargeRate: D;
}

/**
 * VAT with input credits carried forward (methodology §7):
 *   payable_t = max(0, output_t − input_t − credit_{t−1}),
 *   credit_t  = max(0, credit_{t−1} + input_t − output_t),
 *   surcharges_t = payable_t × (7% + 3% + 2% by default).
 * `N` is the number type of the rows: the exact D, or FloatDecimal where the break-even search guesses.
 */
export function computeVat(outputVat: Series, inputVat: Series, tax: TaxParameters, N: typeof D = D): VatSchedule {
  const zero = N === D ? ZERO : new N(0);
  const surchargeRate = new N(tax.urbanMaintenanceRate).plus(tax.educationSurchargeRate).plus(tax.localEducationSurchargeRate);
  const payable: Series = [];
  const creditCarried: Series = [];
  const surcharges: Series = [];
  let credit = zero;
  for (let i = 0; i < outputVat.length; i++) {
    const balance = outputVat[i]!.minus(inputVat[i]!).minus(credit);
    if (balance.isPositive() && !balance.isZero()) {
      payable.push(balance);
      credit = zero;
    } else {
      payable.push(zero);
      credit = balance.negated();
    }
    creditCarried.push(credit);
    surcharges.push(payable[i]!.times(surchargeRate));
  }
  return { payable, creditCarried, surcharges, surchargeRate };
}
