import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from './open-database.js';
import { deals, organisations, portfolios, portfolioShares, shares } from './schema.js';

/**
 * What the organisations-per-organisation share cap counts (AppConfig.shareOrganisationsPerOrganisation). It counts
 * only the caller's own shares, whatever organisations they name: a cap on shares to organisations
 * that do not exist yet would answer differently, once reached, for a name that exists and one that
 * does not, and so reopen the existence oracle the shares route closes.
 */

/** The names of the organisations an organisation shares any deal or portfolio with (an archived deal's shares included, as it can still be unshared; a deleted portfolio's not, as no one sees it). */
export async function listShareOrganisationNames(db: DbOrTx, organisationId: string): Promise<Set<string>> {
  const viaDeals = db
    .selectDistinct({ name: organisations.name })
    .from(shares)
    .innerJoin(deals, eq(deals.id, shares.dealId))
    .innerJoin(organisations, eq(organisations.id, shares.organisationId))
    .where(eq(deals.organisationId, organisationId));
  const viaPortfolios = db
    .selectDistinct({ name: organisations.name })
    .from(portfolioShares)
    .innerJoin(portfolios, eq(portfolios.id, portfolioShares.portfolioId))
    .innerJoin(organisations, eq(organisations.id, portfolioShares.organisationId))
    .where(and(eq(portfolios.organisationId, organisationId), isNull(portfolios.deletedAt)));
  return new Set((await viaDeals.union(viaPortfolios)).map((row) => row.name));
}
