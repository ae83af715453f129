import { and, count, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from './open-database.js';
import { auditLog } from './schema.js';

export interface AuditEntry {
  at: string;
  organisationId: string | null;
  actorKeyId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: Record<string, unknown>;
}

/** Record one change. Call it inside the transaction that makes the change, so both land or neither. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog)
    .values({ ...entry, detail: entry.detail === undefined ? null : JSON.stringify(entry.detail) });
}

/** An organisation's audit log, newest first. */
export async function listAuditLog(db: DbOrTx, organisationId: string, page: { limit: number; offset: number }) {
  const where = and(eq(auditLog.organisationId, organisationId));
  const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.id)).limit(page.limit).offset(page.offset);
  const [counted] = await db.select({ n: count() }).from(auditLog).where(where);
  const total = counted?.n ?? 0;
  return {
    total,
    items: rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>) })),
  };
}
