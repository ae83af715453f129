/**
 * Start-up time of the compiled build (issue 19: one CLI evaluation of the 25-year template ≤ 0.5 s end
 * to end, server start ≤ 1 s on a migrated database) against the TypeScript sources, side by side in
 * one run (a shared machine is noisy: compare within a run, not across runs).
 *
 *   npm run bench:start [-- --runs 10]
 *
 * dist/ is built first when src/ is newer than it (tests/helpers/server-process.ts ensureServerBuilt),
 * so the compiled figures are always of the code in src/.
 * - CLI: `node dist/cli.js evaluate models/fuzhou-gulou-25y.json --as-of 2026-03-01` vs
 *   `node --import tsx src/cli.ts …`, wall clock from spawn to exit (the evaluation printed).
 * - Server: `node dist/server.js` vs `node --import tsx src/server.ts` on an already migrated database
 *   (one start before the timed ones migrates it and seeds the templates and the key), wall clock from
 *   spawn to its "listening on" line (tests/security/start-server.ts) and to its first 200 from /health,
 *   and the CPU time the server process used until it listened (load-independent, beside the wall clock).
 *   On SQLite (the default) always; on PostgreSQL too (DATABASE_URL on a throwaway cluster,
 *   tests/helpers/postgres-cluster.ts, the compiled build only, the durable queue and its default
 *   worker processes as a deployment has them) when PostgreSQL is installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startPostgresCluster } from '../helpers/postgres-cluster.js';
import { ensureServerBuilt } from '../helpers/server-process.js';
import { startServer } from '../security/start-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 10;

const BUILT = { cli: ['dist/cli.js'], server: ['dist/server.js'] };
const SOURCES = { cli: ['--import', 'tsx', 'src/cli.ts'], server: ['--import', 'tsx', 'src/server.ts'] };
/** The settings of a service on PostgreSQL (API_KEY_SECRET is required there). */
const postgresEnv = (url: string) => ({ DATABASE_URL: url, API_KEY_SECRET: 'start-time-bench-key-secret-0123456789abcdef' });

function timeCli(entry: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [...entry, 'evaluate', 'models/fuzhou-gulou-25y.json', '--as-of', '2026-03-01'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return performance.now() - started;
}

/**
 * CPU milliseconds (user + system, every thread) a running process has used so far, from Linux's
 * /proc/<pid>/stat (utime and stime, fields 14 and 15, in clock ticks of 10 ms): what the start costs
 * the process itself, whatever else loads the machine. NaN where there is no /proc.
 */
function readCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

type ServerTimes = { listening: number; health: number; cpu: number };

/** Milliseconds from spawn to "listening on", and to the first 200 from GET /health; the server's CPU milliseconds until it listened. */
async function timeServer(entry: string[], options: { databasePath: string; env?: Record<string, string> }): Promise<ServerTimes> {
  const started = performance.now();
  const server = await startServer(entry, options);
  const listening = performance.now() - started;
  const cpu = readCpuMs(server.child.pid);
  try {
    for (;;) {
      const response = await fetch(`${server.url}/health`);
      await response.arrayBuffer();
      if (response.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { listening, health: performance.now() - started, cpu };
  } finally {
    await server.stop();
  }
}

const summarise = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} (${ms.length} runs)`;
};

ensureServerBuilt();
const folder = mkdtempSync(join(tmpdir(), 'rcp-start-'));
const sqlite = { databasePath: join(folder, 'capital.db') };
const cluster = findPostgresBin() ? await startPostgresCluster('start_time_bench') : undefined;
const postgres = cluster && { databasePath: join(folder, 'unused.db'), env: postgresEnv(cluster.url) };
try {
  const loadAtStart = loadavg()[0]!.toFixed(1);
  // Migrate and seed once: the timed starts are on a migrated database.
  await timeServer(BUILT.server, sqlite);
  if (postgres) await timeServer(BUILT.server, postgres);
  const times = { cliBuilt: [] as number[], cliSources: [] as number[] };
  const series = () => ({ listening: [] as number[], health: [] as number[], cpu: [] as number[] });
  const servers = { sqliteBuilt: series(), sqliteSources: series(), postgresBuilt: series() };
  const record = (into: ReturnType<typeof series>, time: ServerTimes) => {
    into.listening.push(time.listening);
    into.health.push(time.health);
    into.cpu.push(time.cpu);
  };
  for (let i = 0; i < RUNS; i += 1) {
    times.cliBuilt.push(timeCli(BUILT.cli));
    times.cliSources.push(timeCli(SOURCES.cli));
    record(servers.sqliteBuilt, await timeServer(BUILT.server, sqlite));
    record(servers.sqliteSources, await timeServer(SOURCES.server, sqlite));
    if (postgres) record(servers.postgresBuilt, await timeServer(BUILT.server, postgres));
  }
  console.log(`load average ${loadAtStart} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  console.log(`CLI evaluate (25-year template), dist/:          ${summarise(times.cliBuilt)}`);
  console.log(`CLI evaluate (25-year template), tsx:            ${summarise(times.cliSources)}`);
  const printServer = (label: string, times: ReturnType<typeof series>) => {
    console.log(`server start to listening, ${label}:     ${summarise(times.listening)}`);
    console.log(`server start to first /health, ${label}: ${summarise(times.health)}`);
    console.log(`server CPU to listening, ${label}:       ${summarise(times.cpu)}`);
  };
  printServer('SQLite, dist/', servers.sqliteBuilt);
  printServer('SQLite, tsx  ', servers.sqliteSources);
  if (postgres) printServer('PostgreSQL, dist/', servers.postgresBuilt);
  else {
    console.log('PostgreSQL is not installed (apt-get install postgresql): its server start is not measured');
  }
} finally {
  cluster?.stop();
  rmSync(folder, { recursive: true, force: true });
}
