import type { RouteHandler } from '@hono/zod-openapi';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { CHROMIUM_INSTALL_HINT, isPdfPrinterAvailable } from '../../export/pdf/print-pdf.js';
import { writeTermSheetPdf } from '../../export/pdf/write-term-sheet-pdf.js';
import { nameTermSheetFileAscii, nameTermSheetFile } from '../../export/workbook-file-name.js';
import { hashContent } from '../../db/content-hash.js';
import type { AppEnv } from '../app-env.js';
import { readToday } from '../evaluation/as-of.js';
import { evaluateWithCache, validateDealOrThrow } from '../evaluation/evaluate-content.js';
import { formatAttachment } from '../http/content-disposition.js';
import { ApiProblem } from '../problems/api-problem.js';
import { resolveTermSheetDeal } from './resolve-term-sheet-deal.js';
import { PDF_MEDIA_TYPE, type dealTermSheetPdfRoute } from './term-sheet-pdf.routes.js';

/** `.xlsx` → `.pdf` in the names the workbook route gives. */
const asPdf = (name: string) => name.replace(/\.xlsx$/, '.pdf');

/**
 * The PDF term sheet: the deal evaluated on the evaluator (a worker thread in the server; cached like
 * /evaluate), the printable document built from that result and printed by Chromium, a separate
 * process, within AppConfig.pdfTimeoutMs. No Chromium: 503 with how to install it.
 */
export const termSheetPdfOfDeal: RouteHandler<typeof dealTermSheetPdfRoute, AppEnv> = async (c) => {
  const { deps } = c.var;
  const { id } = c.req.valid('param');
  const query = c.req.valid('query');
  const { input, ...origin } = await resolveTermSheetDeal(c, id, query);
  const deal = await validateDealOrThrow(deps, input);
  const { chromiumPath, pdfTimeoutMs } = deps.config;
  if (!isPdfPrinterAvailable({ chromiumPath })) throw new ApiProblem('PDF_PRINTER_UNAVAILABLE', { chromiumPath, hint: CHROMIUM_INSTALL_HINT });
  const asOf = query.asOf ?? readToday(deps.clock, deps.config.timeZone);
  const { json } = await evaluateWithCache(deps, `deal:${hashContent(deal)}`, asOf, input);
  let pdf: Buffer;
  try {
    pdf = await writeTermSheetPdf(deal, JSON.parse(json) as WireEvaluation, { chromiumPath, timeoutMs: pdfTimeoutMs });
  } catch (error) {
    throw new ApiProblem('PDF_PRINT_FAILED', { reason: error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'unknown error' });
  }
  return c.body(new Uint8Array(pdf), 200, {
    'Content-Type': PDF_MEDIA_TYPE,
    'Content-Disposition': formatAttachment(asPdf(nameTermSheetFile({ dealName: deal.name, ...origin })), asPdf(nameTermSheetFileAscii({ dealName: deal.name, ...origin }))),
  });
};
