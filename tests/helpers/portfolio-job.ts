import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortfolioJob } from '../../src/api/evaluation/portfolio-jobs.js';
import { portfolioSchema } from '../../src/deal/portfolio-schema.js';

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));

/**
 * A portfolio job of `count` members as the API hands it to the evaluator: every template in turn,
 * each a variant (its own name and discount rate), stored as JSON text.
 */
export function makePortfolioJob(count: number, name = '片区打捆'): PortfolioJob {
  const templates = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(MODELS, f), 'utf8')) as Record<string, unknown>);
  const members = Array.from({ length: count }, (_, i) => {
    const template = templates[i % templates.length]!;
    const content = JSON.stringify({ ...template, name: `${String(template.name)} 变体 ${i + 1}`, discountRate: (0.05 + i * 0.0001).toFixed(4) });
    return { index: i, label: `m${i + 1}`, dealId: `d${i + 1}`, revision: 1, content };
  });
  return { portfolio: portfolioSchema.parse({ name, members: members.map((m) => ({ dealId: m.dealId, label: m.label })) }), members, asOf: '2026-03-01' };
}
