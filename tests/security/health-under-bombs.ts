/**
 * Benchmark (issue 12, item 7): /health latency while the hostile bodies of the issue hit the real
 * server on 127.0.0.1 — the formula cost bomb, 1,994 unary minus signs, [ ×10,000, a 2 MB body of 990
 * custom streams — on POST /evaluate, /deals, PUT /deals/{id} and /term-sheet; and 990 streams or
 * 150,000 unknown fields as a scenario, a goal seek, a simulation, a portfolio of 5,000 members. Target: /health
 * p99 ≤ 50 ms. Bounded: `--seconds` (default 20) of load from `--connections` (default 4) clients.
 * The prober runs on its own worker thread, so its figures measure the server, not the attackers'
 * event loop in this process (building and sending 2 MB bodies). `--compare DIR` first measures the
 * checkout in DIR (e.g. `git archive` of an earlier commit with node_modules linked), then this one,
 * and prints both side by side.
 *
 *   npm run bench:health
 *   npm run bench:health -- --seconds 30 --connections 6
 *   npm run bench:health -- --compare /tmp/before
 *   npm run bench:health -- --profile /tmp/prof   # the server under node --cpu-prof: one .cpuprofile per thread
 *
 * `--profile DIR` writes the server's CPU profiles (its request thread's is the one numbered 0) to DIR,
 * to find the longest synchronous stretches of the request thread while the bombs run.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { startServer } from './start-server.js';

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const SECONDS = Math.min(readOption('seconds', 20), 300);
const CONNECTIONS = Math.min(readOption('connections', 4), 32);
const HEALTH_INTERVAL_MS = 20;
const IDLE_SECONDS = 5;
const TARGET_P99_MS = 50;

const template = JSON.parse(readFileSync(fileURLToPath(new URL('../../models/fuzhou-gulou-25y.json', import.meta.url)), 'utf8')) as Record<string, unknown>;
const custom = (i: number, formula: string) => ({ id: `c${i}`, name: `公式 ${i}`, driver: 'custom', formula, inputs: { m: '100' } });
const bomb = `${'exp(log('.repeat(190)}m${'))'.repeat(190)}`;
const BODIES = {
  'cost bomb (100 streams)': JSON.stringify({ ...template, revenue: Array.from({ length: 100 }, (_, i) => custom(i, bomb)) }),
  '1,994 unary minus': JSON.stringify({ ...template, revenue: [custom(0, `${'-'.repeat(1994)}m`)] }),
  '[ ×10,000': `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '990 streams, 2 MB': JSON.stringify({ ...template, revenue: Array.from({ length: 990 }, (_, i) => custom(i, bomb.slice(0, 1900))) }),
};
/** 150,000 unknown fields (1.7 MB): every one a problem for a strict schema. */
const unknownFields = Object.fromEntries(Array.from({ length: 150_000 }, (_, i) => [`f${i}`, 1]));
/** Bodies of the routes that take something other than a deal: scenarios, decision tools, portfolios. */
const OTHER_BODIES = {
  scenario: [
    JSON.stringify({ name: '炸弹', overrides: { revenue: Array.from({ length: 990 }, (_, i) => custom(i, bomb.slice(0, 1900))) } }),
    JSON.stringify({ name: '炸弹', overrides: unknownFields }),
  ],
  solve: [JSON.stringify(unknownFields)],
  simulate: [JSON.stringify({ ...unknownFields, draws: 10 })],
  portfolio: [JSON.stringify({ name: '炸弹', members: Array.from({ length: 5000 }, (_, i) => ({ dealId: `deal_${i}`, ...(i === 0 ? unknownFields : {}) })) })],
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** GET /health every HEALTH_INTERVAL_MS until the deadline, on a thread of its own; posts the latencies (ms). */
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const latencies = [];
  while (Date.now() < workerData.deadline) {
    const started = performance.now();
    const response = await fetch(workerData.url + '/health');
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, workerData.intervalMs));
  }
  parentPort.postMessage(latencies);
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

function probeHealth(url: string, deadline: number): Promise<number[]> {
  const worker = new Worker(PROBER, { eval: true, workerData: { url, deadline, intervalMs: HEALTH_INTERVAL_MS } });
  return new Promise((resolve, reject) => {
    worker.once('message', (message: number[] | { error: string }) => {
      void worker.terminate();
      if (Array.isArray(message)) resolve(message);
      else reject(new Error(`the /health prober failed: ${message.error}`));
    });
    worker.once('error', reject);
  });
}

interface Measurement {
  /** /health with nothing else running, for IDLE_SECONDS before the bombs: what the machine itself costs. */
  idle: number[];
  sent: number;
  latencies: number[];
  statuses: Map<number | string, number>;
}

/** The server of the checkout at `root` under SECONDS of bombs from CONNECTIONS clients, /health probed meanwhile. */
async function measure(root: string | undefined): Promise<Measurement> {
  const profile = process.argv.indexOf('--profile');
  const entry = profile >= 0 ? [`--cpu-prof`, `--cpu-prof-dir=${process.argv[profile + 1]}`, '--import', 'tsx', 'src/server.ts'] : undefined;
  const server = await startServer(entry, root === undefined ? {} : { root });
  const auth = { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json' };
  try {
    const created = await fetch(`${server.url}/api/v1/deals`, { method: 'POST', headers: auth, body: JSON.stringify({ template: 'fuzhou-gulou-25y' }) });
    const dealId = ((await created.json()) as { id: string }).id;
    const dealRoutes = [
      { method: 'POST', path: '/api/v1/evaluate', headers: {} },
      { method: 'POST', path: '/api/v1/deals', headers: {} },
      { method: 'PUT', path: `/api/v1/deals/${dealId}`, headers: { 'If-Match': '"1"' } },
      { method: 'POST', path: '/api/v1/term-sheet', headers: {} },
    ];
    // Every deal bomb on every deal route, then the other routes' bombs: the attackers take them in turn.
    const attacks = [
      ...Object.values(BODIES).flatMap((body) => dealRoutes.map((route) => ({ ...route, body }))),
      ...OTHER_BODIES.scenario.map((body) => ({ method: 'POST', path: `/api/v1/deals/${dealId}/scenarios`, headers: {}, body })),
      ...OTHER_BODIES.solve.map((body) => ({ method: 'POST', path: `/api/v1/deals/${dealId}/solve`, headers: {}, body })),
      ...OTHER_BODIES.simulate.map((body) => ({ method: 'POST', path: `/api/v1/deals/${dealId}/simulate`, headers: {}, body })),
      ...OTHER_BODIES.portfolio.map((body) => ({ method: 'POST', path: '/api/v1/portfolios', headers: {}, body })),
    ];
    const idle = (await probeHealth(server.url, Date.now() + IDLE_SECONDS * 1000)).sort((a, b) => a - b);
    const statuses = new Map<number | string, number>();
    const deadline = Date.now() + SECONDS * 1000;
    let sent = 0;
    const attacker = async () => {
      while (Date.now() < deadline) {
        const attack = attacks[sent % attacks.length]!;
        sent++;
        let outcome: number | string;
        try {
          const response = await fetch(`${server.url}${attack.path}`, { method: attack.method, headers: { ...auth, ...attack.headers } as Record<string, string>, body: attack.body });
          await response.arrayBuffer();
          outcome = response.status;
        } catch (error) {
          // A connection the server reset or closed: counted by its cause (fetch's TypeError hides it), not fatal to the run.
          outcome = `${attack.method} ${attack.path.replace(dealId, '{id}')}: ${((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message}`;
        }
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
      }
    };
    const [latencies] = await Promise.all([probeHealth(server.url, deadline), ...Array.from({ length: CONNECTIONS }, attacker)]);
    return { idle, sent, latencies: latencies.sort((a, b) => a - b), statuses };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const compare = process.argv.indexOf('--compare');
  const runs: [string, string | undefined][] = compare >= 0 ? [[`before (${process.argv[compare + 1]})`, process.argv[compare + 1]], ['this checkout', undefined]] : [['this checkout', undefined]];
  const rows: Record<string, Record<string, number | string>> = {};
  let p99 = Infinity;
  for (const [name, root] of runs) {
    const { idle, sent, latencies, statuses } = await measure(root);
    p99 = percentile(latencies, 99);
    rows[`${name}, idle`] = { samples: idle.length, 'p50 ms': Number(percentile(idle, 50).toFixed(1)), 'p99 ms': Number(percentile(idle, 99).toFixed(1)), 'max ms': Number(idle[idle.length - 1]!.toFixed(1)) };
    rows[`${name}, under the bombs`] = {
      'hostile requests': sent,
      samples: latencies.length,
      'p50 ms': Number(percentile(latencies, 50).toFixed(1)),
      'p99 ms': Number(p99.toFixed(1)),
      'max ms': Number(latencies[latencies.length - 1]!.toFixed(1)),
      statuses: JSON.stringify(Object.fromEntries([...statuses.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))))),
    };
  }
  console.log(`/health idle for ${IDLE_SECONDS} s, then under the bombs for ${SECONDS} s from ${CONNECTIONS} connections; the prober on its own thread; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.table(rows);
  console.log(p99 <= TARGET_P99_MS ? `p99 ${p99.toFixed(1)} ms ≤ ${TARGET_P99_MS} ms: target met` : `p99 ${p99.toFixed(1)} ms > ${TARGET_P99_MS} ms: target missed`);
}

await main();
