/**
 * Load benchmark of the HTTP service (issue 4): POST /api/v1/evaluate of the 25-year template
 * (models/fuzhou-gulou-25y.json) for 10 s from autocannon over loopback, against the real server
 * process on a fresh database. Target: ≥ 200 requests/s with p99 ≤ 50 ms on a 2-core machine.
 *
 *   npm run bench:api                     # both runs, 10 connections, 10 s each
 *   npm run bench:api -- --connections 4 --duration 5
 *
 * Two runs, because the service caches results by content: "same body" is what a user re-evaluating
 * a deal causes (cache hits after the first request); "distinct bodies" makes every request a full
 * parse + evaluation + serialisation (a different name each time, same numbers).
 * It is a script rather than a vitest bench: autocannon drives its own timing and concurrency.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const KEY = 'benchmark-admin-key-0123456789abcdef';
const TARGET = { requestsPerSecond: 200, p99Ms: 50 };

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

async function startServer(databasePath: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, PORT: '0', HOST: '127.0.0.1', ADMIN_API_KEY: KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { child, url };
}

async function run(title: string, options: autocannon.Options) {
  const result = await autocannon(options);
  const line = {
    run: title,
    'requests/s (mean)': Math.round(result.requests.average),
    'latency p50 ms': result.latency.p50,
    'latency p99 ms': result.latency.p99,
    'latency max ms': result.latency.max,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
    errors: result.errors,
    'meets target': result.requests.average >= TARGET.requestsPerSecond && result.latency.p99 <= TARGET.p99Ms && result.non2xx === 0 && result.errors === 0,
  };
  console.log(line);
  return line;
}

async function main() {
  const connections = readOption('connections', 10);
  const duration = readOption('duration', 10);
  const folder = mkdtempSync(join(tmpdir(), 'rcp-bench-'));
  const server = await startServer(join(folder, 'bench.db'));
  try {
    const body = readFileSync(join(root, 'models/fuzhou-gulou-25y.json'), 'utf8');
    const deal = JSON.parse(body) as Record<string, unknown>;
    const url = `${server.url}/api/v1/evaluate?asOf=2026-03-01`;
    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
    const warmUp = await fetch(url, { method: 'POST', headers, body });
    if (warmUp.status !== 200) throw new Error(`warm-up answered ${warmUp.status}: ${await warmUp.text()}`);

    console.log(`POST /api/v1/evaluate, 25-year template, ${connections} connections, ${duration} s each; target ≥ ${TARGET.requestsPerSecond} req/s, p99 ≤ ${TARGET.p99Ms} ms`);
    await run('same body (cached after the first request)', { url, method: 'POST', headers, body, connections, duration });
    let n = 0;
    await run('distinct bodies (every request evaluated)', {
      url,
      connections,
      duration,
      requests: [{ method: 'POST', headers, setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...deal, name: `${String(deal.name)} #${n++}` }) }) }],
    });
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
