import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensureServerBuilt, startServerProcess, stopProcess } from '../helpers/server-process.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The restore drill of README "Deployment", on SQLite: while the service (node dist/server.js) keeps
 * writing revisions, the live file is backed up with SQLite's online backup API (better-sqlite3's
 * db.backup, what `sqlite3 capital.db ".backup copy.db"` does), the copy is restored as a new
 * service's database, and every revision the service had acknowledged before the backup began is
 * there, with its figures. Port 7134 (live) and 7135 (restored).
 */
const ADMIN_API_KEY = 'backup-drill-admin-key-0123456789abcdef';
const API_KEY_SECRET = 'backup-drill-key-secret-0123456789abcdef';
const children: ChildProcess[] = [];
const folder = mkdtempSync(join(tmpdir(), 'rcp-backup-'));

beforeAll(() => {
  ensureServerBuilt();
}, 600_000);
afterAll(async () => {
  await Promise.all(children.map((child) => stopProcess(child)));
  rmSync(folder, { recursive: true, force: true });
}, 60_000);

async function startService(databasePath: string, port: number): Promise<string> {
  const started = startServerProcess({ PORT: String(port), DATABASE_PATH: databasePath, ADMIN_API_KEY, API_KEY_SECRET, EVALUATION_WORKERS: '1' });
  started.catch((error: { child?: ChildProcess }) => error.child && children.push(error.child));
  const server = await started;
  children.push(server.child);
  return server.url;
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}${path}`, { method, headers: { Authorization: `Bearer ${ADMIN_API_KEY}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

describe('backing up a live SQLite file and restoring it', { timeout: 300_000 }, () => {
  it('keeps, in the restored copy, every revision acknowledged before the backup began, while writes go on', async () => {
    const live = join(folder, 'capital.db');
    const url = await startService(live, 7134);
    const created = await call(url, 'POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const acknowledged = new Map<number, string>([[1, created.body.deal.discountRate]]);

    // A writer that keeps editing the deal, one revision after another, recording what was acknowledged.
    let writing = true;
    let revision = 1;
    const writer = (async () => {
      while (writing) {
        const rate = `0.05${String(revision).padStart(4, "0")}1`; // ends in 1: no trailing zero to normalise
        const edited = await call(url, 'PUT', `/api/v1/deals/${id}`, { ...created.body.deal, discountRate: rate }, { 'If-Match': `"${revision}"` });
        expect(edited.status).toBe(200);
        revision = edited.body.revision;
        acknowledged.set(revision, rate);
      }
    })();
    while (acknowledged.size < 5) await new Promise((resolve) => setTimeout(resolve, 20));

    const before = new Map(acknowledged);
    const copy = join(folder, 'backup.db');
    const source = new Database(live, { readonly: true, fileMustExist: true });
    await source.backup(copy);
    source.close();
    writing = false;
    await writer;

    // Restore: the copy becomes a new service's database file.
    const restoredPath = join(folder, 'restored.db');
    copyFileSync(copy, restoredPath);
    const check = new Database(restoredPath, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    const restored = await startService(restoredPath, 7135);
    for (const [number, rate] of before) {
      const read = await call(restored, 'GET', `/api/v1/deals/${id}/revisions/${number}`);
      expect(read.status, `revision ${number}`).toBe(200);
      expect(read.body.deal.discountRate).toBe(rate);
    }
    // Nothing later than the last write is invented: the restored deal is at a revision the service acknowledged.
    const latest = await call(restored, 'GET', `/api/v1/deals/${id}`);
    expect(acknowledged.get(latest.body.revision)).toBe(latest.body.deal.discountRate);
    expect(latest.body.revision).toBeGreaterThanOrEqual(Math.max(...before.keys()));
  });
});
