import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Shortest accepted key secret (API_KEY_SECRET or the generated file): 32 characters. */
export const MIN_API_KEY_SECRET_LENGTH = 32;

/** Where the generated secret of a database is kept: beside it, `<database>.api-key-secret`. */
export function apiKeySecretPath(databasePath: string): string {
  return `${databasePath}.api-key-secret`;
}

/**
 * The secret API keys are hashed with (api-keys.ts). API_KEY_SECRET wins when set. Without it, the
 * secret of the database is read from `<database>.api-key-secret`, made on first start (256 random
 * bits, owner-only mode 0600, published whole by a hard link so two starts cannot race). An in-memory database
 * gets a secret of its own that dies with the process, as its keys do. A secret file that cannot be
 * read, or holds too short a secret, stops the start with the file named: guessing a new secret would
 * lock every key out.
 */
export function resolveApiKeySecret(options: { configured: string | undefined; databasePath: string }): string {
  if (options.configured !== undefined) return options.configured;
  if (options.databasePath === ':memory:' || options.databasePath === '') return randomBytes(32).toString('base64url');
  const path = apiKeySecretPath(options.databasePath);
  if (!existsSync(path)) createSecretFile(path);
  let secret: string;
  try {
    secret = readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new Error(`cannot read the API key secret ${path}: ${(error as Error).message}`);
  }
  if (secret.length < MIN_API_KEY_SECRET_LENGTH) throw new Error(`the API key secret in ${path} is shorter than ${MIN_API_KEY_SECRET_LENGTH} characters; restore it from the backup of the database`);
  return secret;
}

/**
 * Write a fresh secret to a private temporary file, then hard-link it to `path`: the link appears with
 * the whole secret in it or not at all, and when another process linked first (EEXIST) its secret wins.
 */
function createSecretFile(path: string): void {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`cannot create the API key secret ${path}: ${(error as Error).message}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}
