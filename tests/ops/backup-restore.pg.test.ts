import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPostgresBin } from '../helpers/postgres-cluster.js';
import { ensureServerBuilt, startServerProcess, stopProcess } from '../helpers/server-process.js';
import { createPostgresTestDatabase } from '../helpers/test-database.js';

/**
 * The PostgreSQL restore drill of README "Deployment" (the `postgres` project, on the run's cluster):
 * the built service (node dist/server.js) on a database of its own stores a deal and three revisions;
 * `pg_dump -Fc` of that database, `pg_restore --no-owner` into a new, empty database; a second service
 * on the restored database answers every revision and the evaluation of each exactly as the first one
 * does (the same JSON). Ports 4141 (live) and 4142 (restored).
 */
const ADMIN_API_KEY = 'pg-backup-drill-admin-key-0123456789abcdef';
const API_KEY_SECRET = 'pg-backup-drill-key-secret-0123456789abcdef';
const children: ChildProcess[] = [];
const folder = mkdtempSync(join(tmpdir(), 'rcp-pg-backup-'));
const drops: (() => Promise<void>)[] = [];

beforeAll(() => {
  ensureServerBuilt();
}, 600_000);
afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  for (const drop of drops) await drop().catch(() => {});
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

async function startService(databaseUrl: string, port: number): Promise<string> {
  // QUEUE_WORKERS=0: no chunk worker processes beside it (the drill runs no long job).
  const started = startServerProcess({ PORT: String(port), DATABASE_URL: databaseUrl, ADMIN_API_KEY, API_KEY_SECRET, EVALUATION_WORKERS: '1', QUEUE_WORKERS: '0' });
  started.catch((error: { child?: ChildProcess }) => error.child && children.push(error.child));
  const server = await started;
  children.push(server.child);
  return server.url;
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

/** A PostgreSQL client program (pg_dump, pg_restore) of the installed version; throws with its output when it fails. */
function runPgTool(name: string, args: string[]): void {
  const run = spawnSync(join(findPostgresBin()!, name), args, { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`${name} ${args.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr || run.stdout}`);
}

describe('backing up a service database on PostgreSQL (pg_dump) and restoring it (pg_restore)', { timeout: 300_000 }, () => {
  it('serves, from the restored database, the same revisions and the same evaluation of each', async () => {
    const live = await createPostgresTestDatabase();
    drops.push(live.drop);
    const url = await startService(live.url, 4141);
    const created = await call(url, 'POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Revisions 2 and 3: other discount rates, each a new immutable revision.
    let revision = 1;
    for (const rate of ['0.061', '0.072']) {
      const edited = await call(url, 'PUT', `/api/v1/deals/${id}`, { ...created.body.deal, discountRate: rate }, { 'If-Match': `"${revision}"` });
      expect(edited.status).toBe(200);
      revision = edited.body.revision;
    }
    expect(revision).toBe(3);
    const read = async (at: string) => {
      const list = await call(at, 'GET', `/api/v1/deals/${id}/revisions`);
      expect(list.status).toBe(200);
      const revisions = [];
      for (const number of [1, 2, 3]) {
        const one = await call(at, 'GET', `/api/v1/deals/${id}/revisions/${number}`);
        const evaluation = await call(at, 'POST', `/api/v1/deals/${id}/evaluate?revision=${number}&asOf=2026-01-01`);
        expect(one.status, `revision ${number}`).toBe(200);
        expect(evaluation.status, `evaluation of revision ${number}`).toBe(200);
        revisions.push({ revision: one.body, evaluation: evaluation.body });
      }
      return { list: list.body, revisions };
    };
    const before = await read(url);
    expect(before.revisions.map((r) => r.revision.deal.discountRate)).toEqual([created.body.deal.discountRate, '0.061', '0.072']);
    // The rate changes the figures: three different evaluations (the comparison below can fail).
    expect(new Set(before.revisions.map((r) => JSON.stringify(r.evaluation.evaluation ?? r.evaluation))).size).toBe(3);

    // The dump, while the service runs (pg_dump reads one consistent snapshot).
    const dump = join(folder, 'capital.dump');
    runPgTool('pg_dump', ['-Fc', '-d', live.url, '-f', dump]);

    // The restore, into a new empty database (not the migrated template: the dump brings the schema).
    const adminUrl = new URL(live.url);
    adminUrl.pathname = '/postgres';
    const restoredName = `restored_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${restoredName}"`);
    await admin.end();
    drops.push(async () => {
      const client = new pg.Client({ connectionString: adminUrl.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`);
      await client.end();
    });
    const restoredUrl = new URL(live.url);
    restoredUrl.pathname = `/${restoredName}`;
    runPgTool('pg_restore', ['-d', restoredUrl.toString(), '--no-owner', dump]);

    const restored = await startService(restoredUrl.toString(), 4142);
    const after = await read(restored);
    expect(after).toEqual(before);
    // The restored database takes new revisions where the old one left off.
    const next = await call(restored, 'PUT', `/api/v1/deals/${id}`, { ...created.body.deal, discountRate: '0.083' }, { 'If-Match': '"3"' });
    expect(next.status).toBe(200);
    expect(next.body.revision).toBe(4);
  });
});
