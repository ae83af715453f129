import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertApiKey, mintApiKey } from '../../src/db/api-keys.js';
import { createDeal, reviseDeal } from '../../src/db/deals.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import { ensureOrganisation, findOrganisationByName } from '../../src/db/organisations.js';
import { findRevision, listRevisions } from '../../src/db/revisions.js';
import { dealRevisions } from '../../src/db/schema.js';
import { createPostgresTestDatabase } from '../helpers/test-database.js';

// PostgreSQL alone (the `postgres` project of vitest.config.ts): two pools on one database stand for
// two service processes — each its own connections, no memory shared.
const AT = '2026-03-01T00:00:00.000Z';
const SECRET = 'postgres-test-api-key-secret-0123456789';

let drop: () => Promise<void>;
let a: OpenDatabase;
let b: OpenDatabase;
beforeEach(async () => {
  const created = await createPostgresTestDatabase();
  drop = created.drop;
  a = await openPostgres(created.url, { maxConnections: 4 });
  b = await openPostgres(created.url, { maxConnections: 4 }); // migrations found applied: nothing to do
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
  await drop();
});

async function setUp(db = a.db) {
  const owner = (await ensureOrganisation(db, 'owner-soe', AT)).organisation;
  const keyId = await insertApiKey(db, { secret: SECRET, organisationId: owner.id, role: 'modeler', key: mintApiKey(), at: AT });
  return { owner, change: { organisationId: owner.id, actorKeyId: keyId, at: AT } };
}

describe('PostgreSQL: one database, two pools (two processes)', () => {
  it('gives exactly one winner among writers of revision 1 spread over two pools, enforced by the database', async () => {
    const { change } = await setUp();
    const { id } = await createDeal(a.db, { name: 'v1', content: { n: 1 } }, change);
    // Ten writers, alternating pools, none awaited before the next starts: 8 connections run them side by side.
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => reviseDeal(i % 2 === 0 ? a.db : b.db, id, 1, { name: `v2-${i}`, content: { n: 2, writer: i } }, change)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    // Every loser is told the head it lost to: revision 2.
    expect(outcomes.filter((o) => !o.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: 'stale', currentRevision: 2 })));
    expect((await listRevisions(b.db, id)).map((r) => r.revision)).toEqual([1, 2]);
  });

  it('rolls back a transaction that throws: the other pool never sees its rows, then sees the next one committed', async () => {
    await setUp();
    await expect(
      a.db.transaction(async (tx) => {
        await ensureOrganisation(tx, 'half-made', AT);
        expect(await findOrganisationByName(tx, 'half-made')).toBeDefined(); // inside, it is there
        expect(await findOrganisationByName(b.db, 'half-made')).toBeUndefined(); // uncommitted: another connection does not see it
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await findOrganisationByName(a.db, 'half-made')).toBeUndefined();
    await a.db.transaction(async (tx) => void (await ensureOrganisation(tx, 'made', AT)));
    expect(await findOrganisationByName(b.db, 'made')).toBeDefined();
  });

  it('refuses a second row of one revision by the primary key (deal_id, revision), whatever the repository checked', async () => {
    const { change } = await setUp();
    const { id } = await createDeal(a.db, { name: 'v1', content: { n: 1 } }, change);
    const row = { dealId: id, revision: 1, content: '{}', contentHash: 'x', authorKeyId: null, createdAt: AT };
    await expect(b.db.insert(dealRevisions).values(row)).rejects.toMatchObject({ cause: { code: '23505' } });
  });

  it('stores decimals as TEXT and returns them byte for byte (no NUMERIC, no float)', async () => {
    const { change } = await setUp();
    // Amounts as the engine writes them: to the 分, trailing zeros kept, beyond a double's 15–17 digits, negative, a rate.
    const amounts = ['123456789012345678.90', '0.10', '-0.01', '100.00', '1e-7', '0.0435', '9999999999999999999999.99', '3.141592653589793238462643383279'];
    const { id } = await createDeal(a.db, { name: '金额', content: { name: '金额', amounts } }, change);
    const stored = await b.db.select({ content: dealRevisions.content }).from(dealRevisions).where(eq(dealRevisions.dealId, id));
    for (const amount of amounts) expect(stored[0]!.content).toContain(`"${amount}"`);
    expect((await findRevision(b.db, id, 1))?.content).toEqual({ name: '金额', amounts });
  });

  it('applies migrations once when several processes start at once (pg_advisory_lock around migrate)', async () => {
    const created = await createPostgresTestDatabase();
    // A database copied from the template is migrated already; an empty one needs the migrations: drop its tables first.
    const fresh = await openPostgres(created.url, { maxConnections: 1 });
    await fresh.db.run(/* sql */ (await import('drizzle-orm')).sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA drizzle CASCADE`);
    await fresh.close();
    try {
      const opened = await Promise.all(Array.from({ length: 4 }, () => openPostgres(created.url, { maxConnections: 1 })));
      const result = (await opened[0]!.db.run((await import('drizzle-orm')).sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
      // Each migration file of the journal recorded once, not once per process (0000_initial, 0001_organisation_slots, …).
      const journal = JSON.parse(readFileSync(new URL('../../src/db/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };
      expect(journal.entries.length).toBeGreaterThanOrEqual(2);
      expect(result.rows[0]!.n).toBe(journal.entries.length);
      await setUp(opened[3]!.db); // and every process can use the tables
      await Promise.all(opened.map((o) => o.close()));
    } finally {
      await created.drop();
    }
  });
});

describe('PostgreSQL over HTTP: two apps (two processes) on one database', () => {
  it('answers one 200 and the rest 412 when PUTs with If-Match "1" arrive through both apps at once', async () => {
    const { createTestApp } = await import('../api/helpers/test-app.js');
    const shared = `two-apps-${Math.random().toString(36).slice(2)}`; // one PostgreSQL database for both (test-database.ts)
    const first = await createTestApp({}, { databasePath: shared });
    const second = await createTestApp({}, { databasePath: shared });
    try {
      const created = await first.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'shenzhen-elevator' } });
      expect(created.status).toBe(201);
      const id = created.body.id;
      const puts = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? first : second).call('PUT', `/api/v1/deals/${id}`, { key: 'modeler', body: { ...created.body.deal, name: `改 ${i}` }, headers: { 'If-Match': '"1"' } }),
        ),
      );
      expect(puts.map((p) => p.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
      expect(puts.filter((p) => p.status === 412).every((p) => p.headers.get('etag') === '"2"')).toBe(true);
      const revisions = await second.call('GET', `/api/v1/deals/${id}/revisions`, { key: 'modeler' });
      expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 180_000); // two apps, each seeding the templates and seven keys, on a loaded 2-core machine
});
