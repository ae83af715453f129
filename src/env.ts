import { availableParallelism } from 'node:os';
import { DEFAULT_CHROMIUM_PATH } from './export/pdf/print-pdf.js';

/**
 * The service's settings from the environment. This is the only module that reads `process.env`
 * (DESIGN.md); everything else is handed what it needs.
 */
export interface Env {
  /** SQLite file (created with its folder when missing). */
  databasePath: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Address to listen on: loopback unless told otherwise (HOST=0.0.0.0 in a container). */
  host: string;
  /** Becomes the first admin key when the database has no key yet. */
  adminApiKey: string | undefined;
  /** Worker threads evaluating deals (EVALUATION_WORKERS); default one per core. */
  evaluationWorkers: number;
  /** Chromium that prints the PDF term sheet (CHROMIUM_PATH); default /usr/bin/chromium. */
  chromiumPath: string;
}

export const DEFAULT_DATABASE_PATH = './data/capital.db';
export const DEFAULT_PORT = 8787;

export function readEnv(source: Record<string, string | undefined> = process.env, cores = availableParallelism()): Env {
  const port = source.PORT === undefined || source.PORT === '' ? DEFAULT_PORT : Number(source.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a whole number from 0 to 65535; got "${source.PORT}"`);
  const workers = source.EVALUATION_WORKERS === undefined || source.EVALUATION_WORKERS === '' ? cores : Number(source.EVALUATION_WORKERS);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`EVALUATION_WORKERS must be a whole number from 1 to 64; got "${source.EVALUATION_WORKERS}"`);
  return {
    evaluationWorkers: workers,
    databasePath: source.DATABASE_PATH || DEFAULT_DATABASE_PATH,
    port,
    host: source.HOST || '127.0.0.1',
    adminApiKey: source.ADMIN_API_KEY || undefined,
    chromiumPath: source.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH,
  };
}
