import { columnLetter } from './cell-address.js';
import { COLUMN, type YearColumn } from './year-sheet.js';

/**
 * The cell of a line in the previous year's column, or `0` in the first year: the opening balance of
 * an account is last year's closing, and nothing is held before the timeline starts.
 */
export function previousYearOf(c: YearColumn, key: string): string {
  if (c.column === COLUMN.firstYear) return '0';
  return `${columnLetter(c.column - 1)}${c.at(key).replace(/^[A-Z]+/, '')}`;
}

/** The previous year's value of a series, 0 before the first year (the cached result of previousYearOf). */
export const previousValue = (values: readonly number[], t: number): number => (t === 0 ? 0 : values[t - 1]!);
