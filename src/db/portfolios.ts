import { and, desc, eq, isNull } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { newId } from './new-id.js';
import type { Db, DbOrTx } from './open-database.js';
import { portfolios } from './schema.js';

export interface StoredPortfolio {
  id: string;
  organisationId: string;
  name: string;
  content: unknown;
  authorKeyId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

type Row = typeof portfolios.$inferSelect;
const toPortfolio = ({ deletedAt: _deleted, content, ...row }: Row): StoredPortfolio => ({ ...row, content: JSON.parse(content) as unknown });
/** A live portfolio of the organisation: another organisation's is never found. */
const owned = (organisationId: string, id?: string) =>
  and(eq(portfolios.organisationId, organisationId), isNull(portfolios.deletedAt), ...(id === undefined ? [] : [eq(portfolios.id, id)]));

export function listPortfolios(db: DbOrTx, organisationId: string): StoredPortfolio[] {
  return db.select().from(portfolios).where(owned(organisationId)).orderBy(desc(portfolios.updatedAt), portfolios.id).all().map(toPortfolio);
}

export function findPortfolio(db: DbOrTx, organisationId: string, id: string): StoredPortfolio | undefined {
  const row = db.select().from(portfolios).where(owned(organisationId, id)).get();
  return row && toPortfolio(row);
}

/** A new portfolio and its audit row, in one transaction. */
export function createPortfolio(db: Db, body: { name: string; content: unknown }, change: Change): StoredPortfolio {
  return db.transaction((tx) => {
    const row: Row = {
      id: newId('pf'), organisationId: change.organisationId, name: body.name, content: JSON.stringify(body.content),
      authorKeyId: change.actorKeyId, createdAt: change.at, updatedAt: change.at, deletedAt: null,
    };
    tx.insert(portfolios).values(row).run();
    recordAudit(tx, { ...change, action: 'portfolio.created', subjectType: 'portfolio', subjectId: row.id, detail: { name: body.name } });
    return toPortfolio(row);
  });
}

/** Replace a portfolio's definition; undefined when the organisation has no such portfolio. */
export function updatePortfolio(db: Db, id: string, body: { name: string; content: unknown }, change: Change): StoredPortfolio | undefined {
  return db.transaction((tx) => {
    const updated = tx
      .update(portfolios)
      .set({ name: body.name, content: JSON.stringify(body.content), authorKeyId: change.actorKeyId, updatedAt: change.at })
      .where(owned(change.organisationId, id))
      .run();
    if (updated.changes !== 1) return undefined;
    recordAudit(tx, { ...change, action: 'portfolio.updated', subjectType: 'portfolio', subjectId: id, detail: { name: body.name } });
    return findPortfolio(tx, change.organisationId, id);
  });
}

/** Delete a portfolio: marked deleted, kept in the table, recorded in the audit log. */
export function deletePortfolio(db: Db, id: string, change: Change): boolean {
  return db.transaction((tx) => {
    const updated = tx.update(portfolios).set({ deletedAt: change.at }).where(owned(change.organisationId, id)).run();
    if (updated.changes !== 1) return false;
    recordAudit(tx, { ...change, action: 'portfolio.deleted', subjectType: 'portfolio', subjectId: id });
    return true;
  });
}
