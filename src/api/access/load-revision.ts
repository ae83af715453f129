import type { Context } from 'hono';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import type { DealHead } from '../../db/deals.js';
import { findRevision, type Revision } from '../../db/revisions.js';
import type { AppEnv } from '../app-env.js';
import { ApiProblem } from '../problems/api-problem.js';

/** A revision of a visible deal (the current one when none is named), or 404; text stored before it was checked is repaired (xml-safe-text.ts). */
export async function loadRevision(c: Context<AppEnv>, deal: DealHead, revision: number = deal.revision): Promise<Revision> {
  const found = await findRevision(c.var.deps.db, deal.id, revision);
  if (!found) throw new ApiProblem('NOT_FOUND', { what: 'revision', id: `${deal.id}@${revision}` });
  return { ...found, content: repairStoredText(found.content) };
}
