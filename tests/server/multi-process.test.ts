import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresAvailable } from '../helpers/postgres-cluster.js';

/**
 * Two service processes (the compiled build, node dist/server.js) on one database: what one writes the
 * other reads, concurrent edits of one revision have exactly one winner across processes (the database
 * decides, not a process's memory), and a key revoked through one process is refused by the other at
 * once. Run on one SQLite file (WAL) always; on PostgreSQL (DATABASE_URL) when the server supports it —
 * until then that variant is skipped, saying why. Ports: 7130 and 7131 (SQLite), 7132 and 7133 (PostgreSQL).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN_API_KEY = 'multi-process-admin-key-0123456789abcdef';
const API_KEY_SECRET = 'multi-process-key-secret-0123456789abcdef';
const TIMEOUT = 300_000;

interface Process {
  url: string;
  child: ChildProcess;
  output: () => string;
}

const children: ChildProcess[] = [];
const folders: string[] = [];
/** Run after the processes stop (a throwaway PostgreSQL cluster). */
const cleanups: (() => void)[] = [];

beforeAll(() => {
  const built = spawnSync('npm', ['run', 'build:server', '--silent'], { cwd: root, encoding: 'utf8', timeout: 480_000 });
  if (built.status !== 0) throw new Error(`npm run build:server failed:\n${built.stdout}\n${built.stderr}`);
}, 600_000);

afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  for (const cleanup of cleanups) cleanup();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}, 60_000);

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** node dist/server.js with `env`; resolves when it listens, rejects with its output when it exits first. */
function startProcess(env: Record<string, string>, port: number): Promise<Process> {
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), INSTANCE_ID: `multi-process-${port}`, ADMIN_API_KEY, API_KEY_SECRET, EVALUATION_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 120 s:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, child, output: () => output });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${output}`));
    });
  });
}

async function call(server: Process, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; key?: string } = {}) {
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
  ports: [number, number];
  skip?: string;
  check?: () => string | undefined;
}

function describeTwoProcesses(name: string, open: () => Promise<Setting>) {
  describe(`two service processes on ${name}`, { timeout: TIMEOUT }, () => {
    let a: Process;
    let b: Process;
    let skipReason: string | undefined;
    beforeAll(async () => {
      const setting = await open();
      skipReason = setting.skip;
      if (skipReason) return;
      try {
        a = await startProcess(setting.env, setting.ports[0]);
      } catch (error) {
        // A server that refuses the setting with its clear error does not support this database yet.
        if (/unsupported|not supported|must be/i.test((error as Error).message) && name.includes('PostgreSQL')) {
          skipReason = `the server does not start on ${name} yet: ${(error as Error).message.split('\n').slice(1).join(' ').trim().slice(0, 300)}`;
          return;
        }
        throw error;
      }
      skipReason = setting.check?.();
      if (skipReason) return;
      b = await startProcess(setting.env, setting.ports[1]);
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
  });
}

describeTwoProcesses('one SQLite file (WAL)', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'rcp-multi-process-'));
  folders.push(folder);
  return { env: { DATABASE_PATH: join(folder, 'capital.db') }, ports: [7130, 7131] };
});

describeTwoProcesses('one PostgreSQL (DATABASE_URL)', async (): Promise<Setting> => {
  if (!postgresAvailable()) return { env: {}, ports: [7132, 7133], skip: 'PostgreSQL is not installed and TEST_DATABASE_URL is not set' };
  const database = await openTestDatabase();
  if (!database.ok) return { env: {}, ports: [7132, 7133], skip: database.reason };
  cleanups.push(() => database.stop());
  // DATABASE_PATH names a file that must stay absent: a server that ignores DATABASE_URL would make it.
  const folder = mkdtempSync(join(tmpdir(), 'rcp-multi-process-pg-'));
  folders.push(folder);
  const sentinel = join(folder, 'must-not-exist.db');
  return {
    env: { DATABASE_URL: database.url, DATABASE_PATH: sentinel },
    ports: [7132, 7133],
    check: () => (existsSync(sentinel) ? 'the server ignores DATABASE_URL=postgres://… (it opened the SQLite file at DATABASE_PATH): PostgreSQL as the service database is not merged yet' : undefined),
  };
});
