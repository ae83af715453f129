import { and, desc, eq, exists, getTableColumns, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { newId } from './new-id.js';
import type { Db, DbOrTx } from './open-database.js';
import { organisations, portfolios, portfolioShares } from './schema.js';

export interface StoredPortfolio {
  id: string;
  organisationId: string;
  name: string;
  content: unknown;
  authorKeyId: string | null;
  createdAt: string;
  updatedAt: string;
  /** The owning organisation's name, and how the reading organisation reaches it: its own, or shared with it read-only. */
  owner: string;
  access: 'owner' | 'shared';
}

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

type Row = typeof portfolios.$inferSelect;
const toPortfolio = (readerId: string) => ({ deletedAt: _deleted, content, ...row }: Row & { owner: string }): StoredPortfolio => ({
  ...row,
  content: JSON.parse(content) as unknown,
  access: row.organisationId === readerId ? 'owner' : 'shared',
});
/** A live portfolio of the organisation: another organisation's is never found. */
const owned = (organisationId: string, id?: string) =>
  and(eq(portfolios.organisationId, organisationId), isNull(portfolios.deletedAt), ...(id === undefined ? [] : [eq(portfolios.id, id)]));

/** Live portfolios the organisation owns or that were shared with it. */
function selectVisible(db: DbOrTx, organisationId: string, id?: string) {
  const sharedWithIt = exists(
    db.select({ one: sql`1` }).from(portfolioShares).where(and(eq(portfolioShares.portfolioId, portfolios.id), eq(portfolioShares.organisationId, organisationId))),
  );
  return db
    .select({ ...getTableColumns(portfolios), owner: organisations.name })
    .from(portfolios)
    .innerJoin(organisations, eq(organisations.id, portfolios.organisationId))
    .where(and(isNull(portfolios.deletedAt), or(eq(portfolios.organisationId, organisationId), sharedWithIt), ...(id === undefined ? [] : [eq(portfolios.id, id)])));
}

/** The organisation's portfolios and those shared with it, most recently changed first. */
export async function listPortfolios(db: DbOrTx, organisationId: string): Promise<StoredPortfolio[]> {
  return (await selectVisible(db, organisationId).orderBy(desc(portfolios.updatedAt), portfolios.id)).map(toPortfolio(organisationId));
}

/** A portfolio the organisation owns or has been shared; undefined otherwise (404, never 403). */
export async function findPortfolio(db: DbOrTx, organisationId: string, id: string): Promise<StoredPortfolio | undefined> {
  const [row] = await selectVisible(db, organisationId, id).limit(1);
  return row && toPortfolio(organisationId)(row);
}

/** A new portfolio and its audit row, in one transaction. */
export async function createPortfolio(db: Db, body: { name: string; content: unknown }, change: Change): Promise<StoredPortfolio> {
  return db.transaction(async (tx) => {
    const row: Row = {
      id: newId('pf'), organisationId: change.organisationId, name: body.name, content: JSON.stringify(body.content),
      authorKeyId: change.actorKeyId, createdAt: change.at, updatedAt: change.at, deletedAt: null,
    };
    await tx.insert(portfolios).values(row);
    await recordAudit(tx, { ...change, action: 'portfolio.created', subjectType: 'portfolio', subjectId: row.id, detail: { name: body.name } });
    return (await findPortfolio(tx, change.organisationId, row.id))!;
  });
}

/** Replace a portfolio's definition; undefined when the organisation owns no such portfolio. */
export async function updatePortfolio(db: Db, id: string, body: { name: string; content: unknown }, change: Change): Promise<StoredPortfolio | undefined> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(portfolios)
      .set({ name: body.name, content: JSON.stringify(body.content), authorKeyId: change.actorKeyId, updatedAt: change.at })
      .where(owned(change.organisationId, id))
      .returning({ id: portfolios.id });
    if (updated.length !== 1) return undefined;
    await recordAudit(tx, { ...change, action: 'portfolio.updated', subjectType: 'portfolio', subjectId: id, detail: { name: body.name } });
    return await findPortfolio(tx, change.organisationId, id);
  });
}

/** Delete a portfolio: marked deleted, kept in the table, recorded in the audit log. */
export async function deletePortfolio(db: Db, id: string, change: Change): Promise<boolean> {
  return db.transaction(async (tx) => {
    const updated = await tx.update(portfolios).set({ deletedAt: change.at }).where(owned(change.organisationId, id)).returning({ id: portfolios.id });
    if (updated.length !== 1) return false;
    await recordAudit(tx, { ...change, action: 'portfolio.deleted', subjectType: 'portfolio', subjectId: id });
    return true;
  });
}
