import { and, count, desc, eq, gt, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import type { Db, DbOrTx } from './open-database.js';
import { apiKeys, termSheetLinks } from './schema.js';

interface Change {
  organisationId: string;
  actorKeyId: string | null;
  at: string;
}

export interface NewTermSheetLink {
  id: string;
  keyId: string;
  dealId: string;
  revision: number;
  scenarioId: string | null;
  include: readonly LinkSheet[];
  asOf: string;
  expiresAt: string;
}

/** The analysis sheets a link may include (the term-sheet route's `include`), as stored: comma-separated. */
export type LinkSheet = 'stress' | 'sensitivity' | 'simulation';

export const LINK_STATUSES = ['active', 'expired', 'revoked'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** What may be told about a link: what it opens and its state — never its token, which is the credential. */
export interface TermSheetLinkDescription {
  id: string;
  dealId: string;
  revision: number;
  scenario: string | null;
  include: LinkSheet[];
  asOf: string;
  createdAt: string;
  createdByKeyId: string;
  createdByLabel: string | null;
  expiresAt: string;
  revokedAt: string | null;
  status: LinkStatus;
}

/** Expired from `expiresAt` on (the instant itself included), as the link answers 410 from that instant. ISO 8601 UTC: text order is time order. */
const statusOf = (row: { revokedAt: string | null; expiresAt: string }, now: string): LinkStatus => (row.revokedAt !== null ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active');

const columns = {
  id: termSheetLinks.id,
  organisationId: termSheetLinks.organisationId,
  dealId: termSheetLinks.dealId,
  revision: termSheetLinks.revision,
  scenario: termSheetLinks.scenarioId,
  include: termSheetLinks.include,
  asOf: termSheetLinks.asOf,
  createdAt: termSheetLinks.createdAt,
  createdByKeyId: termSheetLinks.keyId,
  createdByLabel: apiKeys.label,
  expiresAt: termSheetLinks.expiresAt,
  revokedAt: termSheetLinks.revokedAt,
};

interface Row extends Omit<TermSheetLinkDescription, 'include' | 'status'> {
  organisationId: string;
  include: string | null;
}

const describe = ({ organisationId: _org, ...row }: Row, now: string): TermSheetLinkDescription => ({
  ...row,
  include: row.include === null ? [] : (row.include.split(',') as LinkSheet[]),
  status: statusOf(row, now),
});

/** Record a link as it is made, with its audit entry, in one transaction (both land or neither). */
export async function recordTermSheetLink(db: Db, link: NewTermSheetLink, change: Change): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(termSheetLinks)
      .values({ ...link, organisationId: change.organisationId, include: link.include.length > 0 ? link.include.join(',') : null, createdAt: change.at })
    await recordAudit(tx, {
      ...change,
      action: 'term-sheet-link.created',
      subjectType: 'deal',
      subjectId: link.dealId,
      detail: { link: link.id, revision: link.revision, scenario: link.scenarioId, include: [...link.include], asOf: link.asOf, expiresAt: link.expiresAt },
    });
  });
}

/** Any link by id, whatever its organisation (the signed token has named it), or undefined. */
export async function findTermSheetLink(db: DbOrTx, id: string, now: string): Promise<(TermSheetLinkDescription & { organisationId: string }) | undefined> {
  const [row] = await db.select(columns).from(termSheetLinks).innerJoin(apiKeys, eq(apiKeys.id, termSheetLinks.keyId)).where(eq(termSheetLinks.id, id)).limit(1);
  return row && { ...describe(row, now), organisationId: row.organisationId };
}

export interface LinkListFilter {
  organisationId: string;
  /** Only the links this key made (a non-admin sees its own); undefined: all of the organisation's. */
  keyId?: string;
  dealId?: string;
  /** undefined: every state. */
  status?: LinkStatus;
}

const filterStatus = (status: LinkStatus | undefined, now: string): SQL | undefined => {
  if (status === 'revoked') return isNotNull(termSheetLinks.revokedAt);
  if (status === 'expired') return and(isNull(termSheetLinks.revokedAt), lte(termSheetLinks.expiresAt, now));
  if (status === 'active') return and(isNull(termSheetLinks.revokedAt), gt(termSheetLinks.expiresAt, now));
  return undefined;
};

/** An organisation's links, newest first, a page at a time. */
export async function listTermSheetLinks(db: DbOrTx, filter: LinkListFilter, now: string, page: { limit: number; offset: number }) {
  const where = and(
    eq(termSheetLinks.organisationId, filter.organisationId),
    filter.keyId === undefined ? undefined : eq(termSheetLinks.keyId, filter.keyId),
    filter.dealId === undefined ? undefined : eq(termSheetLinks.dealId, filter.dealId),
    filterStatus(filter.status, now),
  );
  const rows = await db.select(columns).from(termSheetLinks).innerJoin(apiKeys, eq(apiKeys.id, termSheetLinks.keyId)).where(where).orderBy(desc(termSheetLinks.createdAt), desc(termSheetLinks.id)).limit(page.limit).offset(page.offset);
  const [counted] = await db.select({ n: count() }).from(termSheetLinks).where(where);
  const total = counted?.n ?? 0;
  return { total, items: rows.map((row) => describe(row, now)) };
}

/**
 * Revoke one link: from this instant it answers 410 LINK_REVOKED (the link's row is read on every
 * opening). A link already revoked or expired is left as it is (`changed: false`): it opens nothing
 * either way, and its record keeps the instant it stopped.
 */
export async function revokeTermSheetLink(db: Db, id: string, change: Change): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const link = await findTermSheetLink(tx, id, change.at);
    if (!link || link.status !== 'active') return { changed: false };
    await tx.update(termSheetLinks).set({ revokedAt: change.at, revokedByKeyId: change.actorKeyId }).where(eq(termSheetLinks.id, id));
    await recordAudit(tx, {
      ...change,
      action: 'term-sheet-link.revoked',
      subjectType: 'term-sheet-link',
      subjectId: id,
      detail: { deal: link.dealId, revision: link.revision, scenario: link.scenario, createdBy: link.createdByKeyId, expiresAt: link.expiresAt },
    });
    return { changed: true };
  });
}
