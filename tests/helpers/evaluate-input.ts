import type { Deal } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { loadTemplate } from './load-template.js';

/** Parse and evaluate a deal input as of 2026-11-23 (fails the test on any problem). */
export function evaluateInput(input: unknown): Evaluation {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return evaluateParsed(parsed.deal);
}

/** Evaluate a parsed deal as of 2026-11-23 (fails the test on any problem). */
export function evaluateParsed(deal: Deal): Evaluation {
  const e = evaluateDeal(deal, { asOf: '2026-11-23' });
  if (!e.ok) throw new Error(JSON.stringify(e.problems));
  return e;
}

/** A template of models/ evaluated as of 2026-11-23. */
export const evaluateTemplate = (id: string): Evaluation => evaluateParsed(loadTemplate(id));
