import { and, count, desc, eq, exists, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { hashContent, writeCanonicalJson } from './content-hash.js';
import { newId } from './new-id.js';
import type { Db, DbOrTx } from './open-database.js';
import { dealRevisions, deals, organisations, shares } from './schema.js';

/** How an organisation reaches a deal: its own, or shared with it read-only. */
export type DealAccess = 'owner' | 'shared';

export interface DealHead {
  id: string;
  name: string;
  owner: string;
  ownerOrganisationId: string;
  access: DealAccess;
  revision: number;
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
}

/** The content of a revision: the deal as JSON, with its name for listings. */
export interface DealContent {
  name: string;
  content: unknown;
}

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

function selectHeads(db: DbOrTx, organisationId: string) {
  const sharedWithMe = exists(
    db.select({ one: sql`1` }).from(shares).where(and(eq(shares.dealId, deals.id), eq(shares.organisationId, organisationId))),
  );
  const visible = or(eq(deals.organisationId, organisationId), sharedWithMe);
  const columns = {
    id: deals.id,
    name: deals.name,
    owner: organisations.name,
    ownerOrganisationId: deals.organisationId,
    revision: deals.currentRevision,
    createdAt: deals.createdAt,
    updatedAt: deals.updatedAt,
    archivedAt: deals.archivedAt,
  };
  return { visible, query: () => db.select(columns).from(deals).innerJoin(organisations, eq(organisations.id, deals.organisationId)) };
}

const withAccess = (organisationId: string) => (row: Omit<DealHead, 'access'>): DealHead => ({
  ...row,
  access: row.ownerOrganisationId === organisationId ? 'owner' : 'shared',
});

/** The deal as an organisation may see it: its own or shared with it; undefined otherwise. */
export async function findVisibleDeal(db: DbOrTx, dealId: string, organisationId: string): Promise<DealHead | undefined> {
  const { visible, query } = selectHeads(db, organisationId);
  const [row] = await query().where(and(eq(deals.id, dealId), visible)).limit(1);
  return row && withAccess(organisationId)(row);
}

/** The deals an organisation sees, most recently changed first; archived ones only when asked. */
export async function listVisibleDeals(db: DbOrTx, organisationId: string, page: { limit: number; offset: number; includeArchived: boolean }) {
  const { visible, query } = selectHeads(db, organisationId);
  const where = page.includeArchived ? visible : and(visible, isNull(deals.archivedAt));
  const items = await query().where(where).orderBy(desc(deals.updatedAt), deals.id).limit(page.limit).offset(page.offset);
  const [counted] = await db.select({ n: count() }).from(deals).where(where);
  const total = counted?.n ?? 0;
  return { total, items: items.map(withAccess(organisationId)) };
}

async function insertRevision(db: DbOrTx, dealId: string, revision: number, body: DealContent, change: Change): Promise<string> {
  const contentHash = hashContent(body.content);
  await db.insert(dealRevisions)
    .values({ dealId, revision, content: writeCanonicalJson(body.content), contentHash, authorKeyId: change.actorKeyId, createdAt: change.at });
  return contentHash;
}

/** A new deal and its revision 1, in one transaction with the audit row. */
export async function createDeal(db: Db, body: DealContent, change: Change): Promise<{ id: string; contentHash: string }> {
  return db.transaction(async (tx) => {
    const id = newId('deal');
    await tx.insert(deals)
      .values({ id, organisationId: change.organisationId, name: body.name, currentRevision: 1, createdAt: change.at, updatedAt: change.at });
    const contentHash = await insertRevision(tx, id, 1, body, change);
    await recordAudit(tx, { ...change, action: 'deal.created', subjectType: 'deal', subjectId: id, detail: { revision: 1, contentHash } });
    return { id, contentHash };
  });
}

export type ReviseOutcome =
  | { ok: true; revision: number; contentHash: string; changed: boolean }
  | { ok: false; reason: 'stale'; currentRevision: number }
  | { ok: false; reason: 'archived' };

/**
 * Append a revision when `expectedRevision` is still the head (compare-and-set on the head, in the
 * same transaction as the new revision and its audit row). Content equal to the head's makes no
 * revision: nothing changed.
 */
export async function reviseDeal(db: Db, dealId: string, expectedRevision: number, body: DealContent, change: Change): Promise<ReviseOutcome> {
  return db.transaction(async (tx): Promise<ReviseOutcome> => {
    const [head] = await tx.select().from(deals).where(eq(deals.id, dealId)).limit(1);
    if (!head) throw new Error(`deal ${dealId} vanished`);
    if (head.archivedAt !== null) return { ok: false, reason: 'archived' };
    if (head.currentRevision !== expectedRevision) return { ok: false, reason: 'stale', currentRevision: head.currentRevision };
    const [current] = await tx
      .select({ contentHash: dealRevisions.contentHash })
      .from(dealRevisions)
      .where(and(eq(dealRevisions.dealId, dealId), eq(dealRevisions.revision, head.currentRevision)))
      .limit(1);
    if (current?.contentHash === hashContent(body.content)) {
      return { ok: true, revision: head.currentRevision, contentHash: current.contentHash, changed: false };
    }
    const revision = expectedRevision + 1;
    const updated = await tx
      .update(deals)
      .set({ currentRevision: revision, name: body.name, updatedAt: change.at })
      .where(and(eq(deals.id, dealId), eq(deals.currentRevision, expectedRevision)))
      .returning({ id: deals.id });
    if (updated.length !== 1) {
      // Another writer moved the head after it was read (PostgreSQL: its transaction committed while this
      // one waited on the row); a new statement sees its revision.
      const [moved] = await tx.select({ currentRevision: deals.currentRevision }).from(deals).where(eq(deals.id, dealId)).limit(1);
      return { ok: false, reason: 'stale', currentRevision: moved?.currentRevision ?? head.currentRevision };
    }
    const contentHash = await insertRevision(tx, dealId, revision, body, change);
    await recordAudit(tx, { ...change, action: 'deal.revised', subjectType: 'deal', subjectId: dealId, detail: { revision, contentHash } });
    return { ok: true, revision, contentHash, changed: true };
  });
}

/** Archive a deal: it leaves listings and takes no more changes; its revisions stay readable. */
export async function archiveDeal(db: Db, dealId: string, change: Change): Promise<void> {
  await db.transaction(async (tx) => {
    const updated = await tx.update(deals).set({ archivedAt: change.at, updatedAt: change.at }).where(and(eq(deals.id, dealId), isNull(deals.archivedAt))).returning({ id: deals.id });
    if (updated.length === 1) await recordAudit(tx, { ...change, action: 'deal.archived', subjectType: 'deal', subjectId: dealId });
  });
}
