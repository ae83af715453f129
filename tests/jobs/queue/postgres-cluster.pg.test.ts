import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresAvailable, startPostgresCluster, type PostgresCluster } from '../../helpers/postgres-cluster.js';

// The throwaway cluster the PostgreSQL tests run on (tests/helpers/postgres-cluster.ts).
describe.skipIf(!postgresAvailable())('a throwaway PostgreSQL cluster', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster('cluster_check');
  }, 180_000);
  afterAll(() => cluster?.stop());

  it('answers on 127.0.0.1 with its own database, and stop() removes its folder', { timeout: 60_000 }, async () => {
    expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/cluster_check$/);
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    const { rows } = await client.query<{ db: string; sum: string }>('select current_database() as db, (2 + 3)::text as sum');
    const { rows: dir } = await client.query<{ setting: string }>("select setting from pg_settings where name = 'data_directory'");
    await client.end();
    expect(rows[0]).toEqual({ db: 'cluster_check', sum: '5' });
    const dataDirectory = dir[0]!.setting;
    expect(existsSync(dataDirectory)).toBe(true);
    cluster.stop();
    expect(existsSync(dataDirectory)).toBe(false);
  });

  it('openTestDatabase takes TEST_DATABASE_URL as it is (a cluster someone already runs)', async () => {
    const given = await openTestDatabase({ TEST_DATABASE_URL: 'postgres://x@127.0.0.1:1/y' });
    expect(given).toMatchObject({ ok: true, url: 'postgres://x@127.0.0.1:1/y' });
  });
});
