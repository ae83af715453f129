import { dealSchema, type Deal } from './deal-schema.js';
import type { Problem } from './problem.js';
import { validateDeal } from './validate-deal.js';
import { convertZodIssues } from './zod-problems.js';

export type ParseDealResult = { ok: true; deal: Deal } | { ok: false; problems: Problem[] };

/**
 * Parse untrusted input into a deal with defaults applied. Shape problems are all reported at once;
 * when the shape is right, the cross-field checks run and are all reported at once too.
 */
export function parseDeal(input: unknown): ParseDealResult {
  const parsed = dealSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: convertZodIssues(parsed.error.issues) };
  const problems = validateDeal(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, deal: parsed.data };
}
