import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import type { Db, DbOrTx } from './open-database.js';
import { organisations, portfolioShares } from './schema.js';

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

export interface PortfolioShare {
  organisation: string;
  createdAt: string;
}

export async function listPortfolioShares(db: DbOrTx, portfolioId: string): Promise<PortfolioShare[]> {
  return await db
    .select({ organisation: organisations.name, createdAt: portfolioShares.createdAt })
    .from(portfolioShares)
    .innerJoin(organisations, eq(organisations.id, portfolioShares.organisationId))
    .where(eq(portfolioShares.portfolioId, portfolioId))
    .orderBy(asc(portfolioShares.createdAt), asc(organisations.name));
}

/** Share a portfolio read-only with an organisation; sharing twice is no change. Returns whether a share was made. */
export async function sharePortfolio(db: Db, portfolioId: string, withOrganisationId: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(portfolioShares).where(and(eq(portfolioShares.portfolioId, portfolioId), eq(portfolioShares.organisationId, withOrganisationId))).limit(1);
    if (existing) return false;
    await tx.insert(portfolioShares).values({ portfolioId, organisationId: withOrganisationId, createdByKeyId: change.actorKeyId, createdAt: change.at });
    await recordAudit(tx, { ...change, action: 'portfolio-share.created', subjectType: 'portfolio', subjectId: portfolioId, detail: { withOrganisationId } });
    return true;
  });
}

/** Stop sharing a portfolio with an organisation. Returns whether there was a share to end. */
export async function unsharePortfolio(db: Db, portfolioId: string, withOrganisationId: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(portfolioShares).where(and(eq(portfolioShares.portfolioId, portfolioId), eq(portfolioShares.organisationId, withOrganisationId))).returning({ portfolioId: portfolioShares.portfolioId });
    if (deleted.length !== 1) return false;
    await recordAudit(tx, { ...change, action: 'portfolio-share.revoked', subjectType: 'portfolio', subjectId: portfolioId, detail: { withOrganisationId } });
    return true;
  });
}
