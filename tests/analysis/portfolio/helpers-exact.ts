import { readdirSync } from 'node:fs';
import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { D } from '../../../src/finance/decimal.js';

/** The ids of every template in models/, sorted. */
export const TEMPLATE_IDS = readdirSync(new URL('../../../models', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

/** A value with every Decimal written as its exact string (so −0 and 0, or 1.50 and 1.5, compare as the numbers they are). */
export const exact = (value: unknown): unknown => {
  if (D.isDecimal(value)) return value.toString();
  if (Array.isArray(value)) return value.map(exact);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exact(v)]));
  return value;
};

/** A deal input parsed, failing the test with its first problems when it does not parse. */
export const parsed = (input: unknown): Deal => {
  const outcome = parseDeal(input);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems.slice(0, 3)));
  return outcome.deal;
};
