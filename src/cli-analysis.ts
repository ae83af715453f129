import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { solveGoal } from './analysis/goal-seek.js';
import { solveRequestSchema } from './analysis/goal-seek-request.js';
import { analyseSensitivity } from './analysis/sensitivity.js';
import { sensitivityRequestSchema } from './analysis/sensitivity-request.js';
import { simulateDeal, type SimulationOutcome } from './analysis/simulation/simulate.js';
import { simulationRequestSchema, type SimulationRequest } from './analysis/simulation/simulation-request.js';
import { createSimulationPool } from './analysis/simulation/worker-pool.js';
import { readStressCases, runStressPack, stressRequestSchema, type StressResult } from './analysis/stress-pack.js';
import type { Deal } from './deal/deal-schema.js';
import { parseDeal } from './deal/parse-deal.js';
import type { Problem } from './deal/problem.js';
import { convertZodIssues } from './deal/zod-problems.js';
import { withProgressBar, type ProgressStream } from './cli-progress.js';

export { ANALYSIS_USAGE } from './cli-analysis-usage.js';

type Args = string[];
const readFlag = (args: Args, flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const FLAGS_WITH_VALUES = new Set(['--input', '--target', '--bounds', '--request', '--draws', '--seed', '--threads', '--as-of']);
const positional = (args: Args) => args.filter((a, i) => !a.startsWith('--') && !FLAGS_WITH_VALUES.has(args[i - 1] ?? ''));

class CliProblems extends Error {
  constructor(readonly where: string, readonly problems: Problem[]) {
    super(where);
  }
}

/** A solve input written `price:fz-parking-public`, as the body's `input` object. */
function readInputFlag(text: string): unknown {
  const [kind, a, b] = text.split(':');
  switch (kind) {
    case 'subsidy':
      return { kind: 'new-operating-subsidy', ...(a ? { level: a } : {}), ...(b ? { years: Number(b) } : {}) };
    case 'grant':
      return { kind: 'grant', source: a };
    case 'support':
      return { kind: 'operating-support', support: a };
    case 'price':
      return { kind: 'price', stream: a, ...(b ? { input: b } : {}) };
    case 'operating-years':
      return { kind: 'operating-years' };
    case 'residents':
      return { kind: 'residents', source: a };
    case 'loan':
      return { kind: 'loan-amount', source: a };
    default:
      return { kind };
  }
}

/** JSON text, or a file of it, checked against a schema: the parsed value, or the problems by path. */
export function parseJsonOption<S extends z.ZodType>(text: string | undefined, schema: S, fromFlags: Record<string, unknown> = {}): { ok: true; value: z.output<S> } | { ok: false; problems: Problem[] } {
  let body: Record<string, unknown> = {};
  if (text !== undefined) {
    try {
      body = JSON.parse(text.trim().startsWith('{') ? text : readFileSync(text, 'utf8'));
    } catch (error) {
      return { ok: false, problems: [{ code: 'UNREADABLE_REQUEST', path: '', message: (error as Error).message }] };
    }
  }
  const parsed = schema.safeParse({ ...body, ...fromFlags }, { reportInput: true });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problems: convertZodIssues(parsed.error.issues) };
}

function readRequest<S extends z.ZodType>(schema: S, args: Args, fromFlags: Record<string, unknown> = {}): z.output<S> {
  const parsed = parseJsonOption(readFlag(args, '--request'), schema, fromFlags);
  if (!parsed.ok) throw new CliProblems(parsed.problems[0]?.code === 'UNREADABLE_REQUEST' ? '--request' : 'request', parsed.problems);
  return parsed.value;
}

/**
 * A simulation on a pool of worker threads (one per core unless `threads` says), closed afterwards;
 * with a progress bar on stderr when stderr is a terminal (cli-progress.ts), nothing otherwise.
 */
export async function simulateOnPool(deal: Deal, request: SimulationRequest, asOf: string, threads?: number, progress: ProgressStream = process.stderr): Promise<SimulationOutcome> {
  const pool = createSimulationPool(threads);
  try {
    return await simulateDeal(deal, request, asOf, withProgressBar(pool.runChunks, progress, `simulating ${request.draws} draws`));
  } finally {
    await pool.close();
  }
}

function readDeal(file: string | undefined): Deal {
  if (file === undefined) throw new CliProblems('(arguments)', [{ code: 'REQUIRED', path: '', message: 'name a deal file (e.g. models/fuzhou-gulou-25y.json)' }]);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliProblems(file, [{ code: 'UNREADABLE_FILE', path: '', message: (error as Error).message }]);
  }
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new CliProblems(file, parsed.problems);
  return parsed.deal;
}

function unwrap<R>(where: string, outcome: { ok: true; result: R } | { ok: false; problems: Problem[] }): R {
  if (!outcome.ok) throw new CliProblems(where, outcome.problems);
  return outcome.result;
}

/** `solve`, `stress`, `sensitivity`, `simulate` on a deal file; exit code 0, 2 for problems (each by path). */
export async function runAnalysisCommand(command: string, args: Args, today: string): Promise<number> {
  const asOf = readFlag(args, '--as-of') ?? today;
  const json = args.includes('--json');
  try {
    const deal = readDeal(positional(args)[0]);
    if (command === 'solve') {
      const flags: Record<string, unknown> = {};
      const input = readFlag(args, '--input');
      if (input) flags.input = readInputFlag(input);
      const target = readFlag(args, '--target');
      if (target) {
        const [indicator, value] = target.split('=');
        flags.target = { indicator, value: value ?? '0' };
      }
      const bounds = readFlag(args, '--bounds');
      if (bounds) flags.bounds = bounds.split(',');
      const result = unwrap('solve', solveGoal(deal, readRequest(solveRequestSchema, args, flags), asOf));
      if (json) console.log(JSON.stringify(result, null, 2));
      else {
        console.log(`${deal.name}\nsolve ${result.input.label} (${result.input.unit}) for ${result.target.indicator} = ${result.target.value}  (tolerance ${result.target.tolerance})`);
        console.log(`  base:   ${result.base.input ?? '(sized on the need)'} → ${result.base.indicator ?? '—'}`);
        console.log(`  bounds: ${result.bounds.lower.input} → ${result.bounds.lower.indicator ?? '—'};  ${result.bounds.upper.input} → ${result.bounds.upper.indicator ?? '—'}`);
        if (result.solution) console.log(`  ${result.status}: ${result.solution.input} ${result.input.unit} → ${result.target.indicator} ${result.solution.indicator}  (${{ indicator: 'the indicator is within tolerance', input: 'within one step of the input', 'whole-number': 'the nearest whole number meeting the target' }[result.solution.converged]})`);
        else console.log(`  ${result.status}: ${result.reason}`);
        for (const note of result.notes) console.log(`  note: ${note}`);
        console.log(`  ${result.evaluations} evaluations`);
      }
      return 0;
    }
    if (command === 'stress') {
      const result = unwrap('stress', runStressPack(deal, asOf, readStressCases(readRequest(stressRequestSchema, args))));
      if (json) console.log(JSON.stringify(result, null, 2));
      else printStress(result);
      return 0;
    }
    if (command === 'sensitivity') {
      console.log(JSON.stringify(unwrap('sensitivity', analyseSensitivity(deal, readRequest(sensitivityRequestSchema, args), asOf)), null, 2));
      return 0;
    }
    const flags: Record<string, unknown> = {};
    const draws = readFlag(args, '--draws');
    if (draws) flags.draws = Number(draws);
    const seed = readFlag(args, '--seed');
    if (seed) flags.seed = Number(seed);
    const request = readRequest(simulationRequestSchema, args, flags);
    const outcome = await simulateOnPool(deal, request, asOf, Number(readFlag(args, '--threads') ?? 0) || undefined);
    console.log(JSON.stringify(unwrap('simulate', outcome), null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof CliProblems)) throw error;
    console.error(`${error.where}: ${error.problems.length} problem(s)`);
    for (const p of error.problems) console.error(`  ${p.path || '(whole)'}  [${p.code}]  ${p.message}`);
    return 2;
  }
}

function printStress(result: StressResult): void {
  const cell = (v: string | null | undefined, digits = 2) => (v == null ? '—' : Number(v).toFixed(digits)).padStart(8);
  const pct = (v: string | null | undefined) => (v == null ? '—' : `${(Number(v) * 100).toFixed(2)}%`).padStart(8);
  console.log(`${'case'.padEnd(12)} ${'DSCRmin'.padStart(8)} ${'DSCRavg'.padStart(8)} ${'LLCR'.padStart(8)} ${'ICRmin'.padStart(8)} ${'bondCov'.padStart(8)} ${'debtCov'.padStart(8)} ${'eqIRR'.padStart(8)}  breaks`);
  for (const c of [result.base, ...result.cases]) {
    const m = c.metrics;
    const breaks = c.problems ? `invalid: ${c.problems[0]!.message}` : c.breaches.map((b) => b.covenant).join(', ') || '—';
    console.log(`${c.id.padEnd(12)} ${cell(m?.minDscr)} ${cell(m?.avgDscr)} ${cell(m?.llcr)} ${cell(m?.minIcr)} ${cell(m?.bondCoverageNet)} ${cell(m?.allDebtCoverageNet)} ${pct(m?.equityIrr)}  ${breaks}`);
  }
  const c = result.covenants;
  console.log(`covenants: DSCR ≥ ${c.minDscr} (hard ${c.hardMinDscr}), ICR ≥ ${c.minIcr}, bond coverage ≥ ${c.bondCoverage}, all-debt coverage ≥ ${c.allDebtCoverage}, 项目资本金 ≥ ${c.minEquityRatio}`);
}
