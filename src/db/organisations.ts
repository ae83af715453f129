import { eq } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { newId } from './new-id.js';
import type { DbOrTx } from './open-database.js';
import { organisations } from './schema.js';

export type Organisation = typeof organisations.$inferSelect;

/** The organisation that owns the first admin key. */
export const DEFAULT_ORGANISATION = 'default';

export async function findOrganisationByName(db: DbOrTx, name: string): Promise<Organisation | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.name, name)).limit(1);
  return row;
}

/** Find an organisation by name, creating it (and an audit row) when there is none. */
export async function ensureOrganisation(db: DbOrTx, name: string, at: string, actorKeyId: string | null = null) {
  const existing = await findOrganisationByName(db, name);
  if (existing) return { organisation: existing, created: false };
  const organisation: Organisation = { id: newId('org'), name, createdAt: at };
  await db.insert(organisations).values(organisation);
  await recordAudit(db, { at, organisationId: organisation.id, actorKeyId, action: 'organisation.created', subjectType: 'organisation', subjectId: organisation.id, detail: { name } });
  return { organisation, created: true };
}
