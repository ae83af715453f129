/**
 * The database a db or API test runs on: SQLite in memory by default; in the PostgreSQL run (the
 * `postgres` project of vitest.config.ts, TEST_DATABASE_ENGINE=postgres) a fresh database of its own on
 * the run's throwaway cluster, copied from a migrated template (CREATE DATABASE … TEMPLATE: a file copy,
 * far faster than migrating each time) and dropped on close.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { openPostgres } from '../../src/db/open-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The throwaway cluster's maintenance database (postgres://…/postgres), from tests/helpers/postgres-global-setup.ts. */
    TEST_DATABASE_URL: string;
    /** The migrated database every test database is copied from. */
    TEST_DATABASE_TEMPLATE: string;
  }
}

export type TestDatabaseEngine = 'sqlite' | 'postgres';

/** Which database this run tests: `postgres` in the PostgreSQL project, else `sqlite`. */
export function readTestDatabaseEngine(): TestDatabaseEngine {
  return process.env.TEST_DATABASE_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

let made = 0;

/** The URL of a new, migrated, empty PostgreSQL database of the run's cluster, and how to drop it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('TEST_DATABASE_URL');
  const template = inject('TEST_DATABASE_TEMPLATE');
  if (!adminUrl || !template) throw new Error('the PostgreSQL run has no cluster: run it through vitest.config.ts (its postgres project starts one)');
  const name = `test_${process.pid}_${++made}_${Math.random().toString(36).slice(2, 8)}`;
  await runAdmin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => runAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

async function runAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Several test files copy the template at once; PostgreSQL refuses a copy while another is starting (55006): wait and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(statement);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

/** PostgreSQL databases standing for a SQLite file path, kept for the run: opening the same path again reopens its data. */
const byPath = new Map<string, string>();

/**
 * A database for one test or one test app, migrations applied: `:memory:` SQLite, or in the PostgreSQL
 * run a fresh PostgreSQL database, dropped by close(). With `path` (a test that closes its database and
 * opens it again, as a restarted service does) the data outlives close(): the SQLite file at `path`, or
 * in the PostgreSQL run one database kept for `path` until the cluster goes.
 */
export async function openTestDb(options: { path?: string; engine?: TestDatabaseEngine } = {}): Promise<OpenDatabase> {
  const engine = options.engine ?? readTestDatabaseEngine();
  if (engine === 'sqlite') return openDatabase(options.path ?? ':memory:');
  if (options.path !== undefined) {
    let url = byPath.get(options.path);
    if (url === undefined) {
      url = (await createPostgresTestDatabase()).url;
      byPath.set(options.path, url);
    }
    return openPostgres(url, { maxConnections: 5 });
  }
  const created = await createPostgresTestDatabase();
  const opened = await openPostgres(created.url, { maxConnections: 5 });
  let closed: Promise<void> | undefined;
  return { db: opened.db, close: () => (closed ??= opened.close().finally(() => created.drop())) };
}

/**
 * A fresh, migrated PostgreSQL database of the run's one cluster (the `postgres` project's, from
 * postgres-global-setup.ts), shaped as openTestDatabase's answer, for the durable queue's tests: they
 * run once, in the PostgreSQL project, instead of each starting a cluster of its own. stop() drops it.
 */
export async function openSharedClusterDatabase(): Promise<{ ok: true; url: string; stop(): Promise<void> }> {
  const created = await createPostgresTestDatabase();
  return { ok: true, url: created.url, stop: () => created.drop() };
}
