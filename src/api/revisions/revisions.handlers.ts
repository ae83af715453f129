import type { RouteHandler } from '@hono/zod-openapi';
import { listRevisions, type RevisionSummary } from '../../db/revisions.js';
import { loadVisibleDeal } from '../access/deal-access.js';
import { loadRevision } from '../access/load-revision.js';
import type { AppEnv } from '../app-env.js';
import { formatRevisionTag } from '../http/if-match.js';
import type { getRevisionRoute, listRevisionsRoute } from './revisions.routes.js';

const summarise = ({ authorKeyId, ...r }: RevisionSummary) => ({ revision: r.revision, contentHash: r.contentHash, author: authorKeyId, createdAt: r.createdAt });

export const listDealRevisions: RouteHandler<typeof listRevisionsRoute, AppEnv> = async (c) => {
  const deal = await loadVisibleDeal(c, c.req.valid('param').id);
  return c.json({ dealId: deal.id, items: (await listRevisions(c.var.deps.db, deal.id)).map(summarise) }, 200);
};

export const getDealRevision: RouteHandler<typeof getRevisionRoute, AppEnv> = async (c) => {
  const { id, rev } = c.req.valid('param');
  const deal = await loadVisibleDeal(c, id);
  const revision = await loadRevision(c, deal, rev);
  c.header('ETag', formatRevisionTag(revision.revision));
  return c.json({ dealId: deal.id, ...summarise(revision), deal: revision.content as Record<string, unknown> }, 200);
};
