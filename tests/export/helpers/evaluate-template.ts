import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../../src/engine/evaluate-deal.js';

const MODELS = fileURLToPath(new URL('../../../models', import.meta.url));
export const TEMPLATE_IDS = readdirSync(MODELS).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();

/** A template of models/ parsed and evaluated as of a fixed date. */
export function evaluateTemplate(id: string): { deal: Deal; evaluation: Evaluation } {
  const parsed = parseDeal(JSON.parse(readFileSync(`${MODELS}/${id}.json`, 'utf8')));
  if (!parsed.ok) throw new Error(`${id}: ${JSON.stringify(parsed.problems)}`);
  const evaluation = evaluateDeal(parsed.deal, { asOf: '2026-03-01' });
  if (!evaluation.ok) throw new Error(`${id}: ${JSON.stringify(evaluation.problems)}`);
  return { deal: parsed.deal, evaluation };
}
