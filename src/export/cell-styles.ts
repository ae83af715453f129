import type { Cell, Worksheet } from 'exceljs';
import { FORMAT, type FormatName } from './number-formats.js';
import { setUpPrint, type PrintLayout } from './print-setup.js';

/** Number formats live in number-formats.ts; re-exported for the sheets that import them from here. */
export { FORMAT, type FormatName };

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
 * the header rows repeated on every page when there are any (print-setup.ts; `more` for title
 * columns, A3 or column blocks).
 */
export function setUpPrinting(sheet: Worksheet, printArea: string, titleRows?: string, more: Omit<PrintLayout, 'printArea' | 'titleRows'> = {}): void {
  setUpPrint(sheet, { printArea, ...(titleRows ? { titleRows } : {}), ...more });
}
