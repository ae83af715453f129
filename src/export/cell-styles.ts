import type { Cell, Worksheet } from 'exceljs';

/**
 * Number formats. Money cells hold full 元; `0\.0000` shows them in 万元 (the "." is a literal placed
 * four digits from the right, so 12345678.91 元 reads 1234.5679 万元, exact to the 元). It is the one
 * 万元 format Excel and LibreOffice both render: a thousands-scaling comma can only shift by 1000, and
 * LibreOffice does not read Excel's `!` escape.
 */
export const FORMAT = {
  wan: '0\\.0000',
  yuan: '#,##0.00',
  /** A cell already in 万元 (the cover: 元 / 10,000 by formula), read to two decimals. */
  wanAmount: '#,##0.00',
  rate: '0.0000%',
  ratio: '0.0000',
  years: '0.0000',
  factor: '0.000000',
  flag: '0',
  integer: '0',
  share: '0.00%',
  /** Full precision, for the Checks sheet's columns a reader compares digit by digit. */
  exact: '0.000000000000',
} as const;
export type FormatName = keyof typeof FORMAT;

const INPUT_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const TITLE_FONT = { bold: true, size: 14 } as const;

/** An input: blue on pale yellow (FAST convention), so no one mistakes it for a formula. */
export function styleInput(cell: Cell): void {
  cell.font = { color: { argb: 'FF0000FF' } };
  cell.fill = INPUT_FILL;
}

export function styleHeader(cell: Cell): void {
  cell.font = { bold: true };
  cell.fill = HEADER_FILL;
  cell.alignment = { vertical: 'middle', wrapText: true };
}

export function writeTitle(sheet: Worksheet, title: string, subtitle: string): void {
  sheet.getCell('A1').value = title;
  sheet.getCell('A1').font = TITLE_FONT;
  sheet.getCell('A2').value = subtitle;
  sheet.getCell('A2').font = { italic: true, color: { argb: 'FF595959' } };
}

/**
 * A4 landscape, fit to one page wide (as many pages tall as it takes), the print area given, and
 * the header rows repeated on every page when there are any.
 */
export function setUpPrinting(sheet: Worksheet, printArea: string, titleRows?: string): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printArea,
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  sheet.headerFooter = { oddFooter: '&L&A&R&P / &N' };
}
