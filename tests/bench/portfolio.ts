/**
 * Portfolio benchmark (issue 16): a 1,000-member portfolio of template variants evaluated end to end —
 * POST /api/v1/portfolios/{id}/evaluate as a job (Prefer: respond-async, polled) against the real server process (src/server.ts, its worker
 * pool, a fresh SQLite database): the members loaded and checked, every member evaluated, the
 * statements summed, the affordability view and the members table answered as JSON.
 * Target: ≤ 10 s on the 2-core machine.
 *
 *   npm run bench:portfolio                      # 1,000 members, 3 timed runs
 *   npm run bench:portfolio -- --members 5000 --runs 1
 *   npm run bench:portfolio -- --root /path/to/other/checkout   # time another checkout (before/after)
 *   npm run bench:portfolio -- --compare /path/to/other/checkout   # both side by side, runs alternating
 *
 * With --compare both servers run at once (one idle while the other is timed) and the runs alternate —
 * this checkout, the other, the other, this checkout, … — so that on a machine other work shares both
 * meet the same load; the medians of each are printed.
 *
 * The variants: the eight templates of models/ in turn, each with its own discount rate (5.000%,
 * 5.001%, …), so that no two members are the same content. Creating them is set-up, not timed.
 * It is a script rather than a vitest bench: one run is seconds of work on another process.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../security/start-server.js';

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const TARGET_SECONDS = 10;

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

const memberCount = readOption('members', 1000);
const rootIndex = process.argv.indexOf('--root');
const root = rootIndex >= 0 ? process.argv[rootIndex + 1] : undefined;
const runs = readOption('runs', 3);
const templates = readdirSync(MODELS).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(readFileSync(join(MODELS, f), 'utf8')) as Record<string, unknown>);

/**
 * CPU seconds the server process has used (all its threads: /proc/<pid>/stat utime + stime), or
 * undefined off Linux: on a machine other work shares, wall time says little, CPU time what the
 * evaluation itself costs (and wall ≈ CPU / cores on a quiet machine).
 */
const readCpuSeconds = (pid: number | undefined): number | undefined => {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 a second)
};

const compareIndex = process.argv.indexOf('--compare');
const compare = compareIndex >= 0 ? process.argv[compareIndex + 1] : undefined;

type Server = Awaited<ReturnType<typeof startServer>>;
const callOn = (server: Server) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = (await response.json()) as any;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json).slice(0, 500)}`);
  return Object.assign(json, { location: response.headers.get('location') });
};

/**
 * The portfolio evaluated as a job (Prefer: respond-async), polled every 100 ms with its progress shown
 * every tenth of the members, then its answer read: one request held open for the whole evaluation gave
 * up at fetch's (undici's) 300 s header timeout on a loaded machine. The poll adds at most ~0.1 s.
 */
const evaluateAsJob = async (call: ReturnType<typeof callOn>, portfolioId: string, start: number) => {
  const accepted = await call('POST', `/api/v1/portfolios/${portfolioId}/evaluate?asOf=2026-03-01`, undefined, { Prefer: 'respond-async' });
  let job = accepted;
  let lastShown = 0;
  while (['queued', 'running'].includes(job.status)) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await call('GET', accepted.location!);
    const done = job.progress?.done ?? 0;
    if (done - lastShown >= memberCount / 10) {
      console.log(`  ${((performance.now() - start) / 1000).toFixed(1)} s: ${done} / ${job.progress?.total ?? '?'} members`);
      lastShown = done;
    }
  }
  if (job.status !== 'succeeded') throw new Error(`the job ${job.status}: ${JSON.stringify(job).slice(0, 800)}`);
  return call('GET', `${accepted.location}/result`);
};

/** The variants created on a server (set-up, not timed) and put in one portfolio; its id. */
const preparePortfolio = async (server: Server, label: string): Promise<string> => {
  const call = callOn(server);
  const setupStart = performance.now();
  const dealIds: string[] = new Array(memberCount);
  const next = { i: 0 };
  // Four clients create the variants, in order of index.
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next.i++; i < memberCount; i = next.i++) {
        const template = templates[i % templates.length]!;
        const discountRate = (0.05 + i * 0.00001).toFixed(5);
        dealIds[i] = (await call('POST', '/api/v1/deals', { ...template, name: `${String(template.name)} 变体 ${i + 1}`, discountRate })).id;
      }
    }),
  );
  const portfolio = await call('POST', '/api/v1/portfolios', { name: `基准片区 ${memberCount} 个`, members: dealIds.map((dealId) => ({ dealId })) });
  console.log(`${label}: set-up of ${memberCount} deals and the portfolio in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);
  return portfolio.id;
};

/** One timed evaluation on a server: its wall seconds (the server's CPU seconds printed beside). */
const timeRun = async (server: Server, portfolioId: string, label: string): Promise<number> => {
  const start = performance.now();
  const cpuBefore = readCpuSeconds(server.child.pid);
  const answer = await evaluateAsJob(callOn(server), portfolioId, start);
  const elapsed = (performance.now() - start) / 1000;
  if (answer.result.members.length !== memberCount) throw new Error(`the answer has ${answer.result.members.length} members, not ${memberCount}`);
  const cpuAfter = readCpuSeconds(server.child.pid);
  const cpu = cpuBefore === undefined || cpuAfter === undefined ? '' : `; server CPU ${(cpuAfter - cpuBefore).toFixed(1)} s, ${((cpuAfter - cpuBefore) / elapsed).toFixed(2)} cores busy`;
  console.log(`${label}: ${elapsed.toFixed(2)} s (${((elapsed * 1000) / memberCount).toFixed(1)} ms per member${cpu}; load average ${loadavg()[0]!.toFixed(2)})`);
  return elapsed;
};

const medianOf = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const servers: { label: string; server: Server; portfolioId?: string; seconds: number[] }[] = [];
try {
  servers.push({ label: root ?? 'this checkout', server: await startServer(undefined, root === undefined ? {} : { root }), seconds: [] });
  if (compare !== undefined) servers.push({ label: compare, server: await startServer(undefined, { root: compare }), seconds: [] });
  console.log(`servers: ${servers.map((s) => s.label).join(' | ')}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const s of servers) s.portfolioId = await preparePortfolio(s.server, s.label);
  for (let run = 1; run <= runs; run++) {
    // Alternate which goes first: A B, B A, A B, …
    const order = run % 2 === 1 ? servers : [...servers].reverse();
    for (const s of order) s.seconds.push(await timeRun(s.server, s.portfolioId!, `run ${run}, ${s.label}`));
  }
  for (const s of servers) {
    const median = medianOf(s.seconds);
    console.log(`${s.label}: ${memberCount} members, ${s.seconds.map((v) => v.toFixed(2)).join(' / ')} s, median of ${runs}: ${median.toFixed(2)} s — target ≤ ${TARGET_SECONDS} s: ${median <= TARGET_SECONDS ? 'met' : 'NOT met'}`);
  }
  process.exitCode = medianOf(servers[0]!.seconds) <= TARGET_SECONDS ? 0 : 1;
} finally {
  await Promise.all(servers.map((s) => s.server.stop()));
}
