/**
 * Fuzz the real server (issue 12): start src/server.ts on 127.0.0.1 with a fresh temporary database,
 * send generated bodies — mutations of the templates of models/ (edge amounts, hostile strings and
 * numbers, removed sections, unknown fields, deep nesting) and raw junk — and print the count of each
 * status code. Bounded in count and time, loopback only. Exit code 1 when any answer is ≥ 500.
 *
 *   npm run fuzz                                  # 10,000 bodies, at most 600 s, 4 at a time
 *   npm run fuzz -- --count 2000 --seconds 120 --concurrency 4 --seed 7
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './start-server.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readOption(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

const COUNT = Math.min(readOption('count', 10_000), 100_000);
const SECONDS = Math.min(readOption('seconds', 600), 3_600);
const CONCURRENCY = Math.min(Math.max(readOption('concurrency', 4), 1), 16);
const SEED = readOption('seed', 12);

/** mulberry32: a small seeded generator, so a run can be repeated. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
const random = createRandom(SEED);

const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const templates: Json[] = readdirSync(MODELS).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${MODELS}/${f}`, 'utf8')));

const HOSTILE_NUMBERS: Json[] = ['0', '-0', '0.01', '0.000000001', '1e12', '999999999999.99', '1e309', '-1', 'NaN', 'Infinity', '1e-400', '', ' ', 0, -1, 1e308, 2 ** 53 + 1, 0.1, 1e-7, true, null, [], {}];
const HOSTILE_STRINGS: Json[] = [
  '\ud800', '\udc00x', '名\ufffe', '\uffff', '\u0000', '\u0007bell', 'tab\there', '=HYPERLINK("http://x","y")', '+cmd|\' /C calc\'!A0', '@SUM(A1)', '-2+3',
  '😀'.repeat(120), 'x'.repeat(5_000), '<script>alert(1)</script>', '"; DROP TABLE deals; --', '../../etc/passwd', '%00', '\u202e',
  `${'-'.repeat(1994)}m`, `${'exp(log('.repeat(190)}m${'))'.repeat(190)}`, 'import("fs")', 'm ^ m ^ m ^ m', '1/0', 'log(0)', 'sqrt(-1)', 'pow(10, 400)',
];
const HOSTILE_VALUES = [...HOSTILE_NUMBERS, ...HOSTILE_STRINGS];

const nest = (depth: number): Json => (depth === 0 ? 1 : random.next() < 0.5 ? [nest(depth - 1)] : { a: nest(depth - 1) });
const clone = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

/** A random path to a node of the value (objects and arrays descend), and a setter for it. */
function mutateRandomNode(root: Json, replacement: () => Json): void {
  let parent: Json = root;
  for (let depth = 0; depth < 8; depth++) {
    if (parent === null || typeof parent !== 'object') return;
    const keys = Array.isArray(parent) ? parent.map((_, i) => i) : Object.keys(parent);
    if (keys.length === 0) return;
    const key = random.pick(keys as (string | number)[]);
    const child: Json = (parent as Record<string | number, Json>)[key]!;
    if (child === null || typeof child !== 'object' || random.next() < 0.25) {
      (parent as Record<string | number, Json>)[key] = replacement();
      return;
    }
    parent = child;
  }
}

function mutateTemplate(): Json {
  const deal = clone(random.pick(templates)) as Record<string, Json>;
  const steps = 1 + random.int(4);
  for (let s = 0; s < steps; s++) {
    const roll = random.next();
    if (roll < 0.45) mutateRandomNode(deal, () => random.pick(HOSTILE_VALUES));
    else if (roll < 0.6) delete deal[random.pick(Object.keys(deal))];
    else if (roll < 0.7) deal[`unknown${random.int(1000)}`] = random.pick(HOSTILE_VALUES);
    else if (roll < 0.78) mutateRandomNode(deal, () => nest(random.int(120)));
    else if (roll < 0.86 && Array.isArray(deal.capex)) {
      for (const item of deal.capex) if (item !== null && typeof item === 'object' && !Array.isArray(item)) item.amount = random.pick(['0', '0.01', '999999999999']);
    }
    else if (roll < 0.93) deal.name = random.pick(HOSTILE_STRINGS);
    else if (Array.isArray(deal.revenue)) {
      deal.revenue.push({ id: `f${random.int(1e6)}`, name: '公式', driver: 'custom', formula: random.pick(HOSTILE_STRINGS) as string, inputs: { m: '1' } });
    }
  }
  return deal;
}

/** A raw body: the JSON text of a mutated deal (4 in 5) or junk. */
function generateBody(): string {
  const roll = random.next();
  if (roll < 0.8) return JSON.stringify(mutateTemplate());
  if (roll < 0.84) return `${'['.repeat(1 + random.int(20_000))}${']'.repeat(random.int(20_000))}`;
  if (roll < 0.88) return JSON.stringify(mutateTemplate()).slice(0, random.int(4000));
  if (roll < 0.92) return JSON.stringify(random.pick(HOSTILE_VALUES));
  if (roll < 0.96) {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 20_000 + random.int(60_000); i++) wide[`k${i}`] = i;
    return JSON.stringify(wide);
  }
  return String.fromCharCode(...Array.from({ length: random.int(300) }, () => random.int(0x10000)));
}

interface Target {
  method: string;
  path: string;
  headers?: Record<string, string>;
}

async function main(): Promise<void> {
  const server = await startServer();
  const auth = { Authorization: `Bearer ${server.key}` };
  const counts = new Map<number | string, number>();
  const failures: string[] = [];
  const started = Date.now();
  try {
    const seeded = await fetch(`${server.url}/api/v1/deals`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ template: 'fuzhou-gulou-25y' }) });
    const dealId = ((await seeded.json()) as { id: string }).id;
    const targets: [number, Target][] = [
      [70, { method: 'POST', path: '/api/v1/evaluate' }],
      [14, { method: 'POST', path: '/api/v1/deals' }],
      [5, { method: 'PUT', path: `/api/v1/deals/${dealId}`, headers: { 'If-Match': '"1"' } }],
      [4, { method: 'POST', path: `/api/v1/deals/${dealId}/scenarios` }],
      [4, { method: 'POST', path: '/api/v1/term-sheet' }],
      [3, { method: 'POST', path: `/api/v1/deals/${dealId}/stress` }],
    ];
    const total = targets.reduce((s, [w]) => s + w, 0);
    const pickTarget = () => {
      let roll = random.int(total);
      for (const [weight, target] of targets) {
        if (roll < weight) return target;
        roll -= weight;
      }
      return targets[0]![1];
    };
    let sent = 0;
    const deadline = started + SECONDS * 1000;
    const worker = async () => {
      while (sent < COUNT && Date.now() < deadline) {
        sent++;
        const target = pickTarget();
        let body = generateBody();
        // Scenarios take {name, overrides}: wrap a mutated deal as the overrides half of the time.
        if (target.path.endsWith('/scenarios') && random.next() < 0.5) body = `{"name":"fuzz ${sent}","overrides":${body}}`;
        const contentType = random.next() < 0.97 ? 'application/json' : random.pick(['text/plain', 'application/xml', '']);
        let status: number | string;
        try {
          const response = await fetch(`${server.url}${target.path}`, {
            method: target.method,
            headers: { ...auth, ...target.headers, ...(contentType ? { 'Content-Type': contentType } : {}) },
            body,
            signal: AbortSignal.timeout(120_000),
          });
          status = response.status;
          const text = await response.text();
          if (status >= 500 && failures.length < 20) failures.push(`${status} ${target.method} ${target.path}: ${text.slice(0, 300)} ← ${body.slice(0, 200)}`);
        } catch (error) {
          status = `error: ${(error as Error).name}`;
          // fetch's TypeError hides the network cause (a reset, a closed socket, a timeout): name it.
          const cause = (error as { cause?: { code?: string; message?: string } }).cause;
          if (failures.length < 20) failures.push(`${status} (${cause?.code ?? cause?.message ?? (error as Error).message}) ${target.method} ${target.path} [${body.length} bytes] ← ${body.slice(0, 120)}`);
        }
        counts.set(status, (counts.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  } finally {
    await server.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const sentTotal = [...counts.values()].reduce((s, n) => s + n, 0);
  const serverErrors = [...counts.entries()].filter(([status]) => typeof status !== 'number' || status >= 500).reduce((s, [, n]) => s + n, 0);
  console.log(`fuzz: ${sentTotal} bodies in ${seconds} s (seed ${SEED}, concurrency ${CONCURRENCY})`);
  console.table(Object.fromEntries([...counts.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([status, n]) => [String(status), n])));
  console.log(`responses ≥ 500 or failed: ${serverErrors}`);
  for (const failure of failures) console.log(`  ${failure}`);
  process.exitCode = serverErrors > 0 ? 1 : 0;
}

await main();
