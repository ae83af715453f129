import type { Deal } from '../deal/deal-schema.js';
import type { Projection } from './project-deal.js';
import { subtractSeries, sumSeries, type Series } from './series.js';
import { computeVat } from './vat.js';

/**
 * The input VAT on 维持运营投资 that the year actually sets against output VAT (methodology §4.5):
 * VAT payable without the renewals' input VAT − VAT payable with it. A credit that no output VAT
 * absorbs yet is carried (§7.3) and counts in the year it lowers the VAT paid, so the row sums to what
 * the renewals' VAT saved and never exceeds their input VAT.
 */
export function computeSustainingVatCredited(deal: Deal, p: Projection): Series {
  const { T } = p.timeline;
  const otherInputVat = sumSeries(T, [p.capex.creditableVat, p.opex.inputVat]);
  const payableWithout = computeVat(p.revenue.outputVat, otherInputVat, deal.tax).payable;
  return subtractSeries(payableWithout, p.vat.payable);
}
