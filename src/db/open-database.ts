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

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Open the SQLite file (or `:memory:`) and apply the committed migrations.
 *
 * Durability: WAL with `synchronous = FULL` fsyncs the log at every commit, so a write the service
 * has acknowledged survives a killed process and also a power loss. (`NORMAL` would survive a killed
 * process — the committed frames are already in the OS — but not a power cut; writes here are rare
 * next to evaluations, so the fsync costs nothing that matters.)
 */
export function openDatabase(path: string): OpenDatabase {
  const sqlite = new Database(path);
  try {
    if (path !== ':memory:') {
      const mode = sqlite.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new Error(`could not switch ${path} to WAL (journal_mode is ${String(mode)})`);
    }
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
