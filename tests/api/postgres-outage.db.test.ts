import { createServer, connect, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { createKeyForOrganisation } from '../../src/db/create-key.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { openPostgres } from '../../src/db/open-postgres.js';
import { buildDealInput } from '../helpers/build-deal.js';
import { createPostgresTestDatabase } from '../helpers/test-database.js';

// PostgreSQL alone (the `postgres` project). The service reaches its database through a TCP relay on
// 127.0.0.1:4147 that this test opens and cuts: cutting it is PostgreSQL gone for the service (every
// connection dropped, new ones refused), opening it again is PostgreSQL back — the run's shared cluster
// itself is never stopped.
const RELAY_PORT = 4147;
const SECRET = 'postgres-outage-api-key-secret-0123456789';

/** A relay from 127.0.0.1:`port` to `target`: open() listens, cut() closes it and drops every connection through it. */
function createRelay(target: { host: string; port: number }, port: number) {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  return {
    open: () =>
      new Promise<void>((resolve, reject) => {
        server = createServer((client) => {
          const upstream = connect(target.port, target.host);
          sockets.add(client).add(upstream);
          const drop = () => {
            client.destroy();
            upstream.destroy();
            sockets.delete(client);
            sockets.delete(upstream);
          };
          client.on('error', drop).on('close', drop);
          upstream.on('error', drop).on('close', drop);
          client.pipe(upstream).pipe(client);
        });
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    cut: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        sockets.clear();
        if (!server) return resolve();
        server.close(() => resolve());
      }),
  };
}

describe('PostgreSQL: /health and the API when the database goes away and comes back', () => {
  let created: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let relay: ReturnType<typeof createRelay>;
  let database: OpenDatabase;
  let admin: pg.Client;
  let app: Awaited<ReturnType<typeof createApp>>;
  let key: string;
  let dbName: string;
  beforeAll(async () => {
    created = await createPostgresTestDatabase();
    const direct = new URL(created.url);
    dbName = direct.pathname.slice(1);
    relay = createRelay({ host: direct.hostname, port: Number(direct.port) }, RELAY_PORT);
    await relay.open();
    const relayed = new URL(created.url);
    relayed.host = `127.0.0.1:${RELAY_PORT}`;
    // A short connect timeout: while the relay is cut connections are refused at once anyway.
    database = await openPostgres(relayed.toString(), { maxConnections: 4, connectTimeoutMs: 2_000 });
    key = (await createKeyForOrganisation(database.db, { organisation: 'outage-soe', role: 'modeler', at: '2026-03-01T00:00:00.000Z', apiKeySecret: SECRET })).key;
    // healthProbeTtlMs 0: every /health runs the write probe afresh.
    app = await createApp({ db: database.db, config: { apiKeySecret: SECRET, healthProbeTtlMs: 0 } });
    const adminUrl = new URL(created.url);
    adminUrl.pathname = '/postgres';
    admin = new pg.Client({ connectionString: adminUrl.toString() });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await relay?.cut();
    await database?.close().catch(() => {});
    await admin?.end().catch(() => {});
    await created?.drop();
  });

  const get = (path: string) => app.request(path, { headers: { Authorization: `Bearer ${key}`, 'Accept-Language': 'en' } });
  const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Accept-Language': 'en' }, body: JSON.stringify(body) });
  /** Drops the service's connections so the next ones are new sessions (with the database's settings as they are now). */
  const reconnect = async () => {
    await relay.cut();
    // The pool drops its idle connections as their sockets report the close: give it that moment.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await relay.open();
  };

  it('answers ok with a real write probe: a database that refuses writes makes /health degraded (read-only), and ok again once it accepts them', { timeout: 60_000 }, async () => {
    const health = await app.request('/health');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // The probe writes (a transaction id, a temporary table): a database whose sessions are read-only fails it.
    await admin.query(`ALTER DATABASE "${dbName}" SET default_transaction_read_only = on`);
    try {
      await reconnect();
      const degraded = await app.request('/health');
      expect(degraded.status).toBe(200);
      expect(await degraded.json()).toMatchObject({ status: 'degraded', cause: 'read-only' });
      // A change answers 503 with the cause; reads still work.
      const refused = await post('/api/v1/deals', buildDealInput({ name: '只读时' }));
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ status: 503, code: 'STORAGE_UNAVAILABLE' });
      expect((await get('/api/v1/deals')).status).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE "${dbName}" RESET default_transaction_read_only`);
      await reconnect();
    }
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
  });

  it('answers 503 with a clear problem (never 500) while PostgreSQL cannot be reached, and recovers when it is back', { timeout: 90_000 }, async () => {
    const made = await post('/api/v1/deals', buildDealInput({ name: '停机前' }));
    expect(made.status).toBe(201);
    await relay.cut();

    const health = await app.request('/health');
    expect(health.status).toBe(503);
    expect(health.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const healthProblem = (await health.json()) as { status: number; detail: string; code: string };
    expect(healthProblem).toMatchObject({ status: 503, code: 'STORAGE_UNAVAILABLE' });
    expect(healthProblem.detail).toMatch(/\S/);
    for (const reply of [await get('/api/v1/deals'), await post('/api/v1/deals', buildDealInput({ name: '停机时' }))]) {
      expect(reply.status).toBe(503);
      expect(reply.headers.get('retry-after')).toBe('60');
      expect(await reply.json()).toMatchObject({ status: 503, code: 'STORAGE_UNAVAILABLE' });
    }

    await relay.open();
    // The pool makes new connections on the next requests: no restart of the service.
    expect(await (await app.request('/health')).json()).toEqual({ status: 'ok' });
    const listed = await get('/api/v1/deals');
    expect(listed.status).toBe(200);
    // The deal made before the outage is there; the one posted during it was not half-written.
    const names = ((await listed.json()) as { items: { name: string }[] }).items.map((d) => d.name);
    expect(names).toEqual(['停机前']);
    expect((await post('/api/v1/deals', buildDealInput({ name: '恢复后' }))).status).toBe(201);
  });
});
