import { applyChanges, type Driver } from '../../src/analysis/drivers.js';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { INDICATOR_NAMES, readIndicator, type Indicator } from '../../src/analysis/indicators.js';
import type { Deal } from '../../src/deal/deal-schema.js';

export interface VariantCase {
  name: string;
  deal: Deal;
  changes: { driver: Driver; change: number }[];
}

export type VariantIndicators = { ok: true; values: Record<Indicator, number | null> } | { ok: false; codes: string[] };

/** Every indicator of the decision tools for a changed deal, as numbers (null where it does not exist). */
export function evaluateVariantIndicators(variant: VariantCase, asOf: string): VariantIndicators {
  const outcome = evaluateVariant(applyChanges(variant.deal, variant.changes), asOf);
  if (!outcome.ok) return { ok: false, codes: outcome.problems.map((p) => p.code) };
  const values = Object.fromEntries(INDICATOR_NAMES.map((k) => [k, readIndicator(outcome.evaluation, k)?.toNumber() ?? null])) as Record<Indicator, number | null>;
  return { ok: true, values };
}
