/**
 * `npm run report:pages`: every template's term-sheet workbook (with the stress sheet; the kept
 * template with sensitivity and a Monte Carlo simulation too) and the portfolio workbook printed to
 * PDF by headless LibreOffice, then the pages of each sheet counted from the footer (`&A` — page n
 * of m). Prints one table per workbook and the totals, so a change to the print setup can be judged
 * by its page counts before and after. Needs LibreOffice and poppler-utils.
 */
import { buildPrintedPortfolioWorkbook, buildPrintedTermSheet } from './helpers/build-printed-books.js';
import { evaluateTemplate, TEMPLATE_IDS } from './helpers/evaluate-template.js';
import { findSoffice, printToPdf } from './helpers/libreoffice.js';
import { countPagesBySheet } from './helpers/page-count.js';
import { hasPoppler, readPdfPages } from './helpers/poppler.js';

const KEPT = 'fuzhou-gulou-25y';
const soffice = findSoffice();
if (soffice === null || !hasPoppler()) {
  console.error('report:pages needs LibreOffice and poppler-utils: apt-get install -y libreoffice-calc poppler-utils fonts-noto-cjk');
  process.exit(1);
}

const books: Array<{ name: string; xlsx: Buffer; sheets: string[] }> = [];
for (const id of TEMPLATE_IDS) {
  const workbook = await buildPrintedTermSheet(evaluateTemplate(id), { everySheet: id === KEPT });
  books.push({ name: id, xlsx: Buffer.from(await workbook.xlsx.writeBuffer()), sheets: workbook.worksheets.map((s) => s.name) });
}
const portfolio = await buildPrintedPortfolioWorkbook();
books.push({ name: 'portfolio', xlsx: portfolio.xlsx, sheets: portfolio.sheets });

const pdfs = printToPdf(soffice, books);
let total = 0;
for (const book of books) {
  const counts = countPagesBySheet(readPdfPages(pdfs.get(book.name)!), book.sheets);
  const pages = [...counts.values()].reduce((a, b) => a + b, 0);
  total += pages;
  console.log(`\n${book.name}: ${pages} pages`);
  for (const [sheet, n] of counts) console.log(`  ${String(n).padStart(3)}  ${sheet}`);
}
console.log(`\nall workbooks: ${total} pages`);
