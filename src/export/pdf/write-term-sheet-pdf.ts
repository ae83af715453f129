import type { Deal } from '../../deal/deal-schema.js';
import type { WireEvaluation } from '../../engine/to-wire.js';
import { printHtmlToPdf, type PdfPrinterOptions } from './print-pdf.js';
import { buildTermSheetHtml } from './term-sheet-html.js';

/** The PDF term sheet of an evaluated deal: the printable HTML (term-sheet-html.ts) printed by Chromium. */
export function writeTermSheetPdf(deal: Deal, e: WireEvaluation, options: PdfPrinterOptions): Promise<Buffer> {
  return printHtmlToPdf(buildTermSheetHtml(deal, e), `${deal.name} · ${e.asOf}`, options);
}
