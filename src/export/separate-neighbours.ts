import type { Cell, Workbook, Worksheet } from 'exceljs';

/**
 * Nothing printed touches its neighbour (issue 18). A figure is right-aligned and ends at its cell's
 * right edge; text is left-aligned and starts at its cell's left edge. Where text follows a figure
 * in the next column, the two would print as one word ("1.03是 yes", "2027timeline.startYear"). So,
 * once every sheet is written, one pass over the workbook:
 * - text right of a right-aligned figure starts one indent in;
 * - a dash standing for a missing figure ("—", "–") is centred in its cell, clear of both sides.
 * Wrapped text keeps its wrapping; an alignment a sheet chose (centred, right) is left as it is.
 */
const PLACEHOLDER = /^[—–-]$/;

const isFigureCell = (cell: Cell): boolean => {
  const value = cell.value;
  if (typeof value === 'number') return true;
  if (value !== null && typeof value === 'object' && 'formula' in value) return typeof value.result === 'number';
  if (value !== null && typeof value === 'object' && 'sharedFormula' in value) return typeof value.result === 'number';
  return false;
};
const isText = (cell: Cell): boolean => typeof cell.value === 'string' || (cell.value !== null && typeof cell.value === 'object' && 'richText' in cell.value);
const endsAtRightEdge = (cell: Cell): boolean => cell.alignment?.horizontal === undefined || cell.alignment.horizontal === 'right';
const startsAtLeftEdge = (cell: Cell): boolean => (cell.alignment?.horizontal === undefined || cell.alignment.horizontal === 'left') && !(cell.alignment?.indent);

/** Indent text that follows a figure and centre placeholder dashes on one sheet. */
export function separateNeighbours(sheet: Worksheet): void {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (cell.isMerged && cell.master !== cell) return;
      if (typeof cell.value === 'string' && PLACEHOLDER.test(cell.value.trim())) {
        if (cell.alignment?.horizontal === undefined) cell.alignment = { ...cell.alignment, horizontal: 'center' };
        return;
      }
      if (column === 1 || !isText(cell) || !startsAtLeftEdge(cell)) return;
      const left = row.getCell(column - 1);
      if (isFigureCell(left) && endsAtRightEdge(left)) cell.alignment = { ...cell.alignment, horizontal: 'left', indent: 1 };
    });
  });
}

/** separateNeighbours on every sheet of a workbook: the last pass before its pages are stamped. */
export function separateAllNeighbours(workbook: Workbook): void {
  workbook.eachSheet((sheet) => separateNeighbours(sheet));
}
