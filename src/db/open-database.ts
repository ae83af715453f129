import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema>;
/** A transaction handle: repositories accept either, so one change can span several of them. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface OpenDatabase {
  db: Db;
  close(): void;
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
    const db = drizzle(sqlite, { schema });
    beginTransactionsImmediately(db);
    applyMigrations(db);
    return { db, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** Make `db.transaction(fn)` BEGIN IMMEDIATE unless told otherwise (nested ones are savepoints and unaffected). */
function beginTransactionsImmediately(db: Db): void {
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn, config) => transaction(fn, { behavior: 'immediate', ...config })) as Db['transaction'];
}

/**
 * drizzle's migrator reads which migrations ran before its own (deferred) BEGIN, so two processes
 * opening a new file at once can both try to apply the same one; the loser fails with "already exists"
 * (or SQLITE_BUSY) and, run again, finds it applied and does nothing.
 */
function applyMigrations(db: Db): void {
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
