import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPrincipalByKey } from '../src/db/api-keys.js';
import { listKeys } from '../src/db/key-lifecycle.js';
import { openPostgres } from '../src/db/open-postgres.js';
import { createPostgresTestDatabase } from './helpers/test-database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const SECRET = 'cli-on-postgres-api-key-secret-0123456789';

/** The compiled CLI (`npm run build:server` first: `npm run cli` runs dist/cli.js) with only the environment given. */
function runCli(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// PostgreSQL alone (the `postgres` project): `npm run cli -- keys create` against DATABASE_URL=postgres://…,
// the database the service processes share; the key it prints opens on the same database.
describe('npm run cli -- keys create on PostgreSQL (compiled CLI)', { timeout: 180_000 }, () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run npm run build:server first');
    created = await createPostgresTestDatabase();
  }, 120_000);
  afterAll(async () => created?.drop());

  it('mints keys into the PostgreSQL database, the organisation made once, each key found there with its role', async () => {
    const env = { DATABASE_URL: created.url, API_KEY_SECRET: SECRET };
    const first = runCli(env, 'keys', 'create', '--org', 'city-bureau', '--role', 'budget', '--label', 'finance bureau');
    expect(first.stderr).toContain('new organisation "city-bureau"');
    expect(first.code).toBe(0);
    const second = runCli(env, 'keys', 'create', '--org', 'city-bureau', '--role', 'admin');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('of the organisation "city-bureau"');
    const [a, b] = [first.stdout.trim(), second.stdout.trim()];
    expect(a).toMatch(/^rcp_[A-Za-z0-9_-]{43}$/);
    expect(b).not.toBe(a);

    const database = await openPostgres(created.url, { maxConnections: 1 });
    try {
      const principal = await findPrincipalByKey(database.db, a, SECRET);
      expect(principal).toMatchObject({ organisationName: 'city-bureau', role: 'budget' });
      expect(await findPrincipalByKey(database.db, b, SECRET)).toMatchObject({ organisationName: 'city-bureau', role: 'admin', organisationId: principal!.organisationId });
      // Hashed with API_KEY_SECRET: under another secret neither key opens.
      expect(await findPrincipalByKey(database.db, a, `${SECRET}-other`)).toBeUndefined();
      const listed = await listKeys(database.db, principal!.organisationId, new Date().toISOString());
      expect(listed.map((k) => k.role).sort()).toEqual(['admin', 'budget']);
      expect(listed.find((k) => k.role === 'budget')).toMatchObject({ label: 'finance bureau' });
    } finally {
      await database.close();
    }
  });

  it('refuses to run on PostgreSQL without API_KEY_SECRET (exit 1, the setting named), minting nothing', async () => {
    const refused = runCli({ DATABASE_URL: created.url }, 'keys', 'create', '--org', 'no-secret', '--role', 'admin');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('API_KEY_SECRET must be set when DATABASE_URL is PostgreSQL');
    expect(refused.stdout).toBe('');
  });

  it('names the database it cannot reach (a closed port) and exits 1 without a stack trace', () => {
    const url = new URL(created.url);
    url.port = '4149'; // nothing listens there
    const unreachable = runCli({ DATABASE_URL: url.toString(), API_KEY_SECRET: SECRET }, 'keys', 'create', '--org', 'x', '--role', 'admin');
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout).toBe('');
    expect(unreachable.stderr).toMatch(/ECONNREFUSED|cannot be reached/);
    expect(unreachable.stderr).not.toMatch(/\n\s+at /);
  });
});
