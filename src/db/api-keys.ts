import { and, count, eq, isNull } from 'drizzle-orm';
import { createHash, createHmac, randomBytes } from 'node:crypto';
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

/** Scheme prefix of a stored key hash: HMAC-SHA-256 keyed by the service's key secret (api-key-secret.ts). */
const HMAC_SCHEME = 'hmac-sha256:';

/**
 * A key as stored: `hmac-sha256:` + HMAC-SHA-256(secret, key) in hex. A key of 256 random bits needs
 * no slow hash or salt; the secret (kept outside the database) means a copy of the database alone
 * cannot be used to check guessed keys, such as a weak ADMIN_API_KEY, offline.
 */
export function hashApiKey(key: string, secret: string): string {
  if (secret === '') throw new Error('the API key secret is empty');
  return HMAC_SCHEME + createHmac('sha256', secret).update(key, 'utf8').digest('hex');
}

/** How keys were stored before the HMAC: bare SHA-256 hex, no prefix. Still accepted once, then upgraded. */
function hashApiKeyLegacy(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function countApiKeys(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(apiKeys);
  return row?.n ?? 0;
}

export interface NewApiKey {
  organisationId: string;
  /** The secret keys are hashed with (api-key-secret.ts). */
  secret: string;
  role: Role;
  key: string;
  label?: string | null;
  /** When the key stops working (ISO 8601, UTC); null or omitted: never. */
  expiresAt?: string | null;
  at: string;
  actorKeyId?: string | null;
}

/** Store a key (hashed) and audit it; returns the new key's id. */
export async function insertApiKey(db: DbOrTx, k: NewApiKey): Promise<string> {
  const id = newId('key');
  await db.insert(apiKeys)
    .values({ id, organisationId: k.organisationId, role: k.role, keyHash: hashApiKey(k.key, k.secret), label: k.label ?? null, createdAt: k.at, expiresAt: k.expiresAt ?? null });
  await recordAudit(db, { at: k.at, organisationId: k.organisationId, actorKeyId: k.actorKeyId ?? null, action: 'key.created', subjectType: 'api-key', subjectId: id, detail: { role: k.role, label: k.label ?? null, expiresAt: k.expiresAt ?? null } });
  return id;
}

const principalColumns = { keyId: apiKeys.id, organisationId: apiKeys.organisationId, organisationName: organisations.name, role: apiKeys.role };

async function findActiveByHash(db: DbOrTx, keyHash: string): Promise<Principal | undefined> {
  const [row] = await db
    .select(principalColumns)
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row;
}

/**
 * The principal a presented key stands for, or undefined for an unknown or revoked key. Lookup is by
 * the key's hash through a unique index, so no comparison of secrets happens in user-visible time.
 * A key stored before the HMAC (bare SHA-256) still works: on its first use its stored hash is
 * rewritten to the HMAC form, after which only the right secret opens it.
 */
export async function findPrincipalByKey(db: DbOrTx, key: string, secret: string): Promise<Principal | undefined> {
  const keyHash = hashApiKey(key, secret);
  const current = await findActiveByHash(db, keyHash);
  if (current) return current;
  const legacy = await findActiveByHash(db, hashApiKeyLegacy(key));
  if (!legacy) return undefined;
  await db.update(apiKeys).set({ keyHash }).where(eq(apiKeys.id, legacy.keyId));
  return legacy;
}

/**
 * The principal of a key by its id, while the key works at `now` (not revoked, not expired): what a
 * signed link made with that key acts as. Undefined once the key is revoked or has expired.
 */
export async function findWorkingPrincipalById(db: DbOrTx, keyId: string, now: string): Promise<Principal | undefined> {
  const [row] = await db
    .select({ ...principalColumns, expiresAt: apiKeys.expiresAt })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
  const { expiresAt: _expiresAt, ...principal } = row;
  return principal;
}

/** The organisation a key belongs to, whatever its state (revoked and expired keys included), or undefined. */
export async function findKeyOrganisationId(db: DbOrTx, keyId: string): Promise<string | undefined> {
  const [row] = await db.select({ organisationId: apiKeys.organisationId }).from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  return row?.organisationId;
}
