/**
 * Number formats of every exported sheet, in one place so a new sheet reads like the others.
 *
 * Money reads the way bankers file it: thousands separators, two decimals, zero as an en dash and
 * negatives in parentheses. The positive and zero sections end in `_)` — a blank as wide as ")" — so
 * a figure's last digit lines up with a negative's and a minus or a bracket never touches the next
 * column. Excel and LibreOffice both render these sections (the page check renders them).
 *
 * No number format shows 元 as 万元: a thousands-scaling comma shifts by 1000 only. So the statements
 * keep their 元 cells as the formula source and print a 万元 block whose cells divide them by the
 * Inputs' 10,000 (src/export/year-sheet.ts); the cover does the same.
 */
const ACCOUNTING = '#,##0.00_);(#,##0.00);"–"_)';

export const FORMAT = {
  /** A money cell in 元 (the name is historical: these cells once showed 万元 with `0\.0000`). */
  wan: ACCOUNTING,
  /** A money cell in 元. */
  yuan: ACCOUNTING,
  /** A cell already in 万元 (元 / 10,000 by formula): the statements' printed block, the cover. */
  wanAmount: ACCOUNTING,
  rate: '0.00%',
  ratio: '0.00',
  /** A count of years that may be fractional (payback). */
  years: '0.00',
  factor: '0.0000',
  flag: '0',
  integer: '0',
  /** A calendar year or a year index: an integer with no separator. */
  year: '0',
  share: '0.00%',
  /** Full precision, for the Checks sheet's columns a reader compares digit by digit. */
  exact: '0.000000000000',
} as const;
export type FormatName = keyof typeof FORMAT;

/** Formats whose cells hold 元 (shown in 万元 where a sheet prints a 万元 block). */
export const MONEY_FORMATS: ReadonlySet<FormatName> = new Set(['wan', 'yuan']);

/**
 * A column width (Excel characters) that shows `values` in an ACCOUNTING-style format without `###`:
 * the digits, a separator every three, two decimals, the brackets of a negative, and two characters
 * of padding (a width w shows about w − 1 digits in Excel and LibreOffice at the default font).
 */
export function fitAmountWidth(values: Iterable<number>, minimum = 8): number {
  let widest = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    const digits = Math.max(1, Math.floor(Math.abs(v)).toString().length);
    widest = Math.max(widest, digits + Math.floor((digits - 1) / 3) + 3 + 2);
  }
  return Math.max(minimum, widest + 1);
}
