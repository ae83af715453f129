/**
 * A portfolio's work per member, this checkout against another, side by side in one process (issue
 * 16): on a machine other work shares, wall time (and even a server's CPU time) says little, so both
 * checkouts' code runs here on the same members, alternating (A B, B A, …, the first round a warm-up),
 * and the CPU time of each round is printed with the medians. The answers must be identical: the JSON
 * of the portfolio (or of every member's stress part) is compared, and a difference stops the script.
 *
 *   npx tsx tests/bench/portfolio-cpu-compare.ts --root /path/to/other/checkout [--members 200] [--rounds 5]
 *   npx tsx tests/bench/portfolio-cpu-compare.ts --root /path/to/other/checkout --stress [--members 40]
 *
 * The evaluation is what a portfolio part does on a worker (portfolio-jobs.ts evaluatePortfolioMembers:
 * the stored texts parsed and validated, each member evaluated with outputs: 'portfolio-member', the
 * parts summed and combined); --stress is each member under the base and the five standard shocks
 * (portfolio-stress.ts evaluateMemberStress). The members are the benchmark's template variants.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('../..', import.meta.url));
const option = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const other = option('root');
if (other === undefined) throw new Error('--root <another checkout> is required');
const stress = process.argv.includes('--stress');
const memberCount = Number(option('members') ?? (stress ? 40 : 200));
const rounds = Number(option('rounds') ?? 5);

const MODELS = join(here, 'models');
const templates = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(MODELS, f), 'utf8')) as Record<string, unknown>);
const texts = Array.from({ length: memberCount }, (_, i) => {
  const template = templates[i % templates.length]!;
  return JSON.stringify({ ...template, name: `${String(template.name)} 变体 ${i + 1}`, discountRate: (0.05 + i * 0.00001).toFixed(5) });
});

/** One checkout's code for the round: a function doing the work and giving the answer's JSON. */
const loadCheckout = async (root: string): Promise<() => string> => {
  const from = (path: string) => import(join(resolve(root), path));
  const { portfolioSchema } = await from('src/deal/portfolio-schema.ts');
  const portfolio = portfolioSchema.parse({ name: 'compare', members: texts.map((_, i) => ({ dealId: `d${i}` })) });
  const members = texts.map((content, index) => ({ index, label: `m${index}`, dealId: `d${index}`, revision: 1, content }));
  if (!stress) {
    const { evaluatePortfolioMembers } = await from('src/api/evaluation/portfolio-jobs.ts');
    return () => JSON.stringify(evaluatePortfolioMembers({ portfolio, members, asOf: '2026-03-01' }));
  }
  const { evaluateMemberStress } = await from('src/analysis/portfolio/portfolio-stress.ts');
  const { DEFAULT_PORTFOLIO_SHOCKS } = await from('src/analysis/portfolio/portfolio-shocks.ts');
  const { readMemberDeals } = await from('src/api/evaluation/portfolio-jobs.ts');
  return () => {
    const read = readMemberDeals(members);
    if (!read.ok) throw new Error(JSON.stringify(read.problems.slice(0, 3)));
    return JSON.stringify(read.deals.map((m: { label: string; dealId: string; deal: unknown }) => evaluateMemberStress(m, DEFAULT_PORTFOLIO_SHOCKS, '2026-03-01')));
  };
};

const checkouts = [
  { label: 'this checkout', work: await loadCheckout(here), cpu: [] as number[] },
  { label: other, work: await loadCheckout(other), cpu: [] as number[] },
];
let reference: string | undefined;
for (let round = 0; round <= rounds; round++) {
  for (const c of round % 2 === 0 ? checkouts : [...checkouts].reverse()) {
    const before = process.cpuUsage();
    const answer = c.work();
    const used = process.cpuUsage(before);
    reference ??= answer;
    if (answer !== reference) throw new Error(`${c.label} answers differently from the first answer`);
    if (round > 0) c.cpu.push((used.user + used.system) / 1000);
  }
}
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const what = stress ? `${memberCount} members × (base + 5 shocks)` : `${memberCount} members evaluated, summed and combined`;
for (const c of checkouts) console.log(`${c.label}: ${what}: CPU ${c.cpu.map((t) => t.toFixed(0)).join(' / ')} ms, median ${median(c.cpu).toFixed(0)} ms (${(median(c.cpu) / memberCount).toFixed(2)} ms per member)`);
console.log(`answers identical (${(reference!.length / 1024).toFixed(0)} KB of JSON each)`);
