import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrintedPortfolioWorkbook, buildPrintedTermSheet } from './helpers/build-printed-books.js';
import { evaluateTemplate, TEMPLATE_IDS } from './helpers/evaluate-template.js';
import { evaluateLenderDeal } from './helpers/lender-deals.js';
import { findSoffice, printToPdf } from './helpers/libreoffice.js';
import { countPagesBySheet as countPages, readFooter } from './helpers/page-count.js';
import { findOverprints, findTouchingWords, hasPoppler, readPdfInfo, readPdfPages, readPdfWords, type PdfWord } from './helpers/poppler.js';

/**
 * The pages a banker files: each template's workbook (with the stress and sensitivity sheets) printed
 * to PDF by headless LibreOffice, then read back as text and word boxes with poppler. What a person
 * sees is checked, not only what the cells hold: no `###`, every sheet printed with its name and
 * page n of m, statements at a legible size, no two words printed over each other, and the cover's
 * key figures on the page in 万元. The pages of one template are kept under reports/printed-pages/
 * (not committed) for a person to look at.
 */
const soffice = findSoffice();
const canPrint = soffice !== null && hasPoppler();
const inCi = process.env.CI === 'true';
if (!canPrint && !inCi) console.warn('LibreOffice or poppler-utils missing: the printed-pages test is skipped. Install: apt-get install -y libreoffice-calc poppler-utils fonts-noto-cjk');

/** The smallest median height (pt) of the figures on any page: the 3–4 pt statements fail it. */
const LEGIBLE_POINTS = 7;
/** The template whose pages are kept for a reader (its sensitivity sheet too). */
const KEPT = 'fuzhou-gulou-25y';
/** The templates, and 福州 with reserves, lock-up and distributions (the waterfall sheets with figures in every step). */
const PRINTED_IDS = [...TEMPLATE_IDS, 'fuzhou-lender'] as const;
const evaluatePrinted = (id: string) => (id === 'fuzhou-lender' ? evaluateLenderDeal(id) : evaluateTemplate(id));
/** The name the portfolio workbook is printed under. */
const PORTFOLIO = 'portfolio';
const REPORTS = fileURLToPath(new URL('../../reports/printed-pages', import.meta.url));

interface Printed {
  sheets: string[];
  pdf: Buffer;
  pages: string[];
  words: PdfWord[][];
  coverFigures: string[];
}

const wan = (yuan: { toString(): string }) => (Number(String(yuan)) / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const isFigure = (text: string) => /^\(?-?[\d,]+\.\d+\)?%?$/.test(text);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.skipIf(!canPrint && !inCi)('printed term-sheet workbooks (LibreOffice → PDF → poppler)', () => {
  const printed = new Map<string, Printed>();
  let portfolioInvestment = '';

  beforeAll(() => {
    return (async () => {
      const books = [];
      for (const id of PRINTED_IDS) {
        const { deal, evaluation } = evaluatePrinted(id);
        // The kept template carries every optional sheet: sensitivity and a Monte Carlo simulation too.
        const workbook = await buildPrintedTermSheet({ deal, evaluation }, { everySheet: id === KEPT });
        const coverFigures = [wan(evaluation.metrics.totalInvestment), wan(evaluation.metrics.constructionInvestment)];
        books.push({ id, workbook, coverFigures });
      }
      const xlsx = new Map<string, Buffer>();
      for (const b of books) xlsx.set(b.id, Buffer.from(await b.workbook.xlsx.writeBuffer()));
      // The portfolio workbook of three templates (福州, 湘潭, 鲁谷) against a growing budget, printed in the same call.
      const { run, xlsx: portfolioBook, sheets: portfolioSheets } = await buildPrintedPortfolioWorkbook();
      portfolioInvestment = wan(run.result.statements.projectCashFlow.rows.find((r) => r.key === 'constructionInvestment')!.total!);
      const pdfs = printToPdf(soffice!, [...books.map((b) => ({ name: b.id, xlsx: xlsx.get(b.id)! })), { name: PORTFOLIO, xlsx: portfolioBook }]);
      const portfolioPdf = pdfs.get(PORTFOLIO)!;
      printed.set(PORTFOLIO, { sheets: portfolioSheets, pdf: portfolioPdf, pages: readPdfPages(portfolioPdf), words: readPdfWords(portfolioPdf), coverFigures: [] });
      for (const b of books) {
        const pdf = pdfs.get(b.id)!;
        printed.set(b.id, { sheets: b.workbook.worksheets.map((s) => s.name), pdf, pages: readPdfPages(pdf), words: readPdfWords(pdf), coverFigures: b.coverFigures });
      }
      keepPages(KEPT, printed.get(KEPT)!.pdf);
      // Every other workbook's PDF too (no page images), for a person comparing templates.
      for (const [name, p] of printed) if (name !== KEPT) writeFileSync(`${REPORTS}/${name}.pdf`, p.pdf);
    })();
  }, 1_800_000);

  it.each(PRINTED_IDS)('%s: A4 landscape, every sheet printed under its name with page n of m', (id) => {
    const p = printed.get(id)!;
    const info = readPdfInfo(p.pdf);
    expect(Math.round(info.width)).toBe(842);
    expect(Math.round(info.height)).toBe(595);
    const bySheet = countPagesBySheet(p);
    for (const sheet of p.sheets) expect(bySheet.get(sheet) ?? 0, sheet).toBeGreaterThan(0);
    expect([...bySheet.values()].reduce((a, b) => a + b, 0)).toBe(info.pages);
    p.pages.forEach((page, i) => expect(page, `page ${i + 1}`).toContain(`page ${i + 1} of ${info.pages}`));
  });

  it.each(PRINTED_IDS)('%s: no cell prints ### and no page has figures smaller than 7 pt', (id) => {
    const p = printed.get(id)!;
    p.pages.forEach((page, i) => expect(page.includes('###'), `page ${i + 1} shows ###`).toBe(false));
    p.words.forEach((words, i) => {
      const figures = words.filter((w) => isFigure(w.text)).map((w) => w.height);
      if (figures.length > 0) expect(median(figures), `page ${i + 1} (${lastLine(p.pages[i]!)})`).toBeGreaterThanOrEqual(LEGIBLE_POINTS);
    });
  });

  it.each(PRINTED_IDS)('%s: no two words are printed over each other (nothing overlaps, nothing runs out of its cell)', (id) => {
    const p = printed.get(id)!;
    const overprinted = p.words.flatMap((words, i) => findOverprints(words).map((o) => `page ${i + 1} (${lastLine(p.pages[i]!)}): ${o}`));
    expect(overprinted).toEqual([]);
  });

  it.each(PRINTED_IDS)('%s: the statements print at most ten years a page, the label columns repeated on each', (id) => {
    const p = printed.get(id)!;
    const statementPages = p.pages.filter((page) => /合计 Total/.test(page) && /年序 t/.test(page));
    expect(statementPages.length).toBeGreaterThan(7);
    for (const page of statementPages) {
      // The repeated title row 年序 t holds the year index of each year column printed on the page.
      const yearIndex = page.split('\n').find((line) => line.includes('年序 t'))!;
      const count = (yearIndex.replace(/.*Year of the timeline/, '').match(/\b\d+\b/g) ?? []).length;
      expect(count, lastLine(page)).toBeGreaterThan(0);
      expect(count, lastLine(page)).toBeLessThanOrEqual(10);
    }
  });

  it.each(PRINTED_IDS)('%s: no figure touches its neighbour (a dash of the next column, text run into it, a minus sign wrapped away from it)', (id) => {
    const p = printed.get(id)!;
    const touching = p.words.flatMap((words, i) => findTouchingWords(words).map((o) => `page ${i + 1} (${lastLine(p.pages[i]!)}): ${o}`));
    expect(touching).toEqual([]);
  });

  it(`${KEPT}: the Monte Carlo and sensitivity sheets are printed too`, () => {
    const p = printed.get(KEPT)!;
    const bySheet = countPagesBySheet(p);
    expect(bySheet.get('蒙特卡洛模拟 Monte Carlo') ?? 0).toBeGreaterThan(0);
    expect(bySheet.get('敏感性分析 Sensitivity') ?? 0).toBeGreaterThan(0);
  });

  it('the portfolio workbook prints its statements in 万元, the construction investment total among them, and no figure touches its neighbour', () => {
    const p = printed.get(PORTFOLIO)!;
    const statement = p.pages.filter((page) => lastLine(page).startsWith('项目投资现金流量表')).join('\n');
    expect(statement).toContain('金额单位：万元');
    // The portfolio's construction investment over all years, 元 / 10,000 to two decimals, as printed.
    expect(statement).toContain(portfolioInvestment);
    expect(p.words.flatMap((words, i) => findTouchingWords(words).map((o) => `page ${i + 1}: ${o}`))).toEqual([]);
  });

  it.each(PRINTED_IDS)('%s: a statement splits into year blocks of readable size, none a stub of a year or two', (id) => {
    const p = printed.get(id)!;
    // Year columns on each statement page, by sheet (a block printed on two pages down counts twice: no matter).
    const blocks = new Map<string, number[]>();
    for (const page of p.pages.filter((pg) => /合计 Total/.test(pg) && /年序 t/.test(pg))) {
      const yearIndex = page.split('\n').find((line) => line.includes('年序 t'))!;
      const years = (yearIndex.replace(/.*Year of the timeline/, '').match(/\b\d+\b/g) ?? []).length;
      const sheet = p.sheets.find((name) => lastLine(page).startsWith(name))!;
      blocks.set(sheet, [...(blocks.get(sheet) ?? []), years]);
    }
    for (const [sheet, sizes] of blocks) {
      const widest = Math.max(...sizes);
      // The last block of a 27-year statement at 9–10 a page holds 7–8 years; never fewer than a third of the widest.
      for (const size of sizes) expect(size, `${sheet}: blocks ${sizes.join('/')}`).toBeGreaterThanOrEqual(Math.min(widest, Math.ceil(widest / 3)));
    }
    expect(blocks.size).toBeGreaterThan(0);
  });

  it('the portfolio workbook: every sheet printed with page n of m, statements on A3, no ###, figures at least 7 pt, nothing printed over anything else', () => {
    const p = printed.get(PORTFOLIO)!;
    const info = readPdfInfo(p.pdf);
    const bySheet = countPagesBySheet(p);
    for (const sheet of p.sheets) expect(bySheet.get(sheet) ?? 0, sheet).toBeGreaterThan(0);
    expect([...bySheet.values()].reduce((a, b) => a + b, 0)).toBe(info.pages);
    p.pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`page ${i + 1} of ${info.pages}`);
      expect(page.includes('###'), `page ${i + 1} shows ###`).toBe(false);
    });
    p.words.forEach((words, i) => {
      const figures = words.filter((w) => isFigure(w.text)).map((w) => w.height);
      if (figures.length > 0) expect(median(figures), `page ${i + 1} (${lastLine(p.pages[i]!)})`).toBeGreaterThanOrEqual(LEGIBLE_POINTS);
    });
    expect(p.words.flatMap((words, i) => findOverprints(words).map((o) => `page ${i + 1}: ${o}`))).toEqual([]);
  });

  it.each(PRINTED_IDS)('%s: the cover shows total and construction investment in 万元 as text', (id) => {
    const p = printed.get(id)!;
    const cover = p.pages.filter((page) => lastLine(page).startsWith('条款摘要')).join('\n');
    for (const figure of p.coverFigures) expect(cover).toContain(figure);
  });
});

const lastLine = readFooter;

/** Pages of each sheet, from the footer's sheet name (`&A`) at the foot of every page. */
function countPagesBySheet(p: Printed): Map<string, number> {
  return countPages(p.pages, p.sheets);
}

/** The PDF and a PNG of each page under reports/printed-pages/ (not committed) for a person to look at. */
function keepPages(id: string, pdf: Buffer): void {
  mkdirSync(REPORTS, { recursive: true });
  const file = `${REPORTS}/${id}.pdf`;
  writeFileSync(file, pdf);
  spawnSync('pdftoppm', ['-r', '80', '-png', file, `${REPORTS}/${id}`], { timeout: 300_000 });
}
