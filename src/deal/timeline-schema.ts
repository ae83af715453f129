import { z } from 'zod';
import { decimalField, share } from './primitives.js';

/**
 * Annual timeline (FINANCE.md §2): years t = 1 … C + N, C construction years then N operating years.
 * `capexPhasing` is the default share of each capex item spent in each construction year; it must
 * have C entries summing to 1. When omitted, capex is spread evenly.
 */
export const timelineSchema = z.strictObject({
  startYear: z.number({ error: 'must be a calendar year' }).int().min(1990).max(2100),
  constructionYears: z.number({ error: 'must be a whole number of years' }).int().min(1).max(5),
  operatingYears: z.number({ error: 'must be a whole number of years' }).int().min(1).max(30).default(25),
  capexPhasing: z.array(share()).min(1).max(5).optional(),
});
export type Timeline = z.output<typeof timelineSchema>;

/** Physical scope of the renovation; revenue drivers default to these counts. */
export const scopeSchema = z.strictObject({
  households: z.number().int().min(0).max(1_000_000),
  buildings: z.number().int().min(0).max(100_000).optional(),
  floorAreaM2: decimalField({ min: 0, max: 1e9, what: 'a floor area in ㎡' }).optional(),
  elevators: z.number().int().min(0).max(100_000).optional(),
  parkingSpaces: z.number().int().min(0).max(1_000_000).optional(),
  stairwells: z.number().int().min(0).max(100_000).optional(),
  residents: z.number().int().min(0).max(10_000_000).optional(),
});
export type Scope = z.output<typeof scopeSchema>;
