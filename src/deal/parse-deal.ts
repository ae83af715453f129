import type { z } from 'zod';
import { capexItemSchema } from './capex-schema.js';
import { dealSchema, type Deal } from './deal-schema.js';
import { revenueStreamSchema } from './revenue-schema.js';
import type { Problem } from './problem.js';
import { validateDeal, validateDealParts, type DealParts } from './validate-deal.js';
import { convertZodIssues } from './zod-problems.js';
import { DEFAULT_FORMULA_LIMITS, type FormulaLimits } from './formula-cost.js';

export interface ParseDealOptions {
  /** Bounds on custom formulas (formula-cost.ts). */
  formulaLimits?: FormulaLimits;
}

/** The lists of a deal with a bound, checked before anything else so an oversized list is refused before any element is parsed or compiled. */
const LIST_LIMITS = { capex: 500, revenue: 100, operatingSupport: 100 } as const;

export type ParseDealResult = { ok: true; deal: Deal } | { ok: false; problems: Problem[] };

/**
 * Parse untrusted input into a deal with defaults applied. Every problem is reported at once: the
 * shape problems, and the cross-field problems of every section that is sound on its own.
 */
export function parseDeal(input: unknown, { formulaLimits = DEFAULT_FORMULA_LIMITS }: ParseDealOptions = {}): ParseDealResult {
  const oversized = findOversizedLists(input);
  if (oversized.length > 0) return { ok: false, problems: oversized };
  const parsed = dealSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const shape = convertZodIssues(parsed.error.issues);
    return { ok: false, problems: [...shape, ...validateDealParts(parseDealParts(input), formulaLimits)] };
  }
  const problems = validateDeal(parsed.data, formulaLimits);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, deal: parsed.data };
}

/** The lists longer than their bound: a cheap check of lengths only. */
function findOversizedLists(input: unknown): Problem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return [];
  const raw = input as Record<string, unknown>;
  return Object.entries(LIST_LIMITS).flatMap(([key, max]) => {
    const value = raw[key];
    return Array.isArray(value) && value.length > max
      ? [{ code: 'TOO_BIG', path: key, message: `has ${value.length} elements; at most ${max} are allowed` }]
      : [];
  });
}

/** Each section, capex item and stream parsed on its own; whatever fails is left undefined. */
function parseDealParts(input: unknown): DealParts {
  const raw = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const shape = dealSchema.shape;
  const section = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> | undefined => {
    const result = schema.safeParse(value);
    return result.success ? result.data : undefined;
  };
  const list = <S extends z.ZodType>(schema: S, value: unknown): (z.output<S> | undefined)[] =>
    Array.isArray(value) ? value.map((element) => section(schema, element)) : [];
  return {
    timeline: section(shape.timeline, raw.timeline),
    scope: section(shape.scope, raw.scope),
    capex: list(capexItemSchema, raw.capex),
    revenue: list(revenueStreamSchema, raw.revenue),
    opex: section(shape.opex, raw.opex),
    workingCapital: section(shape.workingCapital, raw.workingCapital),
    handBack: section(shape.handBack, raw.handBack),
    indicators: section(shape.indicators, raw.indicators),
    funding: section(shape.funding, raw.funding),
    operatingSupport: section(shape.operatingSupport, raw.operatingSupport),
    covenants: section(shape.covenants, raw.covenants),
    constructionProfit: section(shape.constructionProfit, raw.constructionProfit),
    waterfall: section(shape.waterfall, raw.waterfall),
  };
}
