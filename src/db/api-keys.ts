import { and, count, eq, isNull } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from './audit-log.js';
import { newId } from './new-id.js';
import type { DbOrTx } from './open-database.js';
import { apiKeys, organisations, type Role } from './schema.js';

/** Who is calling: the key's organisation and role. */
export interface Principal {
  keyId: string;
  organisationId: string;
  organisationName: string;
  role: Role;
}

const KEY_PREFIX = 'rcp_';

/** A fresh key: 256 random bits, base64url, with a prefix that says what it is. */
export function mintApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/** Keys are stored as their SHA-256; a key of 256 random bits needs no slow hash or salt. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function countApiKeys(db: DbOrTx): number {
  return db.select({ n: count() }).from(apiKeys).get()?.n ?? 0;
}

export interface NewApiKey {
  organisationId: string;
  role: Role;
  key: string;
  label?: string | null;
  /** When the key stops working (ISO 8601, UTC); null or omitted: never. */
  expiresAt?: string | null;
  at: string;
  actorKeyId?: string | null;
}

/** Store a key (hashed) and audit it; returns the new key's id. */
export function insertApiKey(db: DbOrTx, k: NewApiKey): string {
  const id = newId('key');
  db.insert(apiKeys)
    .values({ id, organisationId: k.organisationId, role: k.role, keyHash: hashApiKey(k.key), label: k.label ?? null, createdAt: k.at, expiresAt: k.expiresAt ?? null })
    .run();
  recordAudit(db, { at: k.at, organisationId: k.organisationId, actorKeyId: k.actorKeyId ?? null, action: 'key.created', subjectType: 'api-key', subjectId: id, detail: { role: k.role, label: k.label ?? null, expiresAt: k.expiresAt ?? null } });
  return id;
}

/**
 * The principal a presented key stands for, or undefined for an unknown or revoked key. Lookup is by
 * the key's hash through a unique index, so no comparison of secrets happens in user-visible time.
 */
export function findPrincipalByKey(db: DbOrTx, key: string): Principal | undefined {
  return db
    .select({ keyId: apiKeys.id, organisationId: apiKeys.organisationId, organisationName: organisations.name, role: apiKeys.role })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .get();
}
