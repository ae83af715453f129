import { count as countRows } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertApiKey, mintApiKey } from '../../src/db/api-keys.js';
import { listAuditLog } from '../../src/db/audit-log.js';
import { createDeal, reviseDeal } from '../../src/db/deals.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { listRevisions } from '../../src/db/revisions.js';
import { organisations } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../api/helpers/test-app.js';
import { openTestDb, readTestDatabaseEngine } from '../helpers/test-database.js';

const AT = '2026-03-01T00:00:00.000Z';
const SECRET = 'transactions-test-api-key-secret-0123';

const ENGINE = readTestDatabaseEngine();

describe(ENGINE === 'postgres' ? 'the PostgreSQL transaction (BEGIN … COMMIT on a pooled connection)' : 'the asynchronous SQLite transaction (BEGIN IMMEDIATE around an awaited callback)', () => {
  let database: OpenDatabase;
  beforeEach(async () => {
    database = await openTestDb();
  });
  afterEach(() => database.close());

  async function setUp() {
    const { db } = database;
    const owner = (await ensureOrganisation(db, 'owner-soe', AT)).organisation;
    const keyId = await insertApiKey(db, { secret: SECRET, organisationId: owner.id, role: 'modeler', key: mintApiKey(), at: AT });
    return { db, owner, change: { organisationId: owner.id, actorKeyId: keyId, at: AT } };
  }

  it('gives exactly one winner among writers that all expect revision 1, started at once', async () => {
    const { db, owner, change } = await setUp();
    const { id } = await createDeal(db, { name: 'v1', content: { n: 1 } }, change);
    // Eight revisions of the same head, none awaited before the next starts.
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => reviseDeal(db, id, 1, { name: `v2-${i}`, content: { n: 2, writer: i } }, change)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok)).toEqual(Array.from({ length: 7 }, () => ({ ok: false, reason: 'stale', currentRevision: 2 })));
    expect((await listRevisions(db, id)).map((r) => r.revision)).toEqual([1, 2]);
    // One audit row per revision made: deal.created and one deal.revised.
    const actions = (await listAuditLog(db, owner.id, { limit: 50, offset: 0 })).items.map((a) => a.action);
    expect(actions.filter((a) => a === 'deal.revised')).toHaveLength(1);
  });

  // In start order only where transactions are serial (SQLite); on PostgreSQL the second may find revision 1 still the head.
  it.skipIf(ENGINE === 'postgres')('chains writers that expect each successive revision: 1 → 2 → 3, in the order they were started', async () => {
    const { db, change } = await setUp();
    const { id } = await createDeal(db, { name: 'v1', content: { n: 1 } }, change);
    const [a, b] = await Promise.all([
      reviseDeal(db, id, 1, { name: 'v2', content: { n: 2 } }, change),
      reviseDeal(db, id, 2, { name: 'v3', content: { n: 3 } }, change),
    ]);
    expect(a).toMatchObject({ ok: true, revision: 2 });
    expect(b).toMatchObject({ ok: true, revision: 3 });
  });

  it('rolls back everything the callback wrote when it rejects, and the next transaction still runs', async () => {
    const { db } = await setUp();
    const count = async (on: Pick<typeof db, 'select'> = db) => (await on.select({ n: countRows() }).from(organisations))[0]!.n;
    expect(await count()).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await ensureOrganisation(tx, 'half-made', AT);
        expect(await count(tx)).toBe(2); // seen inside the transaction
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await count()).toBe(1);
    await db.transaction(async (tx) => {
      await ensureOrganisation(tx, 'made', AT);
    });
    expect(await count()).toBe(2);
  });

  // SQLite's transactions of one process are serial; PostgreSQL's run side by side on their own connections.
  it.skipIf(ENGINE === 'postgres')('runs overlapping transactions one after another, never one inside the other', async () => {
    const { db } = await setUp();
    const events: string[] = [];
    const work = (name: string) =>
      db.transaction(async (tx) => {
        events.push(`${name} begins`);
        await ensureOrganisation(tx, name, AT);
        await ensureOrganisation(tx, `${name}-2`, AT);
        events.push(`${name} ends`);
        return name;
      });
    expect(await Promise.all([work('a'), work('b'), work('c')])).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
  });
});

describe('If-Match over HTTP with concurrent PUTs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('answers one 200 and the rest 412 when six PUTs all send If-Match "1"', async () => {
    const created = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'shenzhen-elevator' } });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const puts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        t.call('PUT', `/api/v1/deals/${id}`, { key: 'modeler', body: { ...created.body.deal, name: `改 ${i}` }, headers: { 'If-Match': '"1"' } }),
      ),
    );
    expect(puts.map((p) => p.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    expect(puts.filter((p) => p.status === 412).every((p) => p.headers.get('etag') === '"2"')).toBe(true);
    const revisions = await t.call('GET', `/api/v1/deals/${id}/revisions`, { key: 'modeler' });
    expect(revisions.body.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
  });
});
