import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_API_KEY = 'durability-test-admin-key-0123456789';

interface Running {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function makeFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'rcp-server-'));
  folders.push(folder);
  return folder;
}

/**
 * Start src/server.ts as one node process (node --import tsx, not the tsx launcher, which would put a
 * second process between the test and the server and keep the server alive after a SIGKILL).
 */
function startServer(databasePath: string, env: Record<string, string> = { ADMIN_API_KEY }): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output, exited });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
}

async function call(server: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('the server process (src/server.ts)', () => {
  it('keeps every acknowledged write through a SIGKILL', async () => {
    const databasePath = join(makeFolder(), 'capital.db');
    const first = await startServer(databasePath);
    expect(existsSync(`${databasePath}-wal`)).toBe(true);

    const acknowledged: { id: string; revision: number; discountRate: string }[] = [];
    for (const template of ['fuzhou-gulou-25y', 'lugu-package', 'shenzhen-elevator']) {
      const created = await call(first, 'POST', '/api/v1/deals', { template });
      expect(created.status).toBe(201);
      const edited = await call(first, 'PUT', `/api/v1/deals/${created.body.id}`, { ...created.body.deal, discountRate: '0.07' }, { 'If-Match': '"1"' });
      expect(edited.status).toBe(200);
      acknowledged.push({ id: created.body.id, revision: 2, discountRate: '0.07' });
    }
    const scenario = await call(first, 'POST', `/api/v1/deals/${acknowledged[0]!.id}/scenarios`, { name: 'stress', overrides: { discountRate: '0.1' } });
    expect(scenario.status).toBe(201);

    // A burst of writes, killed while it is in flight: whatever was acknowledged must survive.
    const inFlight = Array.from({ length: 12 }, (_, i) =>
      call(first, 'POST', '/api/v1/deals', { template: 'xiangtan-heping', name: `burst ${i}` }).then((reply) => {
        if (reply.status === 201) acknowledged.push({ id: reply.body.id, revision: 1, discountRate: reply.body.deal.discountRate });
        if (acknowledged.length === 6) first.child.kill('SIGKILL');
      }),
    );
    await Promise.allSettled(inFlight);
    if (first.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged.length).toBeGreaterThanOrEqual(6);

    const second = await startServer(databasePath);
    for (const deal of acknowledged) {
      const read = await call(second, 'GET', `/api/v1/deals/${deal.id}`);
      expect({ id: deal.id, status: read.status, revision: read.body.revision, discountRate: read.body.deal?.discountRate }).toEqual({ status: 200, ...deal });
    }
    const revisions = await call(second, 'GET', `/api/v1/deals/${acknowledged[0]!.id}/revisions`);
    expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const kept = await call(second, 'GET', `/api/v1/deals/${acknowledged[0]!.id}/scenarios/${scenario.body.id}`);
    expect(kept.body.overrides).toEqual({ discountRate: '0.1' });
    const log = await call(second, 'GET', '/api/v1/audit-log?limit=100');
    const created = new Set(log.body.items.filter((e: { action: string }) => e.action === 'deal.created').map((e: { subjectId: string }) => e.subjectId));
    for (const deal of acknowledged) expect(created.has(deal.id)).toBe(true);
  }, 90_000);

  it('reports a job running when the process is SIGKILLed as JOB_INTERRUPTED after its restart, never one another process on the database runs', async () => {
    const databasePath = join(makeFolder(), 'capital.db');
    const first = await startServer(databasePath, { ADMIN_API_KEY, INSTANCE_ID: 'instance-a' });
    const deal = await call(first, 'POST', '/api/v1/deals', { template: 'lugu-package' });
    expect(deal.status).toBe(201);
    // 100,000 draws: minutes of work, so it is still running when the process is killed.
    const accepted = await call(first, 'POST', `/api/v1/deals/${deal.body.id}/simulate`, { draws: 100_000 }, { Prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    const jobPath = `/api/v1/jobs/${accepted.body.id}`;
    const deadline = Date.now() + 60_000;
    let seen = await call(first, 'GET', jobPath);
    while (!(seen.body.status === 'running' && seen.body.progress.done > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      seen = await call(first, 'GET', jobPath);
    }
    expect(seen.body).toMatchObject({ status: 'running', progress: { total: 1000 } }); // counted in chunks of 100 draws

    // Another process starting on the same database leaves the job alone: it is not its own.
    const other = await startServer(databasePath, { ADMIN_API_KEY, INSTANCE_ID: 'instance-b' });
    expect((await call(other, 'GET', jobPath)).body.status).toBe('running');
    other.child.kill('SIGTERM');
    expect(await other.exited).toBe(0);

    first.child.kill('SIGKILL');
    await first.exited;
    const again = await startServer(databasePath, { ADMIN_API_KEY, INSTANCE_ID: 'instance-a' });
    const job = await call(again, 'GET', jobPath);
    expect(job.body).toMatchObject({ status: 'failed', problem: { code: 'JOB_INTERRUPTED', status: 503 }, links: { result: `${jobPath}/result` } });
    const result = await call(again, 'GET', `${jobPath}/result`);
    expect([result.status, result.body.code]).toEqual([503, 'JOB_INTERRUPTED']);
    // The deal saved before the kill is whole, and still evaluates.
    const read = await call(again, 'GET', `/api/v1/deals/${deal.body.id}`);
    expect([read.status, read.body.revision, read.body.deal]).toEqual([200, 1, deal.body.deal]);
    expect((await call(again, 'POST', `/api/v1/deals/${deal.body.id}/evaluate`)).status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 240_000);

  it('exports through its worker threads: a term sheet with a simulation from the simulation pool, and a portfolio workbook', async () => {
    const server = await startServer(join(makeFolder(), 'capital.db'));
    const deal = (await call(server, 'POST', '/api/v1/deals', { template: 'lugu-package' })).body.id;
    const download = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${server.url}${path}`, { ...init, headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, ...init.headers } });
      return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const termSheet = await download(`/api/v1/deals/${deal}/term-sheet.xlsx?include=simulation&draws=100&seed=2`);
    expect([termSheet.status, termSheet.type, termSheet.bytes.subarray(0, 2).toString()]).toEqual([200, XLSX, 'PK']);
    const simulated = await download(`/api/v1/deals/${deal}/simulate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: XLSX },
      body: JSON.stringify({ variables: [{ driver: { driver: 'opex' }, distribution: { kind: 'uniform', min: '-0.1', max: '0.1' } }], draws: 100 }),
    });
    expect([simulated.status, simulated.type]).toEqual([200, XLSX]);
    const portfolio = (await call(server, 'POST', '/api/v1/portfolios', { name: '片区', members: [{ dealId: deal }] })).body.id;
    const workbook = await download(`/api/v1/portfolios/${portfolio}/term-sheet.xlsx`);
    expect([workbook.status, workbook.type, workbook.bytes.subarray(0, 2).toString()]).toEqual([200, XLSX, 'PK']);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 90_000);

  it('prints a fresh admin key at first start when ADMIN_API_KEY is not set, and stops cleanly on SIGTERM', async () => {
    const databasePath = join(makeFolder(), 'nested', 'capital.db');
    const server = await startServer(databasePath, {});
    const key = /\s(rcp_[A-Za-z0-9_-]{43})\s/.exec(server.output())?.[1];
    expect(key).toBeDefined();
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
    expect(await me.json()).toMatchObject({ organisation: 'default', role: 'admin' });
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight, then closing the database');

    const again = await startServer(databasePath, {});
    expect(again.output()).not.toMatch(/rcp_/);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 90_000);
});
