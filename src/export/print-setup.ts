import type { PageSetup, Workbook, Worksheet } from 'exceljs';

/**
 * Print setup shared by every sheet of the exported workbooks: paper, orientation, fit to the page
 * width with as many pages down as it takes, repeated title rows and row-label columns, and the page
 * header and footer (deal, as-of date, engine version, page n of m).
 */
export interface PrintLayout {
  /** `A1:AE40`. */
  printArea: string;
  /** Rows repeated at the top of every page: `3:5`. */
  titleRows?: string;
  /** Columns repeated at the left of every page: `A:C`. */
  titleColumns?: string;
  /** A4 by default; A3 for tables too wide to read on A4. */
  paper?: 'A4' | 'A3';
  orientation?: 'landscape' | 'portrait';
  /** Pages across the print area is fitted to (1 by default); more splits a wide table into column blocks. */
  pagesWide?: number;
}

/** OOXML paper sizes (exceljs's PaperSize enum lacks A3 = 8). */
const PAPER = { A4: 9, A3: 8 } as unknown as Record<'A4' | 'A3', PageSetup['paperSize']>;

/** Year columns per printed page of a statement: at A4 landscape they print at about 8 pt (checked by tests/export/printed-pages). */
export const YEARS_PER_PAGE = 10;

/** Pages across for a table of `years` year columns, YEARS_PER_PAGE a page. */
export function countYearPages(years: number, yearsPerPage = YEARS_PER_PAGE): number {
  return Math.max(1, Math.ceil(years / yearsPerPage));
}

export function setUpPrint(sheet: Worksheet, layout: PrintLayout): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: PAPER[layout.paper ?? 'A4'],
    orientation: layout.orientation ?? 'landscape',
    fitToPage: true,
    fitToWidth: layout.pagesWide ?? 1,
    fitToHeight: 0,
    horizontalCentered: false,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    printArea: layout.printArea,
    ...(layout.titleRows ? { printTitlesRow: layout.titleRows } : {}),
    ...(layout.titleColumns ? { printTitlesColumn: layout.titleColumns } : {}),
  };
}

export interface PageStamp {
  deal: string;
  asOf: string;
  engineVersion: string;
}

/** `&` starts a header/footer code; a literal one is doubled. */
const escapeHeaderText = (text: string) => text.replace(/&/g, '&&');

/** The header (deal · as of · engine) and footer (sheet · page n of m) of every sheet of a workbook. */
export function stampPages(workbook: Workbook, stamp: PageStamp): void {
  // Left the deal (a long name may run to the middle), right the date and engine: no centre section to overprint.
  const header = `&L${escapeHeaderText(stamp.deal)}&R测算基准日 as of ${stamp.asOf} · 引擎 engine ${escapeHeaderText(stamp.engineVersion)}`;
  const footer = '&L&A&R第 &P 页，共 &N 页 page &P of &N';
  workbook.eachSheet((sheet) => {
    sheet.headerFooter = { ...sheet.headerFooter, oddHeader: header, oddFooter: footer };
  });
}

/** A CJK character or full-width sign: two Excel characters wide, and a line may break before or after it. */
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
/** CJK ideographs, kana and hangul: a line may break on either side of one (UAX #14 class ID). */
const IDEOGRAPH = /[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff]/;
/** Closing and opening punctuation: no line starts with the first, none ends with the second. */
const CLOSING = /[)\]}、。，．：；！？）】》」』〉〕”’・…%％,.:;!?]/;
const OPENING = /[(\[{（【《「『〈〔“‘]/;

/** Display width of text in Excel characters: a CJK character or full-width sign takes two. */
export function measureText(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Points per line of the default 11 pt font, with leading. */
const LINE_HEIGHT = 15;

/**
 * A row height (points) that shows every wrapped cell of the row whole: the most lines any cell needs
 * at its column width (width − 1 characters a line, wrapped as the spreadsheet wraps: countLines),
 * LINE_HEIGHT each.
 */
export function fitRowHeight(cells: ReadonlyArray<readonly [text: string, columnWidth: number]>): number {
  const lines = cells.reduce((most, [text, width]) => Math.max(most, countLines(text, width)), 1);
  return lines * LINE_HEIGHT;
}

/**
 * Lines a text takes in a wrapped cell `columnWidth` characters wide. A spreadsheet wraps whole
 * words, not characters: a line breaks only after a space, after a hyphen in a word, or beside a CJK
 * ideograph (never before closing or after opening punctuation); a run with no break in it, such as
 * `（2028、2029、2030` or `(MMRA)`, moves to the next line whole and is cut by character only when it
 * is longer than a line. Counting characters alone (width ÷ characters a line) undercounts: the row
 * is then too low and its last line prints over the row below.
 */
export function countLines(text: string, columnWidth: number): number {
  const perLine = Math.max(1, columnWidth - 1);
  return text.split('\n').reduce((sum, part) => sum + countParagraphLines(part, perLine), 0);
}

function countParagraphLines(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const segment of splitAtBreaks(text)) {
    const word = measureText(segment.trimEnd());
    const whole = measureText(segment);
    if (used > 0 && used + word > perLine) {
      lines++;
      used = 0;
    }
    if (word > perLine) {
      // Longer than a line: cut by character, the rest starting the next line.
      lines += Math.ceil(word / perLine) - 1;
      used = word - (Math.ceil(word / perLine) - 1) * perLine;
      used += whole - word;
      continue;
    }
    used += whole;
  }
  return lines;
}

/** The text cut at every place a line may break (UAX #14, simplified), each piece with its trailing spaces. */
function splitAtBreaks(text: string): string[] {
  const chars = [...text];
  const segments: string[] = [];
  let current = '';
  chars.forEach((ch, i) => {
    const before = chars[i - 1];
    if (current !== '' && before !== undefined && mayBreakBetween(chars[i - 2], before, ch)) {
      segments.push(current);
      current = '';
    }
    current += ch;
  });
  if (current !== '') segments.push(current);
  return segments;
}

function mayBreakBetween(twoBefore: string | undefined, before: string, ch: string): boolean {
  if (ch === ' ') return false;
  if (before === ' ') return true;
  if (CLOSING.test(ch) || OPENING.test(before)) return false;
  if (IDEOGRAPH.test(ch) || IDEOGRAPH.test(before)) return true;
  // major-maintenance breaks after the hyphen; -5 and 2025-03 do not.
  return before === '-' && twoBefore !== undefined && /[A-Za-z]/.test(twoBefore) && !/\d/.test(ch);
}

/**
 * Wrap every text cell of the rows from `fromRow` on within its column and make each row as high as
 * its longest text needs (fitRowHeight), so a long label neither runs into the next column nor is
 * cut. Call after the column widths are set.
 */
export function fitTextRows(sheet: Worksheet, fromRow: number): void {
  sheet.eachRow((row) => {
    // A row with one cell in A is a heading or a note: it runs on over the empty cells to its right.
    if (row.number < fromRow || (row.cellCount === 1 && row.getCell(1).value !== null)) return;
    const texts: [string, number][] = [];
    row.eachCell((cell, column) => {
      // Figures align with the first line of the texts beside them.
      if (typeof cell.value !== 'string' || cell.isMerged) {
        cell.alignment = { ...cell.alignment, vertical: 'top' };
        return;
      }
      cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'top' };
      texts.push([cell.value, sheet.getColumn(column).width ?? 9]);
    });
    if (texts.length > 0) row.height = Math.max(row.height ?? 15, fitRowHeight(texts) * ((row.getCell(1).font?.size ?? 11) / 11));
  });
}
