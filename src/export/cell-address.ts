/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A sheet name as a formula writes it: always quoted, quotes doubled. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replaceAll("'", "''")}'`;
}

/** `'Sheet'!$C$7`: an absolute reference to one cell of another sheet. */
export function absoluteCell(sheet: string, column: number, row: number): string {
  return `${quoteSheet(sheet)}!$${columnLetter(column)}$${row}`;
}

/** `'Sheet'!E7` or `E7` on the same sheet, relative. */
export function relativeCell(column: number, row: number, sheet?: string): string {
  const cell = `${columnLetter(column)}${row}`;
  return sheet === undefined ? cell : `${quoteSheet(sheet)}!${cell}`;
}
