import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db, OpenDatabase, Tx } from './open-database.js';
import * as schemaPg from './schema-pg.js';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations-pg', import.meta.url));

/** The advisory lock every process takes around its migrations (an arbitrary 64-bit key: "renovation migrate"). */
export const MIGRATION_LOCK_KEY = 7_314_202_611_019n;

export interface PostgresOptions {
  /** Connections this process keeps open at most (default 10). */
  maxConnections?: number;
  /** How long a connection attempt may take before it fails (then 503), ms; default 5 000. */
  connectTimeoutMs?: number;
  /** How long a statement may wait for a lock another transaction holds before it fails as `locked` (503), ms; default 10 000. */
  lockTimeoutMs?: number;
}

/**
 * Open the PostgreSQL at `url` (postgres://user:password@host:port/database) for the service: a
 * node-postgres pool, the committed migrations of src/db/migrations-pg applied first, and the same
 * `Db` handle the repositories get on SQLite.
 *
 * Migrations: every starting process takes one advisory lock (pg_advisory_lock) on a connection of its
 * own, runs drizzle's migrator, and lets go; so several processes started at once apply each migration
 * exactly once — the others wait for the lock and then find nothing to do.
 *
 * The repositories' queries are built with the table objects of schema.ts: drizzle renders a table by
 * its name and a column by its name whatever the dialect that declared it, and every column has the
 * same type on both databases (schema-pg.ts), so the rows come back as the same JavaScript values.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<OpenDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    // A statement waiting on a row another transaction has locked gives up after this, as SQLite's busy timeout does.
    options: `-c lock_timeout=${Math.floor(options.lockTimeoutMs ?? 10_000)}`,
  });
  // An idle connection the server drops (a restart, a network cut) must not crash the process: the next query reconnects or fails as 503.
  pool.on('error', () => {});
  try {
    await applyMigrationsLocked(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const drizzled = drizzle(pool, { schema: schemaPg });
  // Closing twice is harmless (as closing a SQLite handle twice is): the second call waits for the first.
  let closed: Promise<void> | undefined;
  return { db: wrapPostgres(drizzled), close: () => (closed ??= pool.end()) };
}

/** Migrations under the advisory lock, on one connection held from lock to unlock. */
async function applyMigrationsLocked(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    client.release();
  }
}

type PgDrizzle = NodePgDatabase<typeof schemaPg>;

/**
 * The PostgreSQL handle as a `Db`: drizzle's builders (select, insert, update, delete) are the same
 * on both dialects; `run(sql)` — the one raw call repositories and /health make — is node-postgres'
 * `execute`. A transaction is a real one (BEGIN … COMMIT on one pooled connection, ROLLBACK when the
 * callback rejects), at PostgreSQL's default READ COMMITTED: the compare-and-set of a revision
 * (deals.ts reviseDeal: UPDATE deals … WHERE current_revision = the expected one) makes the second of
 * two concurrent writers wait on the first one's row lock and then match no row, so exactly one wins
 * across any number of processes, and the primary key (deal_id, revision) of deal_revisions refuses a
 * second row of one revision whatever happens. Unlike SQLite's, transactions of one process run
 * side by side, each on its own connection.
 */
function wrapPostgres(drizzled: PgDrizzle): Db {
  const asTx = (q: PgDrizzle | Parameters<Parameters<PgDrizzle['transaction']>[0]>[0]): Tx =>
    Object.assign(q, { run: (query: Parameters<PgDrizzle['execute']>[0]) => q.execute(query) }) as unknown as Tx;
  const begin = drizzled.transaction.bind(drizzled); // drizzle's own, before the handle's is replaced below
  const transaction = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => begin((tx) => fn(asTx(tx)));
  return Object.assign(asTx(drizzled), { engine: 'postgres' as const, transaction }) as Db;
}
