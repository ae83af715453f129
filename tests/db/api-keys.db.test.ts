import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { apiKeySecretPath, resolveApiKeySecret } from '../../src/db/api-key-secret.js';
import { findPrincipalByKey, hashApiKey, insertApiKey, mintApiKey } from '../../src/db/api-keys.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { openTestDb } from '../helpers/test-database.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { apiKeys } from '../../src/db/schema.js';
import { readEnv } from '../../src/env.js';

const AT = '2026-03-01T00:00:00.000Z';
const SECRET = 'api-keys-test-secret-0123456789abcdef';
const OTHER_SECRET = 'a-different-secret-0123456789abcdef!';
let database: OpenDatabase;
beforeEach(async () => {
  database = await openTestDb();
});
afterEach(() => database.close());

const storedHash = async (keyId: string) => (await database.db.select({ h: apiKeys.keyHash }).from(apiKeys).where(eq(apiKeys.id, keyId)))[0]!.h;

/** A key as the service stored it before the HMAC: bare SHA-256 hex, inserted as an old database holds it. */
async function insertLegacyKey(key: string): Promise<string> {
  const organisation = (await ensureOrganisation(database.db, 'old-soe', AT)).organisation;
  const id = await insertApiKey(database.db, { secret: SECRET, organisationId: organisation.id, role: 'modeler', key, at: AT });
  await database.db.update(apiKeys).set({ keyHash: createHash('sha256').update(key, 'utf8').digest('hex') }).where(eq(apiKeys.id, id));
  return id;
}

describe('API keys are stored as HMAC-SHA-256 keyed by the service secret', () => {
  it('stores hmac-sha256: + the HMAC of the key, computed independently here', async () => {
    const key = 'rcp_example-key-for-the-hash-vector-000000000';
    const expected = createHmac('sha256', SECRET).update(key, 'utf8').digest('hex');
    expect(hashApiKey(key, SECRET)).toBe(`hmac-sha256:${expected}`);
    expect(hashApiKey(key, OTHER_SECRET)).not.toBe(hashApiKey(key, SECRET));
    expect(() => hashApiKey(key, '')).toThrow(/empty/);

    const organisation = (await ensureOrganisation(database.db, 'soe', AT)).organisation;
    const id = await insertApiKey(database.db, { secret: SECRET, organisationId: organisation.id, role: 'admin', key, at: AT });
    expect(await storedHash(id)).toBe(`hmac-sha256:${expected}`);
    // Not the bare SHA-256 a stolen database could be checked against offline.
    expect(await storedHash(id)).not.toContain(createHash('sha256').update(key, 'utf8').digest('hex'));
  });

  it('opens a key only with the secret it was stored with', async () => {
    const organisation = (await ensureOrganisation(database.db, 'soe', AT)).organisation;
    const key = mintApiKey();
    await insertApiKey(database.db, { secret: SECRET, organisationId: organisation.id, role: 'reviewer', key, at: AT });
    expect(await findPrincipalByKey(database.db, key, SECRET)).toMatchObject({ role: 'reviewer', organisationName: 'soe' });
    expect(await findPrincipalByKey(database.db, key, OTHER_SECRET)).toBeUndefined();
    expect(await findPrincipalByKey(database.db, `${key}x`, SECRET)).toBeUndefined();
  });

  it('still accepts a key stored as bare SHA-256, and upgrades its stored hash in place on first use', async () => {
    const key = mintApiKey();
    const id = await insertLegacyKey(key);
    expect(await storedHash(id)).toMatch(/^[0-9a-f]{64}$/);

    expect(await findPrincipalByKey(database.db, key, SECRET)).toMatchObject({ keyId: id, role: 'modeler', organisationName: 'old-soe' });
    expect(await storedHash(id)).toBe(hashApiKey(key, SECRET));
    // Upgraded: it keeps working with the secret, and the SHA-256 no longer opens it under another secret.
    expect((await findPrincipalByKey(database.db, key, SECRET))?.keyId).toBe(id);
    expect(await findPrincipalByKey(database.db, key, OTHER_SECRET)).toBeUndefined();
  });

  it('does not upgrade or accept a revoked legacy key, and a wrong key leaves the legacy hash alone', async () => {
    const key = mintApiKey();
    const id = await insertLegacyKey(key);
    const legacy = await storedHash(id);
    expect(await findPrincipalByKey(database.db, mintApiKey(), SECRET)).toBeUndefined();
    expect(await storedHash(id)).toBe(legacy);
    await database.db.update(apiKeys).set({ revokedAt: AT }).where(eq(apiKeys.id, id));
    expect(await findPrincipalByKey(database.db, key, SECRET)).toBeUndefined();
    expect(await storedHash(id)).toBe(legacy);
  });

  it('lets a legacy key through the HTTP API (200) and then the wrong secret refuses it (401)', async () => {
    const key = mintApiKey();
    await insertLegacyKey(key);
    const request = async (secret: string) => (await createApp({ db: database.db, config: { apiKeySecret: secret } })).request('/api/v1/me', { headers: { Authorization: `Bearer ${key}` } });
    expect((await request(SECRET)).status).toBe(200);
    expect((await request(SECRET)).status).toBe(200);
    expect((await request(OTHER_SECRET)).status).toBe(401);
    // An app given no secret makes a random one: no stored key opens, nothing is hashed with an empty key.
    expect((await request('')).status).toBe(401);
  });
});

describe('the key secret when API_KEY_SECRET is absent', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'rcp-key-secret-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('is generated once beside the database, owner-only, and read back on every later start', () => {
    const databasePath = join(folder, 'capital.db');
    const first = resolveApiKeySecret({ configured: undefined, databasePath });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const path = apiKeySecretPath(databasePath);
    expect(readFileSync(path, 'utf8').trim()).toBe(first);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(resolveApiKeySecret({ configured: undefined, databasePath })).toBe(first);
  });

  it('is API_KEY_SECRET when set (no file is made), which must be 32 characters or more', () => {
    const databasePath = join(folder, 'capital.db');
    expect(resolveApiKeySecret({ configured: SECRET, databasePath })).toBe(SECRET);
    expect(() => statSync(apiKeySecretPath(databasePath))).toThrow();
    expect(readEnv({ API_KEY_SECRET: SECRET }).apiKeySecret).toBe(SECRET);
    expect(readEnv({ API_KEY_SECRET: '' }).apiKeySecret).toBeUndefined();
    expect(() => readEnv({ API_KEY_SECRET: 'short' })).toThrow(/API_KEY_SECRET must be at least 32 characters/);
  });

  it('stops the start with the file named when the secret file is damaged, rather than lock every key out', () => {
    const databasePath = join(folder, 'capital.db');
    writeFileSync(apiKeySecretPath(databasePath), 'short\n', { mode: 0o600 });
    expect(() => resolveApiKeySecret({ configured: undefined, databasePath })).toThrow(/capital\.db\.api-key-secret is shorter than 32 characters/);
  });

  it('is a process-local random secret for an in-memory database', () => {
    const a = resolveApiKeySecret({ configured: undefined, databasePath: ':memory:' });
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(resolveApiKeySecret({ configured: undefined, databasePath: ':memory:' })).not.toBe(a);
  });
});

describe('the generated key secret under racing starts', () => {
  it('is one secret for every process that starts on a new database at once (the first link wins)', async () => {
    const { spawn } = await import('node:child_process');
    const folder = mkdtempSync(join(tmpdir(), 'rcp-key-secret-race-'));
    try {
      const databasePath = join(folder, 'capital.db');
      const moduleUrl = new URL('../../src/db/api-key-secret.ts', import.meta.url).href;
      const script = `import(${JSON.stringify(moduleUrl)}).then((m) => console.log(m.resolveApiKeySecret({ configured: undefined, databasePath: ${JSON.stringify(databasePath)} })))`;
      const run = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          let err = '';
          child.stdout.on('data', (c: Buffer) => (out += c.toString()));
          child.stderr.on('data', (c: Buffer) => (err += c.toString()));
          child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(err))));
        });
      const secrets = await Promise.all(Array.from({ length: 4 }, run));
      expect(new Set(secrets).size).toBe(1);
      expect(readFileSync(apiKeySecretPath(databasePath), 'utf8').trim()).toBe(secrets[0]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
