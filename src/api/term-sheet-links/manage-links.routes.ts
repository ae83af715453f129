import { createRoute, z } from '@hono/zod-openapi';
import { LINK_STATUSES } from '../../db/term-sheet-links.js';
import { pageQuerySchema, SECURITY } from '../schemas/common-schemas.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

const tags = ['Term sheets'];

export const termSheetLinkRecordSchema = z
  .object({
    id: z.string().openapi({ example: 'lnk_0a1b2c3d4e5f6071' }),
    dealId: z.string(),
    revision: z.number().int(),
    scenario: z.string().nullable(),
    include: z.array(z.enum(['stress', 'sensitivity', 'simulation'])),
    asOf: z.string(),
    createdAt: z.string(),
    createdByKeyId: z.string().openapi({ description: 'The key whose access the link carries.' }),
    createdByLabel: z.string().nullable(),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    status: z.enum(LINK_STATUSES).openapi({ description: 'The link\'s own state. An active link still stops working when its key is revoked or the deal\'s share withdrawn.' }),
  })
  .openapi('TermSheetLinkRecord', { description: 'A link as it may be told: what it opens and its state, never its URL (the URL is the credential, shown once).' });

export const listTermSheetLinksRoute = createRoute({
  method: 'get',
  path: '/term-sheet-links',
  tags,
  security: SECURITY,
  summary: 'The term-sheet links of your organisation, newest first (active ones by default)',
  description: 'An admin key sees every link its organisation made; any other key the links it made itself. `status=all` lists revoked and expired links too.',
  request: {
    query: pageQuerySchema.extend({
      deal: z.string().min(1).max(100).optional().openapi({ example: 'deal_3f9a0c1b2d4e5f60', description: 'Only the links to this deal.' }),
      status: z.enum([...LINK_STATUSES, 'all'], { error: `must be one of: ${[...LINK_STATUSES, 'all'].join(', ')}` }).default('active').openapi({ example: 'active' }),
    }),
  },
  responses: {
    200: {
      description: 'A page of links',
      content: { 'application/json': { schema: z.object({ items: z.array(termSheetLinkRecordSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }) } },
    },
    ...describeProblemResponses(),
  },
});

export const revokeTermSheetLinkRoute = createRoute({
  method: 'delete',
  path: '/term-sheet-links/{token}',
  tags,
  security: SECURITY,
  summary: 'Revoke one term-sheet link: from now on it answers 410 LINK_REVOKED',
  description:
    'Name the link by its `id` (`lnk_…`, from the answer that made it or the list) or by its token (the last part of its URL). The key that made the link or an admin key of its organisation may revoke it; the key and the link\'s other links keep working. Revoking a revoked or expired link is no error. Recorded in the audit log (term-sheet-link.revoked). A link made before links had an id cannot be revoked on its own (409).',
  request: { params: z.object({ token: z.string().min(1).max(4000).openapi({ param: { name: 'token', in: 'path' }, example: 'lnk_0a1b2c3d4e5f6071' }) }) },
  responses: { 204: { description: 'Revoked (or already not working)' }, ...describeProblemResponses(403, 404, 409) },
});
