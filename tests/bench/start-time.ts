/**
 * Start-up time of the compiled build against the TypeScript sources, side by side in one run
 * (a shared machine is noisy: compare within a run, not across runs).
 *
 *   npm run build:server && npm run bench:start [-- --runs 10]
 *
 * - CLI: `node dist/cli.js evaluate models/fuzhou-gulou-25y.json` vs `node --import tsx src/cli.ts …`,
 *   wall clock from spawn to exit.
 * - Server: `node dist/server.js` vs `node --import tsx src/server.ts` on an already migrated database,
 *   wall clock from spawn to its "listening on" line (tests/security/start-server.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../security/start-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 10;

const BUILT = { cli: ['dist/cli.js'], server: ['dist/server.js'] };
const SOURCES = { cli: ['--import', 'tsx', 'src/cli.ts'], server: ['--import', 'tsx', 'src/server.ts'] };

function timeCli(entry: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [...entry, 'evaluate', 'models/fuzhou-gulou-25y.json', '--as-of', '2026-03-01'], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return performance.now() - started;
}

async function timeServer(entry: string[], databasePath: string): Promise<number> {
  const started = performance.now();
  const server = await startServer(entry, { databasePath });
  const elapsed = performance.now() - started;
  await server.stop();
  return elapsed;
}

const summarise = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)}, max ${sorted.at(-1)!.toFixed(0)} (${ms.length} runs)`;
};

const folder = mkdtempSync(join(tmpdir(), 'rcp-start-'));
const databasePath = join(folder, 'capital.db');
try {
  await timeServer(BUILT.server, databasePath); // migrate and seed once: later starts are on a migrated database
  const times = { cliBuilt: [] as number[], cliSources: [] as number[], serverBuilt: [] as number[], serverSources: [] as number[] };
  for (let i = 0; i < RUNS; i += 1) {
    times.cliBuilt.push(timeCli(BUILT.cli));
    times.cliSources.push(timeCli(SOURCES.cli));
    times.serverBuilt.push(await timeServer(BUILT.server, databasePath));
    times.serverSources.push(await timeServer(SOURCES.server, databasePath));
  }
  console.log(`CLI evaluate (25-year template), dist/: ${summarise(times.cliBuilt)}`);
  console.log(`CLI evaluate (25-year template), tsx:   ${summarise(times.cliSources)}`);
  console.log(`server start to listening, dist/:      ${summarise(times.serverBuilt)}`);
  console.log(`server start to listening, tsx:        ${summarise(times.serverSources)}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
