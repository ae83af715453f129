/**
 * Benchmark (issue 12, item 7): /health latency while the hostile bodies of the issue hit the real
 * server on 127.0.0.1 — the formula cost bomb, 1,994 unary minus signs, [ ×10,000, a 2 MB body of 990
 * custom streams — on POST /evaluate, /deals, PUT /deals/{id} and /term-sheet. Target: /health
 * p99 ≤ 50 ms. Bounded: `--seconds` (default 20) of load from `--connections` (default 4) clients.
 *
 *   npm run bench:health
 *   npm run bench:health -- --seconds 30 --connections 6
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main(): Promise<void> {
  const server = await startServer();
  const auth = { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json' };
  try {
    const created = await fetch(`${server.url}/api/v1/deals`, { method: 'POST', headers: auth, body: JSON.stringify({ template: 'fuzhou-gulou-25y' }) });
    const dealId = ((await created.json()) as { id: string }).id;
    const routes = [
      { method: 'POST', path: '/api/v1/evaluate', headers: {} },
      { method: 'POST', path: '/api/v1/deals', headers: {} },
      { method: 'PUT', path: `/api/v1/deals/${dealId}`, headers: { 'If-Match': '"1"' } },
      { method: 'POST', path: '/api/v1/term-sheet', headers: {} },
    ];
    const bodies = Object.values(BODIES);
    const statuses = new Map<number, number>();
    const deadline = Date.now() + SECONDS * 1000;
    let sent = 0;
    const attacker = async () => {
      while (Date.now() < deadline) {
        const route = routes[sent % routes.length]!;
        const body = bodies[Math.floor(sent / routes.length) % bodies.length]!;
        sent++;
        const response = await fetch(`${server.url}${route.path}`, { method: route.method, headers: { ...auth, ...route.headers } as Record<string, string>, body });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    };
    const latencies: number[] = [];
    const prober = async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await fetch(`${server.url}/health`);
        await response.arrayBuffer();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS));
      }
    };
    await Promise.all([...Array.from({ length: CONNECTIONS }, attacker), prober()]);
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    console.log(`/health under the bombs: ${SECONDS} s, ${CONNECTIONS} attacking connections, ${sent} hostile requests`);
    console.table({
      '/health': {
        samples: latencies.length,
        'p50 ms': Number(percentile(latencies, 50).toFixed(1)),
        'p99 ms': Number(p99.toFixed(1)),
        'max ms': Number(latencies[latencies.length - 1]!.toFixed(1)),
      },
    });
    console.log('hostile requests by status:', Object.fromEntries([...statuses.entries()].sort((a, b) => a[0] - b[0])));
    console.log(p99 <= TARGET_P99_MS ? `p99 ${p99.toFixed(1)} ms ≤ ${TARGET_P99_MS} ms: target met` : `p99 ${p99.toFixed(1)} ms > ${TARGET_P99_MS} ms: target missed`);
  } finally {
    await server.stop();
  }
}

await main();
