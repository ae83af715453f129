import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertApiKey, findPrincipalByKey, mintApiKey } from '../../src/db/api-keys.js';
import { listAuditLog } from '../../src/db/audit-log.js';
import { ensureFirstAdminKey } from '../../src/db/bootstrap-admin-key.js';
import { archiveDeal, createDeal, findVisibleDeal, listVisibleDeals, reviseDeal } from '../../src/db/deals.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { findRevision, listRevisions } from '../../src/db/revisions.js';
import { shareDeal } from '../../src/db/shares.js';

const AT = '2026-03-01T00:00:00.000Z';
const SECRET = 'deals-test-api-key-secret-0123456789';
let database: OpenDatabase;
beforeEach(() => {
  database = openDatabase(':memory:');
});
afterEach(() => database.close());

function setUp() {
  const { db } = database;
  const owner = ensureOrganisation(db, 'owner-soe', AT).organisation;
  const bank = ensureOrganisation(db, 'bank', AT).organisation;
  const keyId = insertApiKey(db, { secret: SECRET, organisationId: owner.id, role: 'modeler', key: mintApiKey(), at: AT });
  return { db, owner, bank, change: { organisationId: owner.id, actorKeyId: keyId, at: AT } };
}

describe('deals and revisions in SQLite', () => {
  it('keeps every revision and moves the head only from the expected revision', () => {
    const { db, owner, change } = setUp();
    const { id } = createDeal(db, { name: 'v1', content: { name: 'v1', n: 1 } }, change);
    expect(reviseDeal(db, id, 1, { name: 'v2', content: { name: 'v2', n: 2 } }, change)).toMatchObject({ ok: true, revision: 2, changed: true });
    expect(reviseDeal(db, id, 1, { name: 'v3', content: { name: 'v3' } }, change)).toEqual({ ok: false, reason: 'stale', currentRevision: 2 });
    expect(reviseDeal(db, id, 2, { name: 'v2', content: { n: 2, name: 'v2' } }, change)).toMatchObject({ ok: true, revision: 2, changed: false });
    expect(listRevisions(db, id).map((r) => r.revision)).toEqual([1, 2]);
    expect(findRevision(db, id, 1)?.content).toEqual({ name: 'v1', n: 1 });
    expect(findVisibleDeal(db, id, owner.id)).toMatchObject({ name: 'v2', revision: 2, access: 'owner' });
    expect(listAuditLog(db, owner.id, { limit: 10, offset: 0 }).items.map((a) => a.action)).toEqual(['deal.revised', 'deal.created', 'key.created', 'organisation.created']);
  });

  it('gives equal content the same hash whatever the key order', () => {
    const { db, change } = setUp();
    const a = createDeal(db, { name: 'x', content: { a: 1, b: { c: 2, d: 3 } } }, change);
    const b = createDeal(db, { name: 'x', content: { b: { d: 3, c: 2 }, a: 1 } }, change);
    expect(a.contentHash).toBe(b.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows a deal to its owner and to organisations it is shared with, to no one else', () => {
    const { db, owner, bank, change } = setUp();
    const stranger = ensureOrganisation(db, 'stranger', AT).organisation;
    const { id } = createDeal(db, { name: 'd', content: {} }, change);
    expect(findVisibleDeal(db, id, bank.id)).toBeUndefined();
    shareDeal(db, id, bank.id, change);
    expect(findVisibleDeal(db, id, bank.id)).toMatchObject({ access: 'shared', owner: 'owner-soe' });
    expect(findVisibleDeal(db, id, stranger.id)).toBeUndefined();
    expect(listVisibleDeals(db, bank.id, { limit: 10, offset: 0, includeArchived: false }).total).toBe(1);
    expect(listVisibleDeals(db, stranger.id, { limit: 10, offset: 0, includeArchived: false }).total).toBe(0);
    expect(findVisibleDeal(db, id, owner.id)?.access).toBe('owner');
  });

  it('archives a deal: out of listings, no more revisions, history kept', () => {
    const { db, owner, change } = setUp();
    const { id } = createDeal(db, { name: 'd', content: { v: 1 } }, change);
    archiveDeal(db, id, change);
    expect(listVisibleDeals(db, owner.id, { limit: 10, offset: 0, includeArchived: false }).total).toBe(0);
    expect(listVisibleDeals(db, owner.id, { limit: 10, offset: 0, includeArchived: true }).items[0]?.archivedAt).toBe(AT);
    expect(reviseDeal(db, id, 1, { name: 'd', content: { v: 2 } }, change)).toEqual({ ok: false, reason: 'archived' });
    expect(findRevision(db, id, 1)?.content).toEqual({ v: 1 });
  });
});

describe('the first admin key', () => {
  it('is ADMIN_API_KEY when given, else a fresh key; only while no key exists', () => {
    const { db } = database;
    const fromEnv = 'a-long-enough-admin-key-for-tests';
    expect(ensureFirstAdminKey(db, { adminApiKey: fromEnv, at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'from-environment' });
    expect(findPrincipalByKey(db, fromEnv, SECRET)).toMatchObject({ role: 'admin', organisationName: 'default' });
    expect(ensureFirstAdminKey(db, { at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'keys-exist', adminApiKeyIgnored: false });
    expect(ensureFirstAdminKey(db, { adminApiKey: 'another-long-enough-admin-key', at: AT, apiKeySecret: SECRET })).toEqual({ kind: 'keys-exist', adminApiKeyIgnored: true });
  });

  it('is generated and printable when ADMIN_API_KEY is not set, and refuses a short ADMIN_API_KEY', () => {
    const { db } = database;
    expect(() => ensureFirstAdminKey(db, { adminApiKey: 'short', at: AT, apiKeySecret: SECRET })).toThrow(/at least 24 characters/);
    const outcome = ensureFirstAdminKey(db, { at: AT, apiKeySecret: SECRET });
    expect(outcome.kind).toBe('generated');
    if (outcome.kind !== 'generated') return;
    expect(outcome.key).toMatch(/^rcp_[A-Za-z0-9_-]{43}$/);
    expect(findPrincipalByKey(db, outcome.key, SECRET)?.role).toBe('admin');
    expect(findPrincipalByKey(db, `${outcome.key}x`, SECRET)).toBeUndefined();
  });
});
