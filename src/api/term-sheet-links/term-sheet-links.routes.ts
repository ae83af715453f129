import { createRoute, z } from '@hono/zod-openapi';
import { dealIdParamSchema, SECURITY } from '../schemas/common-schemas.js';
import { describeOnlyProblemResponses, describeProblemResponses } from '../schemas/problem-schema.js';
import { XLSX_MEDIA_TYPE } from '../http/respond-with-workbook.js';

const tags = ['Term sheets'];
const whole = (what: string) => z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });

export const termSheetLinkInputSchema = z
  .strictObject({
    revision: whole('a revision number: a whole number from 1').min(1, { error: 'must be a revision number: a whole number from 1' }).optional().openapi({ example: 2, description: 'The revision the link shows (the current one when omitted); pinned: later revisions do not change it.' }),
    scenario: z.string().min(1).max(100).optional().openapi({ example: 'scn_0a1b2c3d4e5f6071', description: 'A scenario of the deal, shown on its own revision (a different `revision` with it is 422).' }),
    include: z
      .string()
      .regex(/^(stress|sensitivity|simulation)(,(stress|sensitivity|simulation)){0,2}$/, { error: 'must be stress, sensitivity or simulation, or several separated by commas' })
      .optional()
      .openapi({ example: 'stress', description: 'Analysis sheets, as for GET …/term-sheet.xlsx.' }),
    draws: z.string().optional().openapi({ example: '1000', description: 'With include=simulation, as for GET …/term-sheet.xlsx.' }),
    seed: z.string().optional().openapi({ example: '1' }),
    irrTarget: z.string().optional().openapi({ example: '0.06' }),
    asOf: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional().openapi({ example: '2026-03-01', description: 'As-of date of the workbook; today (Asia/Shanghai) when omitted. Pinned in the link.' }),
    expiresInSeconds: whole('a number of seconds').min(60, { error: 'must be at least 60 seconds' }).optional().openapi({ example: 86400, description: 'How long the link works: 24 h by default, at most the service\'s TERM_SHEET_LINK_MAX_TTL_SECONDS (7 days by default).' }),
  })
  .openapi('TermSheetLinkInput');

export const termSheetLinkSchema = z
  .object({
    id: z.string().openapi({ example: 'lnk_0a1b2c3d4e5f6071', description: 'The link\'s id: it is listed under GET /term-sheet-links and revoked by DELETE /term-sheet-links/{id}.' }),
    url: z.string().openapi({ example: 'https://planner.example.org/api/v1/term-sheet-links/v1.eyJr….Q2x…' }),
    expiresAt: z.string().openapi({ example: '2026-03-02T02:00:00.000Z' }),
    dealId: z.string(),
    revision: z.number().int(),
    scenario: z.string().nullable(),
    include: z.array(z.enum(['stress', 'sensitivity', 'simulation'])),
    asOf: z.string(),
    fileName: z.string().openapi({ example: '鼓楼试点-条款摘要-第2版-压力测试.xlsx', description: 'The name the workbook downloads under.' }),
  })
  .openapi('TermSheetLink');

export const createTermSheetLinkRoute = createRoute({
  method: 'post',
  path: '/deals/{id}/term-sheet-links',
  tags,
  summary: 'A signed link to one revision\'s term sheet that opens without a key, for a limited time',
  description:
    'Any role that sees the deal. The link carries the caller\'s access: it stops working (403 LINK_INVALID) when the key that made it is revoked or expires, or when the deal is no longer shared with its organisation; after `expiresAt` it answers 410 LINK_EXPIRED; a changed character is 403. It always shows the revision it was made for. It can be revoked on its own (DELETE /term-sheet-links/{id}: 410 LINK_REVOKED from then on) and is listed under GET /term-sheet-links. Each link made or revoked is in the audit log. An empty body (or none) makes a 24-hour link to the current revision.',
  security: SECURITY,
  request: { params: dealIdParamSchema, body: { required: false, content: { 'application/json': { schema: termSheetLinkInputSchema } } } },
  responses: {
    201: { description: 'The link', content: { 'application/json': { schema: termSheetLinkSchema } } },
    ...describeProblemResponses(404, 415, 422),
  },
});

export const openTermSheetLinkRoute = createRoute({
  method: 'get',
  path: '/term-sheet-links/{token}',
  tags,
  summary: 'Open a signed term-sheet link: the workbook, without a key',
  description: 'No Authorization header: the signature is the credential. 403 LINK_INVALID when altered, or when its key or the share it relied on is gone; 410 LINK_EXPIRED after its time, 410 LINK_REVOKED once revoked (DELETE /term-sheet-links/{id}).',
  security: [],
  request: { params: z.object({ token: z.string().min(1).max(4000).openapi({ param: { name: 'token', in: 'path' } }) }) },
  responses: {
    200: { description: 'The term-sheet workbook, named as GET …/term-sheet.xlsx names it', content: { [XLSX_MEDIA_TYPE]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } },
    // What a link really answers: never 401 (no key is asked for; an altered or dead link is 403), never
    // 400 or 413 (no query or body is read; any malformed token is 403).
    ...describeOnlyProblemResponses({
      403: 'LINK_INVALID: the link was altered or signed elsewhere, or the key that made it was revoked or has expired, or the deal or scenario is no longer visible to its organisation',
      410: 'LINK_EXPIRED after its expiresAt, or LINK_REVOKED once the link itself was revoked',
      422: 'The pinned revision (or scenario) is no longer a valid deal for this version of the service',
      429: 'Too many long jobs of the link maker\'s organisation (a link with analysis sheets); Retry-After says when to retry',
      500: 'Unexpected failure',
    }),
  },
});
