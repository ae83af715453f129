import { readFileSync } from 'node:fs';
import type { Deal, DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';

/** A template of models/ parsed into a deal (fails the test when it does not parse). */
export function loadTemplate(id: string): Deal {
  const parsed = parseDeal(JSON.parse(readFileSync(new URL(`../../models/${id}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`template ${id} does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.deal;
}

/** A template of models/ as its input JSON, to vary before parsing. */
export function loadTemplateInput(id: string): DealInput {
  return JSON.parse(readFileSync(new URL(`../../models/${id}.json`, import.meta.url), 'utf8')) as DealInput;
}
