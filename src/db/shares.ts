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

export async function listShares(db: DbOrTx, dealId: string): Promise<Share[]> {
  return await db
    .select({ organisation: organisations.name, createdAt: shares.createdAt })
    .from(shares)
    .innerJoin(organisations, eq(organisations.id, shares.organisationId))
    .where(eq(shares.dealId, dealId))
    .orderBy(asc(shares.createdAt), asc(organisations.name));
}

/** Share a deal with an organisation; sharing twice is no change. Returns whether a share was made. */
export async function shareDeal(db: Db, dealId: string, withOrganisationId: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(shares).where(and(eq(shares.dealId, dealId), eq(shares.organisationId, withOrganisationId))).limit(1);
    if (existing) return false;
    await tx.insert(shares).values({ dealId, organisationId: withOrganisationId, createdByKeyId: change.actorKeyId, createdAt: change.at });
    await recordAudit(tx, { ...change, action: 'share.created', subjectType: 'deal', subjectId: dealId, detail: { withOrganisationId } });
    return true;
  });
}

/** Stop sharing a deal with an organisation. Returns whether there was a share to end. */
export async function unshareDeal(db: Db, dealId: string, withOrganisationId: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(shares).where(and(eq(shares.dealId, dealId), eq(shares.organisationId, withOrganisationId))).returning({ dealId: shares.dealId });
    if (deleted.length !== 1) return false;
    await recordAudit(tx, { ...change, action: 'share.revoked', subjectType: 'deal', subjectId: dealId, detail: { withOrganisationId } });
    return true;
  });
}
