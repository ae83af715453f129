import { z } from 'zod';
import { decimalField, integerField, rate, share, text } from './primitives.js';

/** One cash sweep (methodology §11.11): a share of the year's cash left prepays the bank loan sourceId. */
export const cashSweepEntrySchema = z.strictObject({
  sourceId: text(100),
  share: share(),
  mode: z.enum(['shorten', 'reamortise'], { error: 'must be "shorten" or "reamortise"' }).default('shorten'),
});

/** A deal saved with one sweep as an object keeps working: the object is read as a list of one. */
function wrapSingleSweep(value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value] : value;
}

/**
 * The cash waterfall (methodology §11): reserves, lock-up, distributions and short-term borrowing.
 * Every part is optional; the defaults hold no reserve, no lock-up, no distribution (cash retained), and cover any shortfall with 临时借款 at the 1-year LPR (3.0% since May 2025).
 */
export const waterfallSchema = z.strictObject({
  /** Debt service reserve: months of next year's debt service, funded at close (equity) or built from cash. */
  dsra: z
    .strictObject({
      months: integerField(0, 24, 'a number of months between 0 and 24'),
      funding: z.enum(['at-close', 'from-cash'], { error: 'must be "at-close" or "from-cash"' }).default('from-cash'),
    })
    .default({ months: 0, funding: 'from-cash' }),
  /** Major-maintenance reserve: each 维持运营投资 event is set aside in equal parts over this many years before it (0 = none). */
  mmra: z.strictObject({ buildUpYears: integerField(0, 10, 'a number of years between 0 and 10') }).default({ buildUpYears: 0 }),
  /** Distributions are blocked in a year whose DSCR (the year's, or the average of the trailing years) is below minDscr. */
  lockUp: z
    .strictObject({
      minDscr: decimalField({ min: 0, max: 100, what: 'a DSCR threshold' }).optional(),
      basis: z.enum(['year', 'trailing'], { error: 'must be "year" or "trailing"' }).default('year'),
      trailingYears: integerField(2, 5, 'a number of years between 2 and 5').default(2),
    })
    .default({ basis: 'year', trailingYears: 2 }),
  /**
   * 应付利润: paid within 可供分配利润 not yet distributed and the free cash, times payoutRatio. Off unless
   * the deal turns it on, so a deal written before the waterfall keeps its figures (its cash is retained).
   */
  distributions: z
    .strictObject({ enabled: z.boolean({ error: 'must be true or false' }).default(false), payoutRatio: share().default('1') })
    .default({ enabled: false, payoutRatio: '1' }),
  /**
   * The order loans and bonds are served from CFADS (methodology §11.9): ids of funding.sources' loans
   * and bonds, most senior first. Facilities not listed follow in the default order: special bonds
   * first (each served from its earmarked income before the loans), then bank loans, each in the deal's order.
   */
  facilityOrder: z.array(text(100)).max(50).optional(),
  /**
   * Cash sweeps (methodology §11.11): each names a bank loan `sourceId` whose principal `share` of the
   * year's cash left after the reserves and the distribution test prepays, before distributions;
   * `shorten` keeps later instalments and ends the loan earlier, `reamortise` spreads the balance left
   * over the years left. Applied in the order given (the term sheet's), each share of the same cash.
   * The single-object form a deal saved before several sweeps were offered is read as a list of one.
   */
  cashSweep: z.preprocess(wrapSingleSweep, z.array(cashSweepEntrySchema).min(1, { error: 'must list at least one sweep (or be left out)' }).max(20))
    .meta({ description: 'Cash sweeps, applied in the order given, each a share of the same year\'s cash (shares add up to at most 1); a single sweep object, as saved before lists were offered, is read as a list of one.' })
    .optional(),
  /** 临时借款 where cash would go below zero; repaid first from later cash; interest on the opening balance. */
  shortTermBorrowing: z
    .strictObject({ enabled: z.boolean({ error: 'must be true or false' }).default(true), rate: rate().default('0.03') })
    .default({ enabled: true, rate: '0.03' }),
});

export type Waterfall = z.output<typeof waterfallSchema>;
