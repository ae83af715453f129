import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, type OpenDatabase } from './open-database.js';

/** Which database the service uses (Env): PostgreSQL when `databaseUrl` is set, else the SQLite file at `databasePath`. */
export interface DatabaseLocation {
  databaseUrl?: string | undefined;
  databasePath: string;
}

/**
 * Open the database for the server or the CLI, migrations applied: the PostgreSQL of DATABASE_URL
 * (its driver loaded only then), else the SQLite file, its folder made when missing.
 */
export async function prepareDatabase(location: DatabaseLocation): Promise<OpenDatabase> {
  if (location.databaseUrl) {
    const { openPostgres } = await import('./open-postgres.js');
    return openPostgres(location.databaseUrl);
  }
  const path = location.databasePath;
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  return openDatabase(path);
}

/** The database as an operator's log names it: the file, or the PostgreSQL URL without its password. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  if (!location.databaseUrl) return location.databasePath;
  try {
    const url = new URL(location.databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the PostgreSQL of DATABASE_URL';
  }
}
