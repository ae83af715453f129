import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from './open-database.js';
import { dealRevisions } from './schema.js';

export interface RevisionSummary {
  revision: number;
  contentHash: string;
  authorKeyId: string | null;
  createdAt: string;
}

export interface Revision extends RevisionSummary {
  content: unknown;
}

const summaryColumns = {
  revision: dealRevisions.revision,
  contentHash: dealRevisions.contentHash,
  authorKeyId: dealRevisions.authorKeyId,
  createdAt: dealRevisions.createdAt,
};

/** Every revision of a deal, oldest first. */
export async function listRevisions(db: DbOrTx, dealId: string): Promise<RevisionSummary[]> {
  return await db.select(summaryColumns).from(dealRevisions).where(eq(dealRevisions.dealId, dealId)).orderBy(asc(dealRevisions.revision));
}

/** One revision with its content parsed back from JSON. */
export async function findRevision(db: DbOrTx, dealId: string, revision: number): Promise<Revision | undefined> {
  const [row] = await db
    .select({ ...summaryColumns, content: dealRevisions.content })
    .from(dealRevisions)
    .where(and(eq(dealRevisions.dealId, dealId), eq(dealRevisions.revision, revision)))
    .limit(1);
  return row && { ...row, content: JSON.parse(row.content) as unknown };
}

/** The content of one revision as its stored JSON text, not parsed: for the evaluator to parse off the request thread. */
export async function findRevisionText(db: DbOrTx, dealId: string, revision: number): Promise<string | undefined> {
  const [row] = await db
    .select({ content: dealRevisions.content })
    .from(dealRevisions)
    .where(and(eq(dealRevisions.dealId, dealId), eq(dealRevisions.revision, revision)))
    .limit(1);
  return row?.content;
}
