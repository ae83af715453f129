import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findPrincipalByKey } from '../src/db/api-keys.js';
import { resolveApiKeySecret } from '../src/db/api-key-secret.js';
import { openDatabase } from '../src/db/open-database.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function runCli(databasePath: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', DATABASE_PATH: databasePath },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test spawns the CLI (tsx compiles it first): minutes, not seconds, on a loaded 2-core machine.
describe('npm run cli -- keys create', { timeout: 180_000 }, () => {
  it('mints a key of an organisation (made when new) with a role, printing only the key on stdout', async () => {
    folder = mkdtempSync(join(tmpdir(), 'rcp-cli-'));
    const databasePath = join(folder, 'data', 'capital.db');
    const made = runCli(databasePath, 'keys', 'create', '--org', 'policy-bank', '--role', 'reviewer', '--label', 'loan officer');
    expect(made.code).toBe(0);
    expect(made.stderr).toContain('A reviewer key');
    expect(made.stderr).toContain('new organisation "policy-bank"');
    const key = made.stdout.trim();
    expect(key).toMatch(/^rcp_[A-Za-z0-9_-]{43}$/);
    const again = runCli(databasePath, 'keys', 'create', '--org', 'policy-bank', '--role', 'budget');
    expect(again.stderr).toContain('of the organisation "policy-bank"');

    const database = openDatabase(databasePath);
    // The CLI and the server hash keys with the secret they made beside the database.
    const secret = resolveApiKeySecret({ configured: undefined, databasePath });
    try {
      expect(await findPrincipalByKey(database.db, key, secret)).toMatchObject({ organisationName: 'policy-bank', role: 'reviewer' });
      expect(await findPrincipalByKey(database.db, again.stdout.trim(), secret)).toMatchObject({ organisationName: 'policy-bank', role: 'budget' });
    } finally {
      database.close();
    }
  });

  it('refuses an unknown role or a missing organisation (exit 2)', () => {
    folder = mkdtempSync(join(tmpdir(), 'rcp-cli-'));
    const databasePath = join(folder, 'capital.db');
    const role = runCli(databasePath, 'keys', 'create', '--org', 'bank', '--role', 'owner');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('--role must be one of admin, modeler, reviewer, budget; got "owner"');
    expect(runCli(databasePath, 'keys', 'create', '--role', 'admin').code).toBe(2);
    expect(runCli(databasePath, 'keys', 'list').code).toBe(2);
  });
});
