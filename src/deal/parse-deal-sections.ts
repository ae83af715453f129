import type { z } from 'zod';
import { dealSchema, type Deal } from './deal-schema.js';
import { DEFAULT_FORMULA_LIMITS } from './formula-cost.js';
import { parseDeal, type ParseDealOptions, type ParseDealResult } from './parse-deal.js';
import { validateDeal } from './validate-deal.js';

/** Sections kept parsed by one parser; beyond this the oldest is dropped (a part of a portfolio is 50 members). */
const MAX_KEPT_SECTIONS = 2_000;

const SECTIONS = Object.entries(dealSchema.shape) as [keyof Deal, z.ZodType][];

/**
 * A deal parser for many deals that share most of their content — a portfolio's members, variants of
 * a few templates (issue 16): each top-level section of a deal (its timeline, capex, revenue, funding,
 * …) is checked by its own schema once per distinct content and the parsed section reused, so a
 * variant that changes its name and discount rate is shape-checked only there. The cross-field checks
 * (validateDeal) still run on every whole deal. The answer is parseDeal's: the deal schema is a strict
 * object of these sections with no check of its own across them, so a deal whose every section parses
 * and whose keys are all sections parses whole to the same deal; anything else (an unknown key, a
 * section that does not parse) goes to parseDeal itself, for its problems exactly as it reports them.
 *
 * The parsed sections are shared between the deals a parser returns: a deal is read, never changed
 * in place (analysis edits a structured clone, drivers.ts). The parser keeps its sections for its own
 * life only: make one per batch of deals.
 */
export function createSectionParser({ formulaLimits = DEFAULT_FORMULA_LIMITS }: ParseDealOptions = {}): (input: unknown) => ParseDealResult {
  const kept = new Map<string, unknown>();
  const parseSection = (key: string, schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false } => {
    const text = `${key}\u0000${JSON.stringify(value)}`;
    if (kept.has(text)) return { ok: true, value: kept.get(text) };
    const parsed = schema.safeParse(value);
    if (!parsed.success) return { ok: false };
    if (kept.size >= MAX_KEPT_SECTIONS) kept.delete(kept.keys().next().value!);
    kept.set(text, parsed.data);
    return { ok: true, value: parsed.data };
  };
  return (input) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return parseDeal(input, { formulaLimits });
    const raw = input as Record<string, unknown>;
    if (Object.keys(raw).some((key) => !Object.hasOwn(dealSchema.shape, key))) return parseDeal(input, { formulaLimits });
    const deal: Record<string, unknown> = {};
    for (const [key, schema] of SECTIONS) {
      const present = Object.hasOwn(raw, key);
      const section = parseSection(key, schema, raw[key]);
      if (!section.ok) return parseDeal(input, { formulaLimits });
      // As the object schema does: an optional section left out stays out.
      if (present || section.value !== undefined) deal[key] = section.value;
    }
    const problems = validateDeal(deal as Deal, formulaLimits);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, deal: deal as Deal };
  };
}
