import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, type OpenDatabase } from './open-database.js';

/** Open the database file for the server or the CLI: its folder made when missing, migrations applied. */
export function prepareDatabase(path: string): OpenDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  return openDatabase(path);
}
