import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { insertApiKey, mintApiKey } from './api-keys.js';
import { recordAudit } from './audit-log.js';
import type { Db, DbOrTx } from './open-database.js';
import { apiKeys, auditLog, organisations, type Role } from './schema.js';
import { classifyStorageFault } from './storage-fault.js';

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

/** What may be told about a key: never its secret, never its hash. */
export interface KeyDescription {
  id: string;
  role: Role;
  organisation: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  status: 'active' | 'expired' | 'revoked';
}

const describeColumns = {
  id: apiKeys.id,
  role: apiKeys.role,
  organisation: organisations.name,
  label: apiKeys.label,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};

/** A key is expired from its `expiresAt` on (the instant itself included). Times are ISO 8601 UTC, so text order is time order. */
const statusOf = (k: { revokedAt: string | null; expiresAt: string | null }, now: string): KeyDescription['status'] =>
  k.revokedAt !== null ? 'revoked' : k.expiresAt !== null && k.expiresAt <= now ? 'expired' : 'active';

/** The organisation's keys in the order they were made, each with its state at `now`. */
export async function listKeys(db: DbOrTx, organisationId: string, now: string): Promise<KeyDescription[]> {
  const rows = await db
    .select(describeColumns)
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(eq(apiKeys.organisationId, organisationId))
    // Within one instant, the order they were made in: that of their `key.created` audit rows (one per
    // key, written with it; audit ids only grow), portable where SQLite's rowid is not. The organisation's
    // audit rows are read in id order on the index audit_log_organisation.
    .orderBy(asc(apiKeys.createdAt), sql`(select min(${auditLog.id}) from ${auditLog} where ${auditLog.organisationId} = ${apiKeys.organisationId} and ${auditLog.subjectType} = 'api-key' and ${auditLog.subjectId} = ${apiKeys.id})`, asc(apiKeys.id));
  return rows.map((k) => ({ ...k, status: statusOf(k, now) }));
}

export async function findKey(db: DbOrTx, organisationId: string, keyId: string, now: string): Promise<KeyDescription | undefined> {
  const [row] = await db
    .select(describeColumns)
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.organisationId, organisationId), eq(apiKeys.id, keyId)))
    .limit(1);
  return row && { ...row, status: statusOf(row, now) };
}

/** A new key of the caller's organisation: the secret is returned this once, only its hash is kept (api-keys.ts). */
export async function issueKey(db: Db, input: { role: Role; label?: string | null; expiresAt?: string | null }, change: Change, apiKeySecret: string): Promise<{ key: string; description: KeyDescription }> {
  return db.transaction(async (tx) => {
    const key = mintApiKey();
    const id = await insertApiKey(tx, { secret: apiKeySecret, organisationId: change.organisationId, role: input.role, key, label: input.label ?? null, expiresAt: input.expiresAt ?? null, at: change.at, actorKeyId: change.actorKeyId });
    return { key, description: (await findKey(tx, change.organisationId, id, change.at))! };
  });
}

export type RevokeOutcome = { ok: true; changed: boolean } | { ok: false; reason: 'not-found' | 'last-admin' };

/**
 * Revoke a key of the organisation: from this instant it is refused (authentication reads
 * `revoked_at` on every request). The organisation's last active admin key is not revoked — nobody
 * could manage keys afterwards but the operator; revoking a revoked key changes nothing.
 */
export async function revokeKey(db: Db, keyId: string, change: Change): Promise<RevokeOutcome> {
  return db.transaction(async (tx): Promise<RevokeOutcome> => {
    const key = await findKey(tx, change.organisationId, keyId, change.at);
    if (!key) return { ok: false, reason: 'not-found' };
    if (key.status === 'revoked') return { ok: true, changed: false };
    if (key.role === 'admin' && key.status === 'active') {
      const activeAdmins = await tx
        .select({ id: apiKeys.id })
        .from(apiKeys)
        .where(and(eq(apiKeys.organisationId, change.organisationId), eq(apiKeys.role, 'admin'), isNull(apiKeys.revokedAt), or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, change.at))));
      if (activeAdmins.length <= 1) return { ok: false, reason: 'last-admin' };
    }
    await tx.update(apiKeys).set({ revokedAt: change.at }).where(eq(apiKeys.id, keyId));
    await recordAudit(tx, { ...change, action: 'key.revoked', subjectType: 'api-key', subjectId: keyId, detail: { role: key.role, label: key.label } });
    return { ok: true, changed: true };
  });
}

/**
 * Admit a found (unrevoked) key at `now`: false when it has expired. A use is noted in `last_used_at`
 * at most once per `resolutionMs`, so that reading the service does not turn every request into a
 * synchronous disk write. The note is bookkeeping: a database that cannot be written just now (a
 * read-only file or standby, a full disk — storage-fault.ts) leaves it unwritten and still admits the
 * key, so reads keep working while changes answer 503.
 */
export async function admitKey(db: DbOrTx, keyId: string, now: Date, resolutionMs: number): Promise<boolean> {
  const at = now.toISOString();
  const [row] = await db.select({ expiresAt: apiKeys.expiresAt, lastUsedAt: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, keyId)).limit(1);
  if (!row || (row.expiresAt !== null && row.expiresAt <= at)) return false;
  if (row.lastUsedAt === null || Date.parse(row.lastUsedAt) <= now.getTime() - resolutionMs) {
    try {
      await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, keyId));
    } catch (error) {
      const fault = classifyStorageFault(error);
      if (!fault || fault.cause === 'unavailable') throw error;
    }
  }
  return true;
}
