import { asc, eq } from 'drizzle-orm';
import { recordAudit } from './audit-log.js';
import { hashContent } from './content-hash.js';
import type { Db, DbOrTx } from './open-database.js';
import { templates } from './schema.js';

export interface TemplateFile {
  id: string;
  name: string;
  content: unknown;
}

/** Insert or refresh templates whose content changed; returns how many changed. */
export async function upsertTemplates(db: Db, files: readonly TemplateFile[], at: string): Promise<number> {
  return db.transaction(async (tx) => {
    let changed = 0;
    for (const file of files) {
      const contentHash = hashContent(file.content);
      const [existing] = await tx.select({ contentHash: templates.contentHash }).from(templates).where(eq(templates.id, file.id)).limit(1);
      if (existing?.contentHash === contentHash) continue;
      const row = { id: file.id, name: file.name, content: JSON.stringify(file.content), contentHash, updatedAt: at };
      await tx.insert(templates).values(row).onConflictDoUpdate({ target: templates.id, set: row });
      await recordAudit(tx, { at, organisationId: null, actorKeyId: null, action: existing ? 'template.updated' : 'template.created', subjectType: 'template', subjectId: file.id, detail: { contentHash } });
      changed += 1;
    }
    return changed;
  });
}

export async function listTemplates(db: DbOrTx) {
  return (await db.select().from(templates).orderBy(asc(templates.id))).map((t) => ({ ...t, content: JSON.parse(t.content) as unknown }));
}

export async function findTemplate(db: DbOrTx, id: string) {
  const [row] = await db.select().from(templates).where(eq(templates.id, id)).limit(1);
  return row && { ...row, content: JSON.parse(row.content) as unknown };
}
