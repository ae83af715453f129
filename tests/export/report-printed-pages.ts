/**
 * `npm run report:pages`: every template's term-sheet workbook (with the stress sheet; the kept
 * template with sensitivity and a Monte Carlo simulation too) and the portfolio workbook printed to
 * PDF by headless LibreOffice, then the pages of each sheet counted from the footer (`&A` — page n
 * of m). Prints one table per workbook and the totals, so a change to the print setup can be judged
 * by its page counts before and after. Needs LibreOffice and poppler-utils.
 */
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { simulationRequestSchema } from '../../src/analysis/simulation/simulation-request.js';
import { simulateDeal } from '../../src/analysis/simulation/simulate.js';
import { runStressPack } from '../../src/analysis/stress-pack.js';
import { buildTermSheet, type TermSheetExtras } from '../../src/export/build-term-sheet.js';
import { writePortfolioWorkbook } from '../../src/export/portfolio/build-portfolio-workbook.js';
import { protectTextCells } from '../../src/export/protect-text-cells.js';
import { evaluateTemplatePortfolio } from './helpers/evaluate-template-portfolio.js';
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
  const { deal, evaluation } = evaluateTemplate(id);
  const stress = runStressPack(deal, evaluation.asOf);
  const extras: TermSheetExtras = stress.ok ? { stress: stress.result } : {};
  if (id === KEPT) {
    const sensitivity = analyseSensitivity(deal, sensitivityRequestSchema.parse({}), evaluation.asOf);
    if (sensitivity.ok) extras.sensitivity = sensitivity.result;
    const request = simulationRequestSchema.parse({ draws: 200, seed: 7 });
    const simulation = await simulateDeal(deal, request, evaluation.asOf);
    if (simulation.ok) extras.simulation = { request, result: simulation.result };
  }
  const workbook = buildTermSheet(deal, evaluation, extras);
  protectTextCells(workbook);
  books.push({ name: id, xlsx: Buffer.from(await workbook.xlsx.writeBuffer()), sheets: workbook.worksheets.map((s) => s.name) });
}
const run = evaluateTemplatePortfolio({ kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' });
const portfolio = await writePortfolioWorkbook(run.portfolio, run.members, run.result, '2026-11-23');
const { default: ExcelJS } = await import('exceljs');
const read = new ExcelJS.Workbook();
await read.xlsx.load(portfolio as unknown as ArrayBuffer);
books.push({ name: 'portfolio', xlsx: portfolio, sheets: read.worksheets.map((s) => s.name) });

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
