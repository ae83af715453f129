import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresAvailable } from '../helpers/postgres-cluster.js';
import { readEvents, type JobEvent } from '../helpers/read-events.js';
import { ensureServerBuilt, startServerProcess, stopProcess, type ServerProcess } from '../helpers/server-process.js';

/**
 * Two service processes (the compiled build, node dist/server.js) on one database: what one writes the
 * other reads, concurrent edits of one revision have exactly one winner across processes (the database
 * decides, not a process's memory), and a key revoked through one process is refused by the other at
 * once. Run on one SQLite file (WAL) always, and on PostgreSQL (DATABASE_URL) wherever PostgreSQL is
 * installed (always in CI). On PostgreSQL also: a portfolio stress job accepted by A runs in chunks on the
 * durable queue, the worker process holding its chunk is SIGKILLed, another worker finishes it, and B
 * reads the job and the one-process answer; and a third process C accepts portfolio stress jobs and is
 * SIGKILLed right after the 202s: B tells them (`queued` while no worker runs, and after C started again),
 * cancels one, streams the other's progress to its end once a worker runs, and reads the one-process
 * answer. Ports: MULTI_PROCESS_PORT_BASE (7130 unless set) and the next one (SQLite), +2 and +3
 * (PostgreSQL), +4 (C).
 */
const PORT_BASE = Number(process.env.MULTI_PROCESS_PORT_BASE ?? 7130);
const root = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN_API_KEY = 'multi-process-admin-key-0123456789abcdef';
const API_KEY_SECRET = 'multi-process-key-secret-0123456789abcdef';
const TIMEOUT = 300_000;

const children: ChildProcess[] = [];
const folders: string[] = [];
/** Run after the processes stop (a throwaway PostgreSQL cluster). */
const cleanups: (() => void)[] = [];

beforeAll(() => {
  ensureServerBuilt();
}, 600_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  for (const cleanup of cleanups) cleanup();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}, 60_000);

/** node dist/server.js with `env` on `port`, its child kept for afterAll. */
async function startProcess(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const started = startServerProcess({ PORT: String(port), INSTANCE_ID: `multi-process-${port}`, ADMIN_API_KEY, API_KEY_SECRET, EVALUATION_WORKERS: '1', ...env });
  started.catch((error: { child?: ChildProcess }) => error.child && children.push(error.child));
  const server = await started;
  children.push(server.child);
  return server;
}

/** node dist/worker.js on the queue at `url`; `taken` resolves when it logs that it holds a chunk. */
function startWorker(url: string): { child: ChildProcess; taken: Promise<void>; output: () => string } {
  const child = spawn(process.execPath, ['dist/worker.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', QUEUE_DATABASE_URL: url, QUEUE_POLLING_SECONDS: '1', QUEUE_MAINTENANCE_SECONDS: '2' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const taken = new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/chunk taken/.test(output)) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
  return { child, taken, output: () => output };
}

async function call(server: ServerProcess, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; key?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${options.key ?? ADMIN_API_KEY}`, ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text === '' ? null : JSON.parse(text)) as any };
}

/** The same checks on any database the two processes share. */
/** How to reach the database: the processes' settings, their ports, a reason to skip, a check after the first one starts. */
interface Setting {
  env: Record<string, string>;
  /** PostgreSQL: the port of the process C that is killed after accepting jobs. */
  killedPort?: number;
  ports: [number, number];
  skip?: string;
  check?: () => string | undefined;
  /** PostgreSQL: the queue's URL, for worker processes of their own and to read the queue's tables. */
  queueUrl?: string;
}

function describeTwoProcesses(name: string, open: () => Promise<Setting>) {
  describe(`two service processes on ${name}`, { timeout: TIMEOUT }, () => {
    let a: ServerProcess;
    let b: ServerProcess;
    let skipReason: string | undefined;
    let queueUrl: string | undefined;
    let setting: Setting;
    beforeAll(async () => {
      setting = await open();
      skipReason = setting.skip;
      if (skipReason) return;
      a = await startProcess(setting.env, setting.ports[0]);
      const wrong = setting.check?.();
      if (wrong) throw new Error(wrong);
      b = await startProcess(setting.env, setting.ports[1]);
      queueUrl = setting.queueUrl;
    }, TIMEOUT);

    it('lets any process answer: one winner among concurrent PUTs with If-Match "1" through both, and both read the winner', async (context) => {
      if (skipReason) return context.skip(skipReason);
      const created = await call(a, 'POST', '/api/v1/deals', { body: { template: 'fuzhou-gulou-25y' } });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      expect((await call(b, 'GET', `/api/v1/deals/${id}`)).body.revision).toBe(1);

      // Six edits of revision 1, alternately through A and B, all sent at once; each names its own discount rate.
      const rates = ['0.051', '0.052', '0.053', '0.054', '0.055', '0.056'];
      const replies = await Promise.all(
        rates.map((rate, i) => call(i % 2 === 0 ? a : b, 'PUT', `/api/v1/deals/${id}`, { body: { ...created.body.deal, discountRate: rate }, headers: { 'If-Match': '"1"' } })),
      );
      const statuses = replies.map((reply) => reply.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(5);
      for (const refused of replies.filter((reply) => reply.status === 412)) expect(refused.body.code).toBe('STALE_REVISION');
      const winner = rates[statuses.indexOf(200)]!;

      // Both processes read the same latest revision: 2, with the winner's rate; the revision list has two.
      for (const server of [a, b]) {
        const read = await call(server, 'GET', `/api/v1/deals/${id}`);
        expect(read.body.revision).toBe(2);
        expect(read.headers.get('etag')).toBe('"2"');
        expect(read.body.deal.discountRate).toBe(winner);
      }
      const revisions = await call(b, 'GET', `/api/v1/deals/${id}/revisions`);
      expect(revisions.status).toBe(200);
      expect(revisions.body.items.map((r: { revision: number }) => r.revision).sort()).toEqual([1, 2]);
    });

    it('refuses through B, at once, a key revoked through A', async (context) => {
      if (skipReason) return context.skip(skipReason);
      const made = await call(a, 'POST', '/api/v1/keys', { body: { role: 'reviewer', label: 'multi-process' } });
      expect(made.status).toBe(201);
      const key = made.body.key as string;
      expect((await call(b, 'GET', '/api/v1/deals', { key })).status).toBe(200);
      expect((await call(a, 'DELETE', `/api/v1/keys/${made.body.id}`)).status).toBe(204);
      const refused = await call(b, 'GET', '/api/v1/deals', { key });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
    });

    it('runs a portfolio stress job submitted through A on the queue, finished by a worker process after the one holding its chunk is SIGKILLed, and read through B with the one-process answer', async (context) => {
      if (skipReason) return context.skip(skipReason);
      if (!queueUrl) return context.skip('a durable job queue needs PostgreSQL: this database has none (the in-process pools serve jobs)');
      const ids: string[] = [];
      for (const template of ['fuzhou-gulou-25y', 'beijing-jinsong-20y']) {
        const made = await call(a, 'POST', '/api/v1/deals', { body: { template } });
        expect(made.status, JSON.stringify(made.body)).toBe(201);
        ids.push(made.body.id);
      }
      const portfolio = await call(b, 'POST', '/api/v1/portfolios', {
        body: { name: '两进程压力测试', members: ids.map((dealId) => ({ dealId })), budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '100000000', growthRate: '0' } },
      });
      expect(portfolio.status, JSON.stringify(portfolio.body)).toBe(201);
      const path = `/api/v1/portfolios/${portfolio.body.id}/stress?asOf=2026-01-01`;
      // The answer of one process (synchronous: the in-process pool of B).
      const direct = await call(b, 'POST', path, { body: {} });
      expect(direct.status, JSON.stringify(direct.body)).toBe(200);

      // Two worker processes of their own (the services start none: QUEUE_WORKERS=0); whichever takes the chunk is killed.
      const workers = [startWorker(queueUrl), startWorker(queueUrl)];
      const accepted = await call(a, 'POST', path, { body: {}, headers: { Prefer: 'respond-async' } });
      expect(accepted.status).toBe(202);
      const taker = await Promise.race(workers.map((w) => w.taken.then(() => w)));
      taker.child.kill('SIGKILL');
      const other = workers.find((w) => w !== taker)!;

      // B reads the job A accepted (its state is in PostgreSQL) until it ends.
      const location = accepted.headers.get('location')!;
      let job = await call(b, 'GET', location);
      const deadline = Date.now() + 240_000;
      while (['queued', 'running'].includes(job.body.status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        job = await call(b, 'GET', location);
      }
      expect(job.body.status, JSON.stringify(job.body)).toBe('succeeded');
      expect(other.output()).toMatch(/chunk done: job .* chunk 0/);
      const result = await call(b, 'GET', `${location}/result`);
      expect(result.status).toBe(200);
      expect(result.body).toEqual(direct.body);
      await stopProcess(other.child); // no worker runs now: the next test starts its own
    });

    it('tells through B the jobs of a process SIGKILLed right after its 202s: queued while no worker runs and after it starts again, one cancelled, the other streamed to its end with the one-process answer', async (context) => {
      if (skipReason) return context.skip(skipReason);
      if (!queueUrl || !setting.killedPort) return context.skip('a durable job queue needs PostgreSQL: this database has none (the in-process pools serve jobs)');
      const ids: string[] = [];
      for (const template of ['fuzhou-gulou-25y', 'beijing-jinsong-20y']) ids.push((await call(b, 'POST', '/api/v1/deals', { body: { template } })).body.id);
      const portfolio = await call(b, 'POST', '/api/v1/portfolios', {
        body: { name: '进程被杀', members: ids.map((dealId) => ({ dealId })), budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '100000000', growthRate: '0' } },
      });
      expect(portfolio.status, JSON.stringify(portfolio.body)).toBe(201);
      const path = `/api/v1/portfolios/${portfolio.body.id}/stress?asOf=2026-01-01`;
      const direct = await call(b, 'POST', path, { body: {} });
      expect(direct.status, JSON.stringify(direct.body)).toBe(200);

      // C accepts two jobs (each 202 once its chunks are queued) and is killed at once.
      const c = await startProcess({ ...setting.env, INSTANCE_ID: 'multi-process-killed' }, setting.killedPort);
      const kept = await call(c, 'POST', path, { body: {}, headers: { Prefer: 'respond-async' } });
      const doomed = await call(c, 'POST', path, { body: {}, headers: { Prefer: 'respond-async' } });
      c.child.kill('SIGKILL');
      expect([kept.status, doomed.status]).toEqual([202, 202]);
      const location = kept.headers.get('location')!;
      // No worker runs: both wait, as B tells it (C is dead); two members in one chunk, none done.
      for (const job of [kept, doomed]) {
        const read = await call(b, 'GET', job.headers.get('location')!);
        expect(read.body.status, JSON.stringify(read.body)).toBe('queued');
        expect(read.body.progress).toEqual({ done: 0, total: 2, fraction: 0 });
      }
      // C started again (same instance): the queue's jobs are not interrupted.
      await new Promise<void>((resolve) => (c.child.exitCode !== null || c.child.signalCode !== null ? resolve() : c.child.once('exit', () => resolve())));
      const again = await startProcess({ ...setting.env, INSTANCE_ID: 'multi-process-killed' }, setting.killedPort);
      expect((await call(again, 'GET', location)).body.status).toBe('queued');
      // …and stopped gracefully (SIGTERM) while a job it accepted waits on the queue: that job is not failed either.
      const third = await call(again, 'POST', path, { body: {}, headers: { Prefer: 'respond-async' } });
      expect(third.status).toBe(202);
      await stopProcess(again.child);
      expect((await call(b, 'GET', third.headers.get('location')!)).body.status).toBe('queued');

      const cancelled = await call(b, 'DELETE', doomed.headers.get('location')!);
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');

      // B's event stream of the kept job: queued first; then a worker starts and takes its chunk.
      const response = await fetch(`${b.url}${location}/events`, { headers: { Authorization: `Bearer ${ADMIN_API_KEY}` } });
      const stream = readEvents(response);
      const first = (await stream.next())!;
      expect(first.data.status).toBe('queued');
      const worker = startWorker(queueUrl);
      const events: JobEvent[] = [first, ...(await stream.rest())];
      const done = events.map((e) => e.data.progress.done);
      for (let i = 1; i < done.length; i++) expect(done[i]!).toBeGreaterThanOrEqual(done[i - 1]!);
      expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
      expect(events.at(-1)!.event).toBe('done');
      expect(events.at(-1)!.data.status).toBe('succeeded');
      expect(events.at(-1)!.data.progress).toEqual({ done: 2, total: 2, fraction: 1 });
      expect(worker.output()).toMatch(/chunk done: job .* chunk 0 \(job complete\)/);
      // The job of the gracefully stopped process is worked too and ends succeeded, with the same answer.
      let thirdJob = await call(b, 'GET', third.headers.get('location')!);
      for (const deadline = Date.now() + 240_000; ['queued', 'running'].includes(thirdJob.body.status) && Date.now() < deadline; ) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        thirdJob = await call(b, 'GET', third.headers.get('location')!);
      }
      expect(thirdJob.body.status, JSON.stringify(thirdJob.body)).toBe('succeeded');
      expect(thirdJob.body.result).toEqual(direct.body);
      // Only the kept job and the third were worked: the cancelled one's chunk was never taken.
      expect(worker.output().match(/chunk taken/g)).toHaveLength(2);

      const result = await call(b, 'GET', `${location}/result`);
      expect(result.status).toBe(200);
      expect(result.body).toEqual(direct.body);
      expect((await call(b, 'GET', doomed.headers.get('location')!)).body.status).toBe('cancelled');
      await stopProcess(worker.child);
    });
  });
}

describeTwoProcesses('one SQLite file (WAL)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rcp-multi-process-'));
  folders.push(folder);
  return { env: { DATABASE_PATH: join(folder, 'capital.db') }, ports: [PORT_BASE, PORT_BASE + 1] };
});

describeTwoProcesses('one PostgreSQL (DATABASE_URL)', async (): Promise<Setting> => {
  if (!postgresAvailable()) return { env: {}, ports: [PORT_BASE + 2, PORT_BASE + 3], skip: 'PostgreSQL is not installed and TEST_DATABASE_URL is not set' };
  const database = await openTestDatabase();
  if (!database.ok) return { env: {}, ports: [PORT_BASE + 2, PORT_BASE + 3], skip: database.reason };
  cleanups.push(() => database.stop());
  // DATABASE_PATH names a file that must stay absent: a server that ignores DATABASE_URL would make it.
  const folder = mkdtempSync(join(tmpdir(), 'rcp-multi-process-pg-'));
  folders.push(folder);
  const sentinel = join(folder, 'must-not-exist.db');
  return {
    // The chunk expiry is short so that a killed worker's chunk goes to the other within the test; the services start no workers.
    env: { DATABASE_URL: database.url, DATABASE_PATH: sentinel, QUEUE_WORKERS: '0', QUEUE_CHUNK_EXPIRE_SECONDS: '20', QUEUE_MAINTENANCE_SECONDS: '2', QUEUE_POLLING_SECONDS: '1' },
    ports: [PORT_BASE + 2, PORT_BASE + 3],
    killedPort: PORT_BASE + 4,
    queueUrl: database.url,
    check: () => (existsSync(sentinel) ? 'the server ignored DATABASE_URL=postgres://… and opened the SQLite file at DATABASE_PATH' : undefined),
  };
});
