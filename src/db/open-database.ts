import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

type SqliteDrizzle = BetterSQLite3Database<typeof schema>;

/**
 * What a repository runs its queries on, inside a transaction or not: drizzle's query builders,
 * always awaited (`await db.select()…`), so the same repository code can serve a driver whose
 * queries really are asynchronous. On SQLite every awaited query has already run by the time it is
 * awaited (better-sqlite3 is synchronous; drizzle's builders are thenables that execute on `then`).
 */
export type Tx = Omit<SqliteDrizzle, 'transaction'>;

/**
 * The service's database handle: the queries of `Tx` plus an asynchronous transaction. `engine`
 * says which database is behind it, for the few places (the write probe of /health) that must speak
 * its own SQL.
 */
export interface Db extends Tx {
  /** (Not `dialect`: drizzle keeps its SQL dialect under that name on the same object.) */
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Run `fn` in one transaction: committed when its promise resolves, rolled back when it rejects.
   * On SQLite it is BEGIN IMMEDIATE (the write lock is taken at the start, so a read-then-write
   * cannot lose a race with another process); transactions of one process run one after another.
   * On PostgreSQL it is BEGIN … COMMIT on a pooled connection (open-postgres.ts says why one writer wins).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}
/** Repositories accept either, so one change can span several of them. */
export type DbOrTx = Db | Tx;

export interface OpenDatabase {
  db: Db;
  /** Close the file, or end the PostgreSQL pool (settles once every connection is closed). */
  close(): Promise<void>;
}

/** How long a write waits for another process's write lock before SQLITE_BUSY (then 503, never 500). */
export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Open the SQLite file (or `:memory:`) and apply the committed migrations.
 *
 * Durability: WAL with `synchronous = FULL` fsyncs the log at every commit, so a write the service
 * has acknowledged survives a killed process and also a power loss. (`NORMAL` would survive a killed
 * process — the committed frames are already in the OS — but not a power cut; writes here are rare
 * next to evaluations, so the fsync costs nothing that matters.)
 */
export function openDatabase(path: string, { busyTimeoutMs = DEFAULT_BUSY_TIMEOUT_MS }: { busyTimeoutMs?: number } = {}): OpenDatabase {
  const sqlite = new Database(path, { timeout: busyTimeoutMs });
  try {
    sqlite.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
    if (path !== ':memory:') {
      const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not switch ${path} to WAL (journal_mode is ${String(mode)})`);
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    const drizzled = drizzle(sqlite, { schema });
    applyMigrations(drizzled);
    return { db: withSerialTransactions(sqlite, drizzled), close: async () => void sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * The SQLite transaction as BEGIN IMMEDIATE … COMMIT (or ROLLBACK) around the awaited callback.
 * drizzle's better-sqlite3 transaction takes only a synchronous callback; ours is asynchronous so that
 * repositories are the same for every driver. It stays atomic because better-sqlite3 runs each query
 * synchronously: every `await` inside the callback waits on a promise that is already settled, so the
 * callback runs to its end on microtasks, and no timer, socket or worker event (no other request's
 * next step) can be handled in between. Two transactions of this process never overlap: a second one
 * waits for the first to settle (a promise chain), so it never meets "cannot start a transaction
 * within a transaction". Other processes on the same file are kept out by SQLite's write lock
 * (BEGIN IMMEDIATE waits up to the busy timeout, then SQLITE_BUSY → 503).
 * What can run in between are steps of other requests already queued as microtasks in the same tick:
 * their statements run on this connection, inside the open transaction. The statements repositories
 * issue outside a transaction are reads and bookkeeping (a key's last use, a job's state), so that is
 * harmless; but a callback must await only database queries — awaiting real I/O inside it would let
 * any request's statements in.
 */
function withSerialTransactions(sqlite: Database.Database, drizzled: SqliteDrizzle): Db {
  let last: Promise<unknown> = Promise.resolve();
  const run = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    sqlite.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(drizzled);
      sqlite.exec('COMMIT');
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      throw error;
    }
  };
  const transaction = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const next = last.then(() => run(fn));
    last = next.catch(() => undefined);
    return next;
  };
  return Object.assign(drizzled as Tx, { engine: 'sqlite' as const, transaction });
}

/**
 * drizzle's migrator reads which migrations ran before its own (deferred) BEGIN, so two processes
 * opening a new file at once can both try to apply the same one; the loser fails with "already exists"
 * (or SQLITE_BUSY) and, run again, finds it applied and does nothing.
 */
function applyMigrations(db: SqliteDrizzle): void {
  for (let attempt = 1; ; attempt++) {
    try {
      migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
      return;
    } catch (error) {
      const raced = /already exists|database is locked|SQLITE_BUSY/i.test(String((error as Error).message) + String((error as { cause?: Error }).cause?.message ?? ''));
      if (!raced || attempt >= 3) throw error;
    }
  }
}
