import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertApiKey, findPrincipalByKey, mintApiKey } from '../../src/db/api-keys.js';
import { listAuditLog } from '../../src/db/audit-log.js';
import { ensureFirstAdminKey } from '../../src/db/bootstrap-admin-key.js';
import { archiveDeal, createDeal, findVisibleDeal, listVisibleDeals, reviseDeal } from '../../src/db/deals.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { openTestDb, readTestDatabaseEngine } from '../helpers/test-database.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { findRevision, listRevisions } from '../../src/db/revisions.js';
import { shareDeal } from '../../src/db/shares.js';

const AT = '2026-03-01T00:00:00.000Z';
const SECRET = 'deals-test-api-key-secret-0123456789';
let database: OpenDatabase;
beforeEach(async () => {
  database = await openTestDb();
});
afterEach(() => database.close());

async function setUp() {
  const { db } = database;
  const owner = (await ensureOrganisation(db, 'owner-soe', AT)).organisation;
  const bank = (await ensureOrganisation(db, 'bank', AT)).organisation;
  const keyId = await insertApiKey(db, { secret: SECRET, organisationId: owner.id, role: 'modeler', key: mintApiKey(), at: AT });
  return { db, owner, bank, change: { organisationId: owner.id, actorKeyId: keyId, at: AT } };
}

describe(`deals and revisions in ${readTestDatabaseEngine() === 'postgres' ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('keeps every revision and moves the head only from the expected revision', async () => {
    const { db, owner, change } = await setUp();
    const { id } = await createDeal(db, { name: 'v1', content: { name: 'v1', n: 1 } }, change);
    expect(await reviseDeal(db, id, 1, { name: 'v2', content: { name: 'v2', n: 2 } }, change)).toMatchObject({ ok: true, revision: 2, changed: true });
    expect(await reviseDeal(db, id, 1, { name: 'v3', content: { name: 'v3' } }, change)).toEqual({ ok: false, reason: 'stale', currentRevision: 2 });
    expect(await reviseDeal(db, id, 2, { name: 'v2', content: { n: 2, name: 'v2' } }, change)).toMatchObject({ ok: true, revision: 2, changed: false });
    expect((await listRevisions(db, id)).map((r) => r.revision)).toEqual([1, 2]);
    expect((await findRevision(db, id, 1))?.content).toEqual({ name: 'v1', n: 1 });
    expect(await findVisibleDeal(db, id, owner.id)).toMatchObject({ name: 'v2', revision: 2, access: 'owner' });
    expect((await listAuditLog(db, owner.id, { limit: 10, offset: 0 })).items.map((a) => a.action)).toEqual(['deal.revised', 'deal.created', 'key.created', 'organisation.created']);
  });

  it('gives equal content the same hash whatever the key order', async () => {
    const { db, change } = await setUp();
    const a = await createDeal(db, { name: 'x', content: { a: 1, b: { c: 2, d: 3 } } }, change);
    const b = await createDeal(db, { name: 'x', content: { b: { d: 3, c: 2 }, a: 1 } }, change);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows a deal to its owner and to organisations it is shared with, to no one else', async () => {
    const { db, owner, bank, change } = await setUp();
    const stranger = (await ensureOrganisation(db, 'stranger', AT)).organisation;
    const { id } = await createDeal(db, { name: 'd', content: {} }, change);
    expect(await findVisibleDeal(db, id, bank.id)).toBeUndefined();
    await shareDeal(db, id, bank.id, change);
    expect(await findVisibleDeal(db, id, bank.id)).toMatchObject({ access: 'shared', owner: 'owner-soe' });
    expect(await findVisibleDeal(db, id, stranger.id)).toBeUndefined();
    expect((await listVisibleDeals(db, bank.id, { limit: 10, offset: 0, includeArchived: false })).total).toBe(1);
    expect((await listVisibleDeals(db, stranger.id, { limit: 10, offset: 0, includeArchived: false })).total).toBe(0);
    expect((await findVisibleDeal(db, id, owner.id))?.access).toBe('owner');
  });

  it('archives a deal: out of listings, no more revisions, history kept', async () => {
    const { db, owner, change } = await setUp();
    const { id } = await createDeal(db, { name: 'd', content: { v: 1 } }, change);
    await archiveDeal(db, id, change);
    expect((await listVisibleDeals(db, owner.id, { limit: 10, offset: 0, includeArchived: false })).total).toBe(0);
    expect((await listVisibleDeals(db, owner.id, { limit: 10, offset: 0, includeArchived: true })).items[0]?.archivedAt).toBe(AT);
    expect(await reviseDeal(db, id, 1, { name: 'd', content: { v: 2 } }, change)).toEqual({ ok: false, reason: 'archived' });
    expect((await findRevision(db, id, 1))?.content).toEqual({ v: 1 });
  });
});

describe('the first admin key', () => {
  it('is ADMIN_API_KEY when given, else a fresh key; only while no key exists', async () => {
    const { db } = database;
    const fromEnv = 'a-long-enough-admin-key-for-tests';
    expect(await ensureFirstAdminKey(db, { adminApiKey: fromEnv, at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'from-environment' });
    expect(await findPrincipalByKey(db, fromEnv, SECRET)).toMatchObject({ role: 'admin', organisationName: 'default' });
    expect(await ensureFirstAdminKey(db, { at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'keys-exist', adminApiKeyIgnored: false });
    expect(await ensureFirstAdminKey(db, { adminApiKey: 'another-long-enough-admin-key', at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'keys-exist', adminApiKeyIgnored: true });
  });

  it('is generated and printable when ADMIN_API_KEY is not set, and refuses a short ADMIN_API_KEY', async () => {
    const { db } = database;
    await expect(ensureFirstAdminKey(db, { adminApiKey: 'short', at: AT, apiKeySecret: SECRET })).rejects.toThrow(/at least 24 characters/);
    const outcome = await ensureFirstAdminKey(db, { at: AT, apiKeySecret: SECRET });
    expect(outcome.kind).toBe('generated');
    if (outcome.kind !== 'generated') return;
    expect(outcome.key).toMatch(/^rcp_[A-Za-z0-9_-]{43}$/);
    expect((await findPrincipalByKey(db, outcome.key, SECRET))?.role).toBe('admin');
    expect(await findPrincipalByKey(db, `${outcome.key}x`, SECRET)).toBeUndefined();
  });
});
