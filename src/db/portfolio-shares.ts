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

export function listPortfolioShares(db: DbOrTx, portfolioId: string): PortfolioShare[] {
  return db
    .select({ organisation: organisations.name, createdAt: portfolioShares.createdAt })
    .from(portfolioShares)
    .innerJoin(organisations, eq(organisations.id, portfolioShares.organisationId))
    .where(eq(portfolioShares.portfolioId, portfolioId))
    .orderBy(asc(portfolioShares.createdAt), asc(organisations.name))
    .all();
}

/** Share a portfolio read-only with an organisation; sharing twice is no change. Returns whether a share was made. */
export function sharePortfolio(db: Db, portfolioId: string, withOrganisationId: string, change: Change): boolean {
  return db.transaction((tx) => {
    const existing = tx.select().from(portfolioShares).where(and(eq(portfolioShares.portfolioId, portfolioId), eq(portfolioShares.organisationId, withOrganisationId))).get();
    if (existing) return false;
    tx.insert(portfolioShares).values({ portfolioId, organisationId: withOrganisationId, createdByKeyId: change.actorKeyId, createdAt: change.at }).run();
    recordAudit(tx, { ...change, action: 'portfolio-share.created', subjectType: 'portfolio', subjectId: portfolioId, detail: { withOrganisationId } });
    return true;
  });
}

/** Stop sharing a portfolio with an organisation. Returns whether there was a share to end. */
export function unsharePortfolio(db: Db, portfolioId: string, withOrganisationId: string, change: Change): boolean {
  return db.transaction((tx) => {
    const deleted = tx.delete(portfolioShares).where(and(eq(portfolioShares.portfolioId, portfolioId), eq(portfolioShares.organisationId, withOrganisationId))).run();
    if (deleted.changes !== 1) return false;
    recordAudit(tx, { ...change, action: 'portfolio-share.revoked', subjectType: 'portfolio', subjectId: portfolioId, detail: { withOrganisationId } });
    return true;
  });
}
