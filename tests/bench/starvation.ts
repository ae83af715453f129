/**
 * Starvation benchmark (issue 12, item 8): organisation A runs several long jobs at once — Monte
 * Carlo simulations of 100,000 draws, the maximum — and organisation B, meanwhile, asks for small
 * things one after another: a 10-draw simulation (the same simulation pool as A's) and an evaluation
 * (the evaluation pool). B's latencies (p50/p99) are measured alone first, then behind A's runs, on the
 * real server on 127.0.0.1 — with fair shares on (the pools take jobs in turn by organisation) and off
 * (FAIR_SHARES=off: first come, first served), one fresh server each.
 *
 *   npm run bench:starvation
 *   npm run bench:starvation -- --seconds 60 --long-jobs 4 --modes on,off
 *
 * Bounded: `--seconds` (default 45, at most 300) of B's requests behind A's; A's runs are cancelled
 * when the server stops. LONG_JOBS_PER_ORGANISATION is raised to `--long-jobs` so all of A's runs are
 * admitted (the default cap of 2 would answer the rest 429).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '../security/start-server.js';

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SECONDS = Math.min(readOption('seconds', 45), 300);
const LONG_JOBS = Math.min(Math.floor(readOption('long-jobs', 4)), 16);
const ALONE_SECONDS = 8;
const modesIndex = process.argv.indexOf('--modes');
const MODES = (modesIndex >= 0 ? process.argv[modesIndex + 1]! : 'on,off').split(',').map((m) => m.trim());
if (MODES.some((m) => m !== 'on' && m !== 'off')) throw new Error('--modes is a list of on and off, e.g. on,off');
const root = fileURLToPath(new URL('../..', import.meta.url));

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

/** A key of `organisation` made by the CLI on the server's database while the server runs. */
function createKey(databasePath: string, organisation: string): string {
  const made = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'keys', 'create', '--org', organisation, '--role', 'modeler'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`keys create failed: ${made.stderr}`);
  return made.stdout.trim();
}

/** How long B waits for one answer before counting it as starved. */
const REQUEST_TIMEOUT_MS = 120_000;

async function call(server: RunningServer, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text.startsWith('{') ? JSON.parse(text) : text };
}

interface Latencies {
  simulate: number[];
  evaluate: number[];
  failures: number;
}

/** B's small requests one after another until the deadline: a 10-draw simulation, then an evaluation. */
async function measureSmallRequests(server: RunningServer, key: string, dealId: string, deadline: number): Promise<Latencies> {
  const result: Latencies = { simulate: [], evaluate: [], failures: 0 };
  do {
    for (const [name, path, body] of [['simulate', `/api/v1/deals/${dealId}/simulate`, { draws: 10, seed: 7 }], ['evaluate', `/api/v1/deals/${dealId}/evaluate?asOf=2026-03-01`, undefined]] as const) {
      const started = performance.now();
      const answer = await call(server, key, 'POST', path, body).catch((error: Error) => ({ status: 0, json: `${error.name}: ${error.message}` }));
      const ms = performance.now() - started;
      if (answer.status !== 200) {
        result.failures++;
        console.error(`B ${name}: ${answer.status} after ${ms.toFixed(0)} ms ${typeof answer.json === 'string' ? answer.json : answer.json.code}`);
      } else result[name].push(ms);
    }
  } while (Date.now() < deadline);
  result.simulate.sort((a, b) => a - b);
  result.evaluate.sort((a, b) => a - b);
  return result;
}

async function measureMode(mode: string): Promise<Record<string, Record<string, number | string>>> {
  const dir = mkdtempSync(join(tmpdir(), 'rcp-starvation-'));
  const databasePath = join(dir, 'service.db');
  const server = await startServer(undefined, { databasePath, env: { FAIR_SHARES: mode, LONG_JOBS_PER_ORGANISATION: String(LONG_JOBS) } });
  try {
    const keyA = createKey(databasePath, 'org-a-city');
    const keyB = createKey(databasePath, 'org-b-bank');
    const dealA = (await call(server, keyA, 'POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y' })).json.id as string;
    const dealB = (await call(server, keyB, 'POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y' })).json.id as string;
    // One of each first, not counted: the simulation pool starts its workers on the first simulation.
    await measureSmallRequests(server, keyB, dealB, Date.now());
    console.error(`fair ${mode}: B alone for ${ALONE_SECONDS} s`);
    const alone = await measureSmallRequests(server, keyB, dealB, Date.now() + ALONE_SECONDS * 1000);
    console.error(`fair ${mode}: A starts ${LONG_JOBS} runs of 100,000 draws; B behind them for ${SECONDS} s`);
    // A's long runs: each the maximum of draws, all at once; their answers are not awaited past the measurement.
    const longStatuses = new Map<number, number>();
    const controller = new AbortController();
    const longRuns = Array.from({ length: LONG_JOBS }, (_, i) =>
      fetch(`${server.url}/api/v1/deals/${dealA}/simulate`, { method: 'POST', signal: controller.signal, headers: { Authorization: `Bearer ${keyA}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ draws: 100_000, seed: i + 1 }) })
        .then(async (r) => (await r.arrayBuffer(), longStatuses.set(r.status, (longStatuses.get(r.status) ?? 0) + 1)))
        .catch(() => undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 2000)); // A's chunks queued before B asks
    const behind = await measureSmallRequests(server, keyB, dealB, Date.now() + SECONDS * 1000);
    const finishedLong = [...longStatuses.values()].reduce((a, b) => a + b, 0);
    controller.abort();
    await Promise.all(longRuns);
    const row = (l: Latencies, name: 'simulate' | 'evaluate') => ({
      requests: l[name].length,
      'p50 ms': Number(percentile(l[name], 50).toFixed(0)),
      'p99 ms': Number(percentile(l[name], 99).toFixed(0)),
      'max ms': Number((l[name][l[name].length - 1] ?? NaN).toFixed(0)),
      'B failures': l.failures,
    });
    return {
      [`fair ${mode}: B 10-draw simulate, alone`]: row(alone, 'simulate'),
      [`fair ${mode}: B 10-draw simulate, behind A`]: { ...row(behind, 'simulate'), 'A runs done': finishedLong, 'A statuses': JSON.stringify(Object.fromEntries(longStatuses)) },
      [`fair ${mode}: B evaluate, alone`]: row(alone, 'evaluate'),
      [`fair ${mode}: B evaluate, behind A`]: row(behind, 'evaluate'),
    };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: Record<string, Record<string, number | string>> = {};
for (const mode of MODES) Object.assign(rows, await measureMode(mode));
console.log(`Organisation B's small requests behind ${LONG_JOBS} simulations of 100,000 draws from organisation A (${SECONDS} s each mode); load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.table(rows);
