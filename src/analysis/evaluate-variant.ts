import type { Deal } from '../deal/deal-schema.js';
import { parseDeal } from '../deal/parse-deal.js';
import type { Problem } from '../deal/problem.js';
import { evaluateIndicators, type IndicatorEvaluation } from '../engine/evaluate-deal.js';

export type VariantOutcome = { ok: true; deal: Deal; evaluation: IndicatorEvaluation } | { ok: false; problems: Problem[] };

/**
 * Evaluate a changed deal the way a stored one is: parsed and validated again by parseDeal (so the
 * funding is re-checked and re-filled from the changed inputs), then evaluated as far as its indicators.
 */
export function evaluateVariant(variant: Deal, asOf: string): VariantOutcome {
  const parsed = parseDeal(variant);
  if (!parsed.ok) return parsed;
  // No analysis reads the break-even occupancy, the most expensive indicator, nor who pays: neither is computed here.
  const outcome = evaluateIndicators(parsed.deal, { asOf, breakEven: false });
  if (!outcome.ok) return outcome;
  return { ok: true, deal: parsed.deal, evaluation: outcome };
}
