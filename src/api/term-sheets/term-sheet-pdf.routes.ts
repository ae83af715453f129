import { createRoute, z } from '@hono/zod-openapi';
import { dealIdParamSchema, revisionNumber, SECURITY } from '../schemas/common-schemas.js';
import { asOfQuerySchema } from '../schemas/evaluation-schema.js';
import { describeProblemResponses } from '../schemas/problem-schema.js';

export const PDF_MEDIA_TYPE = 'application/pdf';

export const dealTermSheetPdfRoute = createRoute({
  method: 'get',
  path: '/deals/{id}/term-sheet.pdf',
  tags: ['Term sheets'],
  summary: 'The term sheet of a stored deal as a PDF to file (A4, Chinese with English beside, page numbers)',
  description:
    'The cover and the key tables — indicators, investment and funding, facilities (balance = drawn + capitalised interest), covenants against the projection, who pays, shareholders, a summary of each statement, open points — printed by headless Chromium. Same query as the .xlsx: `revision`, `scenario`, `asOf`. Without Chromium on the server it answers 503 saying how to install it.',
  security: SECURITY,
  request: {
    params: dealIdParamSchema,
    query: asOfQuerySchema.extend({
      revision: revisionNumber.optional().openapi({ example: 1 }),
      scenario: z.string().min(1).max(100).optional().openapi({ example: 'scn_0a1b2c3d4e5f6071', description: 'A scenario of the deal.' }),
    }),
  },
  responses: {
    200: {
      description: 'The PDF; `Content-Disposition` carries the deal\'s Chinese name (RFC 5987 `filename*`).',
      content: { [PDF_MEDIA_TYPE]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } },
    },
    ...describeProblemResponses(400, 404, 422, 503),
  },
});
