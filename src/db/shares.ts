import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import type { Db, DbOrTx } from './open-database.js';
import { organisations, shares } from './schema.js';

export interface Share {
  organisation: string;
  createdAt: string;
}

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

export function listShares(db: DbOrTx, dealId: string): Share[] {
  return db
    .select({ organisation: organisations.name, createdAt: shares.createdAt })
    .from(shares)
    .innerJoin(organisations, eq(organisations.id, shares.organisationId))
    .where(eq(shares.dealId, dealId))
    .orderBy(asc(shares.createdAt), asc(organisations.name))
    .all();
}

/** Share a deal with an organisation; sharing twice is no change. Returns whether a share was made. */
export function shareDeal(db: Db, dealId: string, withOrganisationId: string, change: Change): boolean {
  return db.transaction((tx) => {
    const existing = tx.select().from(shares).where(and(eq(shares.dealId, dealId), eq(shares.organisationId, withOrganisationId))).get();
    if (existing) return false;
    tx.insert(shares).values({ dealId, organisationId: withOrganisationId, createdByKeyId: change.actorKeyId, createdAt: change.at }).run();
    recordAudit(tx, { ...change, action: 'share.created', subjectType: 'deal', subjectId: dealId, detail: { withOrganisationId } });
    return true;
  });
}

/** Stop sharing a deal with an organisation. Returns whether there was a share to end. */
export function unshareDeal(db: Db, dealId: string, withOrganisationId: string, change: Change): boolean {
  return db.transaction((tx) => {
    const deleted = tx.delete(shares).where(and(eq(shares.dealId, dealId), eq(shares.organisationId, withOrganisationId))).run();
    if (deleted.changes !== 1) return false;
    recordAudit(tx, { ...change, action: 'share.revoked', subjectType: 'deal', subjectId: dealId, detail: { withOrganisationId } });
    return true;
  });
}
