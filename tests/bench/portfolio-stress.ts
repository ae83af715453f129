/**
 * Portfolio stress benchmark (issue 19, methodology §10.12): a 1,000-member portfolio of template
 * variants under the five standard shocks (demand −20%, rates +100bp, a year late, capex +10%, combined)
 * — POST /api/v1/portfolios/{id}/stress as a job (Prefer: respond-async) against the real server
 * process (src/server.ts, its worker pool, a fresh SQLite database), polled until it has succeeded, its
 * answer read. Each member is evaluated six times (the base and five shocks), so expect about six times
 * the portfolio evaluation (npm run bench:portfolio). No target: the figure is reported.
 *
 *   npm run bench:portfolio-stress                         # 1,000 members, 1 timed run
 *   npm run bench:portfolio-stress -- --members 200 --runs 3
 *
 * The variants are bench:portfolio's: the templates of models/ in turn, each with its own discount rate.
 * It is a script rather than a vitest bench: one run is minutes of work on another process.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../security/start-server.js';

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const memberCount = readOption('members', 1000);
const runs = readOption('runs', 1);
const templates = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(MODELS, f), 'utf8')) as Record<string, unknown>);

/** CPU seconds the server process has used (all its threads), or undefined off Linux. */
const readCpuSeconds = (pid: number | undefined): number | undefined => {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

const server = await startServer();
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as any;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  return { json, location: response.headers.get('location') };
};

try {
  const setupStart = performance.now();
  const dealIds: string[] = new Array(memberCount);
  const next = { i: 0 };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next.i++; i < memberCount; i = next.i++) {
        const template = templates[i % templates.length]!;
        const discountRate = (0.05 + i * 0.00001).toFixed(5);
        dealIds[i] = (await call('POST', '/api/v1/deals', { ...template, name: `${String(template.name)} 变体 ${i + 1}`, discountRate })).json.id;
      }
    }),
  );
  const portfolio = (await call('POST', '/api/v1/portfolios', { name: `压力测试片区 ${memberCount} 个`, members: dealIds.map((dealId) => ({ dealId })), budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '5000000000', growthRate: '0.03' } })).json;
  console.log(`set-up: ${memberCount} deals and the portfolio in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

  for (let run = 1; run <= runs; run++) {
    const start = performance.now();
    const cpuBefore = readCpuSeconds(server.child.pid);
    const accepted = await call('POST', `/api/v1/portfolios/${portfolio.id}/stress?asOf=2026-03-01`, undefined, { Prefer: 'respond-async' });
    let job = accepted.json;
    let lastShown = -1;
    while (['queued', 'running'].includes(job.status)) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = (await call('GET', accepted.location!)).json;
      const done = job.progress?.done ?? 0;
      if (done - lastShown >= memberCount / 10) {
        console.log(`  ${((performance.now() - start) / 1000).toFixed(0)} s: ${done} / ${job.progress?.total ?? '?'} members`);
        lastShown = done;
      }
    }
    if (job.status !== 'succeeded') throw new Error(`the job ${job.status}: ${JSON.stringify(job).slice(0, 800)}`);
    const { json: answer } = await call('GET', `${accepted.location}/result`);
    const elapsed = (performance.now() - start) / 1000;
    const result = answer.result;
    if (result.members !== memberCount || result.shocks.length !== 5) throw new Error(`the answer has ${result.members} members and ${result.shocks.length} shocks`);
    const cpuAfter = readCpuSeconds(server.child.pid);
    const cpu = cpuBefore === undefined || cpuAfter === undefined ? '' : `; server CPU ${(cpuAfter - cpuBefore).toFixed(1)} s, ${((cpuAfter - cpuBefore) / elapsed).toFixed(2)} cores busy`;
    console.log(`run ${run}: ${elapsed.toFixed(1)} s for ${memberCount} members × 5 shocks (${((elapsed * 1000) / memberCount).toFixed(0)} ms per member, ${((elapsed * 1000) / (memberCount * 6)).toFixed(1)} ms per evaluation${cpu}; load average ${loadavg()[0]!.toFixed(2)})`);
    for (const s of result.shocks) {
      console.log(`  ${s.id}: extra subsidy ${s.extraSubsidy.total} 元; bonds below 1: ${s.bondsBelowOne.length} of ${s.bonds.length}; members breaching ${s.breachingMembers.length}; failed ${s.failedMembers.length}; 10%/5% hold: ${s.affordability?.holds}`);
    }
  }
} finally {
  await server.stop();
}
