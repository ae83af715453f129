import { z } from 'zod';
import { count, decimalField, integerField, share } from './primitives.js';

/**
 * Annual timeline (methodology §2): years t = 1 … C + N, C construction years then N operating years.
 * `capexPhasing` is the default share of each capex item spent in each construction year; it must
 * have C entries summing to 1. When omitted, capex is spread evenly.
 */
export const timelineSchema = z.strictObject({
  startYear: integerField(1990, 2100, 'a calendar year'),
  constructionYears: integerField(1, 5, 'a number of construction years'),
  operatingYears: integerField(1, 30, 'a number of operating years').default(25),
  capexPhasing: z.array(share()).min(1).max(5).optional(),
});

/** Physical scope of the renovation; revenue drivers default to these counts. */
export const scopeSchema = z.strictObject({
  households: count(1_000_000, 'a number of households'),
  buildings: count(100_000, 'a number of buildings').optional(),
  floorAreaM2: decimalField({ min: 0, max: 1e9, what: 'a floor area in ㎡' }).optional(),
  elevators: count(100_000, 'a number of elevators').optional(),
  parkingSpaces: count(1_000_000, 'a number of parking spaces').optional(),
  stairwells: count(100_000, 'a number of stairwells').optional(),
  residents: count(10_000_000, 'a number of residents').optional(),
});
