import { z } from '@hono/zod-openapi';
import type { DealHead } from '../../db/deals.js';
import type { Revision } from '../../db/revisions.js';

export const dealSummarySchema = z
  .object({
    id: z.string().openapi({ example: 'deal_3f9a0c1b2d4e5f60' }),
    name: z.string(),
    owner: z.string().openapi({ description: 'The organisation that owns the deal.' }),
    access: z.enum(['owner', 'shared']).openapi({ description: '"shared": shared with your organisation read-only.' }),
    revision: z.number().int().openapi({ description: 'The current revision; also the ETag, quoted.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .openapi('DealSummary');

export const dealResourceSchema = dealSummarySchema
  .extend({
    contentHash: z.string().openapi({ description: 'SHA-256 of the revision\'s deal (canonical JSON).' }),
    author: z.string().nullable().openapi({ description: 'Id of the key that wrote the revision.' }),
    deal: z.record(z.string(), z.unknown()).openapi({ description: 'The deal (schema Deal) with defaults filled in, as stored in the revision.' }),
  })
  .openapi('DealResource');

export function presentDealSummary(head: DealHead) {
  const { ownerOrganisationId: _owner, ...summary } = head;
  return summary;
}

/** A deal at one of its revisions. */
export function presentDeal(head: DealHead, revision: Revision) {
  return {
    ...presentDealSummary(head),
    revision: revision.revision,
    contentHash: revision.contentHash,
    author: revision.authorKeyId,
    deal: revision.content as Record<string, unknown>,
  };
}

export const ETAG_HEADER = { ETag: { description: 'The revision, quoted: send it back as If-Match to change the deal.', schema: { type: 'string' as const, example: '"3"' } } };
