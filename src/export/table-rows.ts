import type { CellValue, Worksheet } from 'exceljs';
import { FORMAT, styleHeader, type FormatName } from './cell-styles.js';

/** A cell of a table row: a value, or a formula with its cached result, and a format. */
export type TableCell = CellValue | { formula: string; result: number | string } | { value: CellValue | { formula: string; result: number | string }; format: FormatName };

const hasFormat = (cell: TableCell): cell is { value: CellValue | { formula: string; result: number | string }; format: FormatName } =>
  cell !== null && typeof cell === 'object' && 'format' in cell && 'value' in cell;

/** Write cells left to right from column A in a row; returns the row number. */
export function writeTableRow(sheet: Worksheet, row: number, cells: TableCell[]): number {
  const r = sheet.getRow(row);
  cells.forEach((cell, i) => {
    const target = r.getCell(i + 1);
    if (hasFormat(cell)) {
      target.value = cell.value as CellValue;
      target.numFmt = FORMAT[cell.format];
    } else {
      target.value = cell as CellValue;
    }
  });
  return row;
}

/** A header row of a table. */
export function writeTableHeader(sheet: Worksheet, row: number, labels: string[]): number {
  const r = sheet.getRow(row);
  labels.forEach((label, i) => {
    r.getCell(i + 1).value = label;
    styleHeader(r.getCell(i + 1));
  });
  return row;
}

/** A section heading. */
export function writeSectionHeading(sheet: Worksheet, row: number, text: string): number {
  const cell = sheet.getCell(row, 1);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
  return row;
}
