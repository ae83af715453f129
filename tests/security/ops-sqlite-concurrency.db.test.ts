import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findPrincipalByKey } from '../../src/db/api-keys.js';
import { resolveApiKeySecret } from '../../src/db/api-key-secret.js';
import { openDatabase } from '../../src/db/open-database.js';
import { killAll, runToEnd, startServer } from './ops-helpers/run-processes.js';

const ADMIN_API_KEY = 'ops-concurrency-admin-key-0123456789';
let folder: string;
afterEach(() => {
  killAll();
  rmSync(folder, { recursive: true, force: true });
});

describe('SQLite under concurrency: the CLI and the server write one file at once', () => {
  it('answers every write: 6 concurrent `keys create` and 16 concurrent POST /deals, none "database is locked"', async () => {
    folder = mkdtempSync(join(tmpdir(), 'rcp-ops-lock-'));
    const databasePath = join(folder, 'capital.db');
    const server = await startServer(databasePath, { ADMIN_API_KEY, EVALUATION_WORKERS: '1' });
    const auth = { Authorization: `Bearer ${ADMIN_API_KEY}`, 'Content-Type': 'application/json' };
    const posts = Array.from({ length: 16 }, (_, i) =>
      fetch(`${server.url}/api/v1/deals`, { method: 'POST', headers: auth, body: JSON.stringify({ template: 'fuzhou-gulou-25y', name: `并发 ${i}` }) }).then(async (r) => ({ status: r.status, body: await r.text() })),
    );
    const clis = Array.from({ length: 6 }, (_, i) => runToEnd('src/cli.ts', databasePath, ['keys', 'create', '--org', `bank-${i % 3}`, '--role', 'reviewer']));
    const [answers, runs] = await Promise.all([Promise.all(posts), Promise.all(clis)]);

    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body.slice(0, 200)}`)).toEqual([]);
    expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
    const keys = runs.map((r) => r.stdout.trim());
    expect(new Set(keys).size).toBe(6);

    // Every acknowledged write is there: 16 deals, and each key works.
    const list = await fetch(`${server.url}/api/v1/deals?limit=100`, { headers: auth }).then((r) => r.json() as Promise<{ items: unknown[] }>);
    expect(list.items).toHaveLength(16);
    const database = openDatabase(databasePath);
    // The CLI and the server hash keys with the secret they made beside the database.
    const secret = resolveApiKeySecret({ configured: undefined, databasePath });
    try {
      for (const key of keys) expect((await findPrincipalByKey(database.db, key, secret))?.role).toBe('reviewer');
    } finally {
      database.close();
    }
    expect(server.output()).not.toMatch(/database is locked/);
  }, 300_000);

  it('lets several CLI processes create the same new database at once (migrations race)', async () => {
    folder = mkdtempSync(join(tmpdir(), 'rcp-ops-lock-'));
    const databasePath = join(folder, 'fresh', 'capital.db');
    const runs = await Promise.all(Array.from({ length: 4 }, (_, i) => runToEnd('src/cli.ts', databasePath, ['keys', 'create', '--org', `org-${i}`, '--role', 'modeler'])));
    expect(runs.filter((r) => r.code !== 0).map((r) => r.stderr)).toEqual([]);
  }, 300_000);
});
