import { CAPEX_KIND_DEFAULT_LIFE, isInputVatDeductible, type CapexItem } from '../deal/capex-schema.js';
import type { Deal } from '../deal/deal-schema.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';
import { D, ZERO } from '../finance/decimal.js';
import { createZeroSeries, sumSeries, totalOf, type Series } from './series.js';
import type { Timeline } from './timeline.js';
import { servesOnlyExempt } from './exempt-vat.js';
import { findInServiceIndex } from './opening.js';

export interface CapexLine {
  item: CapexItem;
  /** Cash paid each year, VAT-inclusive (建设投资). */
  gross: Series;
  /** Input VAT credited each year (zero when not deductible). */
  creditableVat: Series;
  /** Cost basis for depreciation: gross less creditable VAT (investor-owned items only). */
  depreciableBase: D;
  depreciationYears: number;
  /** Row index of the year it enters service: its phased opening, else the first operating year (methodology §10.11). */
  inServiceIndex: number;
}

export interface CapexSchedule {
  lines: CapexLine[];
  /** 建设投资 by year, VAT-inclusive. */
  total: Series;
  creditableVat: Series;
}

/**
 * Capex phased over the construction years (methodology §2): item amount × phasing share of year c to
 * the 分 by largest remainder,
 * the item's phasing or else the timeline's, or else an even split. Input VAT contained in the amount
 * is amount × r / (1 + r); it is creditable for investor-owned items unless the item says otherwise
 * or serves only VAT-exempt services (methodology §9).
 */
export function scheduleCapex(deal: Deal, timeline: Timeline): CapexSchedule {
  const { C, T } = timeline;
  const defaultPhasing = deal.timeline.capexPhasing ?? evenPhasing(C);
  const lines = deal.capex.map((item): CapexLine => {
    const phasing = item.phasing ?? defaultPhasing;
    const amount = new D(item.amount);
    const gross = createZeroSeries(T);
    const vatRate = new D(item.inputVatRate);
    // An asset used only for exempt services when it enters service (its phased opening, else operating
    // year 1) is not credited (methodology §9, 第二十七条), unless the item says vatDeductible itself.
    const inServiceIndex = findInServiceIndex(timeline, item.openingYear);
    const exemptOnly = item.vatDeductible === undefined && servesOnlyExempt(deal, item.servesStreams, deal.timeline.startYear + inServiceIndex);
    const deductible = isInputVatDeductible(item) && !exemptOnly;
    const creditableVat = createZeroSeries(T);
    // Each year's payment is whole 分 and the years add up to the amount exactly (methodology §8), so
    // that sources can equal uses to the 分 every year.
    const cells = allocateLargestRemainder(amount, phasing.slice(0, C));
    for (let c = 0; c < C; c++) {
      gross[c] = cells[c]!;
      if (deductible && !gross[c]!.isZero()) creditableVat[c] = gross[c]!.times(vatRate).div(vatRate.plus(1));
    }
    const creditable = totalOf(creditableVat);
    return {
      item,
      gross,
      creditableVat,
      depreciableBase: item.owner === 'investor' || item.amortiseAsConcession ? amount.minus(creditable) : ZERO,
      // A concession right is amortised from entering service to the end of operation (T − index years:
      // N without a phased opening); an owned asset over its life.
      depreciationYears:
        item.owner !== 'investor' && item.amortiseAsConcession ? T - inServiceIndex : (item.depreciationYears ?? CAPEX_KIND_DEFAULT_LIFE[item.kind]),
      inServiceIndex,
    };
  });
  return {
    lines,
    total: sumSeries(T, lines.map((l) => l.gross)),
    creditableVat: sumSeries(T, lines.map((l) => l.creditableVat)),
  };
}

/** Equal weights: an even split, to the 分 by largest remainder. */
function evenPhasing(C: number): string[] {
  return new Array<string>(C).fill('1');
}
