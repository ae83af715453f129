/**
 * Where a portfolio evaluation's time goes, phase by phase, on this thread (issue 16's profile): the
 * members' stored texts parsed and validated, each evaluated, the statements summed, the answer
 * serialised (and its size), and what the worker hand-over costs (a structured clone of the job).
 *
 *   npx tsx tests/bench/portfolio-phases.ts [--members 1000] [--full]
 *
 * Members are evaluated as portfolio parts evaluate them (outputs: 'portfolio-member'); --full
 * evaluates them in full instead, for comparison. Under node --cpu-prof it is the member profile:
 *   node --import tsx --cpu-prof --cpu-prof-dir /tmp/prof tests/bench/portfolio-phases.ts --members 200
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluatePortfolio } from '../../src/analysis/portfolio/evaluate-portfolio.js';
import type { PartInputMember } from '../../src/analysis/portfolio/portfolio-parts.js';
import { createSectionParser } from '../../src/deal/parse-deal-sections.js';
import { portfolioSchema } from '../../src/deal/portfolio-schema.js';
import { repairStoredText } from '../../src/deal/xml-safe-text.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const index = process.argv.indexOf('--members');
const memberCount = index >= 0 ? Number(process.argv[index + 1]) : 1000;
const full = process.argv.includes('--full');
const templates = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(MODELS, f), 'utf8')) as Record<string, unknown>);
const texts = Array.from({ length: memberCount }, (_, i) => {
  const template = templates[i % templates.length]!;
  return JSON.stringify({ ...template, name: `${String(template.name)} 变体 ${i + 1}`, discountRate: (0.05 + i * 0.00001).toFixed(5) });
});
const portfolio = portfolioSchema.parse({ name: 'phases', members: texts.map((_, i) => ({ dealId: `d${i}` })) });

const timed = <T>(label: string, work: () => T): T => {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = work();
  const used = process.cpuUsage(cpu);
  console.log(`${label.padEnd(40)} ${(performance.now() - start).toFixed(0).padStart(7)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms)`);
  return value;
};

timed('structured clone of the job (texts)', () => structuredClone(texts));
// As a portfolio part reads its members (portfolio-jobs.ts readMemberDeals): one section parser for the run of members.
const parseMember = createSectionParser();
const deals = timed('parse + repair + validate', () =>
  texts.map((t) => {
    const parsed = parseMember(repairStoredText(JSON.parse(t) as unknown));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems.slice(0, 3)));
    return parsed.deal;
  }),
);
const members: PartInputMember[] = timed(`evaluate every member${full ? ' (in full)' : ''}`, () =>
  deals.map((deal, i) => {
    // As portfolio-jobs.ts evaluates a part's members (or in full, as before).
    const outcome = full ? evaluateDeal(deal, { asOf: '2026-03-01', breakEven: false }) : evaluateDeal(deal, { asOf: '2026-03-01', breakEven: false, outputs: 'portfolio-member' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems.slice(0, 3)));
    return { label: `m${i}`, dealId: `d${i}`, revision: 1, evaluation: outcome };
  }),
);
const result = timed('aggregate (evaluatePortfolio)', () => evaluatePortfolio(portfolio, members));
const json = timed('JSON.stringify the answer', () => JSON.stringify({ asOf: '2026-03-01', result }));
console.log(`answer: ${(json.length / 1024).toFixed(0)} KB; members ${(JSON.stringify(result.members).length / 1024).toFixed(0)} KB, statements ${(JSON.stringify(result.statements).length / 1024).toFixed(0)} KB, bondCapital ${(JSON.stringify(result.bondCapital).length / 1024).toFixed(0)} KB`);
timed('structured clone of the result', () => structuredClone(result));
