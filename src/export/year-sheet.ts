import type { Worksheet } from 'exceljs';
import type { StatementRow } from '../engine/statement.js';
import { columnLetter, quoteSheet, relativeCell } from './cell-address.js';
import { FORMAT, setUpPrinting, styleHeader, writeTitle, type FormatName } from './cell-styles.js';
import type { InputCells } from './inputs-sheet.js';

/** Columns of every sheet with years across: number, Chinese, English, total, then year 1 … T. */
export const COLUMN = { no: 1, zh: 2, en: 3, total: 4, firstYear: 5 } as const;
/** Rows: title, subtitle, calendar years, year index t, operating flag; the lines start below. */
export const ROW = { calendarYear: 3, yearIndex: 4, operating: 5, firstLine: 6 } as const;

/** One year column, for writing a row's formula: the same pattern in every column (FAST). */
export interface YearColumn {
  column: number;
  /** This sheet's cell of a row in this column, relative: `E12`. */
  at(key: string): string;
  /** The row's first-year cell, column anchored: `$E12` (running sums: `SUM($E12:E12)`). */
  firstOf(key: string): string;
  /** The row's last-year cell, column anchored: `$AE12` (remaining sums). */
  lastOf(key: string): string;
  /** The next column's cell of a row (backward recursions); past the last year it is blank. */
  next(key: string): string;
  /** `E$4`: the year index t of this column. */
  yearIndex: string;
  /** `E$5`: 1 in an operating year, 0 in construction. */
  operating: string;
}

export type LineValue = number | null;

export interface YearLine {
  key: string;
  no: string;
  zh: string;
  en: string;
  /** The engine's numbers: the cells' values, or the cached results of the row's formula (null: blank). */
  values: readonly LineValue[];
  formula?: (c: YearColumn) => string;
  /** A SUM over the years in the total column. */
  total: boolean;
  format?: FormatName;
}

export type SheetLine = YearLine | { heading: string };

/** Where the rows of a sheet with years across are, for formulas on other sheets. */
export interface YearSheet {
  name: string;
  years: number;
  has(key: string): boolean;
  rowOf(key: string): number;
  /** `'Sheet'!E12`: a row's cell in a column (same layout on every sheet, so the same column). */
  cellAt(key: string, column: number): string;
  /** `'Sheet'!$E$12:$AE$12`: a row over all years. */
  range(key: string): string;
  /** `'Sheet'!$E$12:$F$12`-style span of some years (1-based year indices, inclusive). */
  span(key: string, fromYear: number, toYear: number): string;
  /** `'Sheet'!$D$12`: the row's total. */
  totalCell(key: string): string;
  /** `'Sheet'!$E$5:$AE$5`: the operating flags (1 in operation) over all years. */
  operatingFlags: string;
}

export interface YearSheetSpec {
  title: string;
  subtitle: string;
  years: number;
  lines: SheetLine[];
  inputs: InputCells;
}

const isHeading = (line: SheetLine): line is { heading: string } => 'heading' in line;
const sumOf = (values: readonly LineValue[]) => values.reduce<number>((s, v) => s + (v ?? 0), 0);

/**
 * Write a statement-like sheet: years across the columns, one line per row, each line either the
 * engine's values or one formula pattern across the years with the engine's values as cached results;
 * totals are SUM formulas. Frozen headers, widths and print setup included.
 */
export function writeYearSheet(sheet: Worksheet, spec: YearSheetSpec): YearSheet {
  const { years, lines, inputs } = spec;
  const lastYear = COLUMN.firstYear + years - 1;
  const rows = new Map<string, number>();
  lines.forEach((line, i) => {
    if (isHeading(line)) return;
    if (rows.has(line.key)) throw new Error(`duplicate line ${line.key} on ${sheet.name}`);
    rows.set(line.key, ROW.firstLine + i);
  });
  const rowOf = (key: string) => {
    const row = rows.get(key);
    if (row === undefined) throw new Error(`${sheet.name} has no line ${key}`);
    return row;
  };

  writeTitle(sheet, spec.title, spec.subtitle);
  writeYearHeader(sheet, years, inputs);

  lines.forEach((line, i) => {
    const row = sheet.getRow(ROW.firstLine + i);
    if (isHeading(line)) {
      row.getCell(COLUMN.zh).value = line.heading;
      row.getCell(COLUMN.zh).font = { bold: true, italic: true };
      return;
    }
    row.getCell(COLUMN.no).value = line.no;
    row.getCell(COLUMN.zh).value = line.zh;
    row.getCell(COLUMN.en).value = line.en;
    const numFmt = FORMAT[line.format ?? 'wan'];
    for (let y = 0; y < years; y++) {
      const column = COLUMN.firstYear + y;
      const cell = row.getCell(column);
      const value = line.values[y] ?? null;
      if (line.formula) {
        const letter = columnLetter(column);
        const context: YearColumn = {
          column,
          at: (key) => `${letter}${rowOf(key)}`,
          firstOf: (key) => `$${columnLetter(COLUMN.firstYear)}${rowOf(key)}`,
          lastOf: (key) => `$${columnLetter(lastYear)}${rowOf(key)}`,
          next: (key) => `${columnLetter(column + 1)}${rowOf(key)}`,
          yearIndex: `${letter}$${ROW.yearIndex}`,
          operating: `${letter}$${ROW.operating}`,
        };
        cell.value = { formula: line.formula(context), result: value ?? '' };
      } else if (value !== null) {
        cell.value = value;
      }
      cell.numFmt = numFmt;
    }
    if (line.total) {
      const total = row.getCell(COLUMN.total);
      total.value = { formula: `SUM(${relativeCell(COLUMN.firstYear, row.number)}:${relativeCell(lastYear, row.number)})`, result: sumOf(line.values) };
      total.numFmt = numFmt;
      total.font = { bold: true };
    }
    if (!line.no.includes('.') && line.no !== '') row.font = { bold: true };
  });

  sheet.getColumn(COLUMN.no).width = 7;
  sheet.getColumn(COLUMN.zh).width = 30;
  sheet.getColumn(COLUMN.en).width = 34;
  sheet.getColumn(COLUMN.total).width = 14;
  for (let c = COLUMN.firstYear; c <= lastYear; c++) sheet.getColumn(c).width = 12;
  sheet.views = [{ state: 'frozen', xSplit: COLUMN.total, ySplit: ROW.operating, topLeftCell: `${columnLetter(COLUMN.firstYear)}${ROW.firstLine}` }];
  const lastRow = ROW.firstLine + lines.length - 1;
  setUpPrinting(sheet, `A1:${columnLetter(lastYear)}${lastRow}`, `${ROW.calendarYear}:${ROW.operating}`);

  const quoted = quoteSheet(sheet.name);
  const first = columnLetter(COLUMN.firstYear);
  const last = columnLetter(lastYear);
  return {
    name: sheet.name,
    years,
    has: (key) => rows.has(key),
    rowOf,
    cellAt: (key, column) => `${quoted}!${columnLetter(column)}${rowOf(key)}`,
    range: (key) => `${quoted}!$${first}$${rowOf(key)}:$${last}$${rowOf(key)}`,
    span: (key, fromYear, toYear) =>
      `${quoted}!$${columnLetter(COLUMN.firstYear + fromYear - 1)}$${rowOf(key)}:$${columnLetter(COLUMN.firstYear + toYear - 1)}$${rowOf(key)}`,
    totalCell: (key) => `${quoted}!$${columnLetter(COLUMN.total)}$${rowOf(key)}`,
    operatingFlags: `${quoted}!$${first}$${ROW.operating}:$${last}$${ROW.operating}`,
  };
}

/** Calendar years (start year + t − 1), the year index t and the operating flag (t > C), from the inputs. */
function writeYearHeader(sheet: Worksheet, years: number, inputs: InputCells): void {
  const head = sheet.getRow(ROW.calendarYear);
  head.getCell(COLUMN.no).value = '序号 No.';
  head.getCell(COLUMN.zh).value = '项目';
  head.getCell(COLUMN.en).value = 'Item';
  head.getCell(COLUMN.total).value = '合计 Total';
  sheet.getRow(ROW.yearIndex).getCell(COLUMN.zh).value = '年序 t';
  sheet.getRow(ROW.yearIndex).getCell(COLUMN.en).value = 'Year of the timeline';
  sheet.getRow(ROW.operating).getCell(COLUMN.zh).value = '运营期标志（1=运营）';
  sheet.getRow(ROW.operating).getCell(COLUMN.en).value = 'Operating year (1) or construction (0)';
  for (let y = 0; y < years; y++) {
    const column = COLUMN.firstYear + y;
    const letter = columnLetter(column);
    const t = y + 1;
    head.getCell(column).value = { formula: `${inputs.startYear}+${letter}$${ROW.yearIndex}-1`, result: inputs.startYearValue + y };
    sheet.getRow(ROW.yearIndex).getCell(column).value = t;
    sheet.getRow(ROW.operating).getCell(column).value = {
      formula: `IF(${letter}$${ROW.yearIndex}>${inputs.constructionYears},1,0)`,
      result: t > inputs.constructionYearsValue ? 1 : 0,
    };
  }
  for (let c = COLUMN.no; c < COLUMN.firstYear + years; c++) styleHeader(head.getCell(c));
}

/** An engine statement row as a sheet line: its values, optionally a formula reproducing them. */
export function lineOf(row: StatementRow, formula?: (c: YearColumn) => string, format?: FormatName): YearLine {
  return { key: row.key, no: row.no, zh: row.zh, en: row.en, values: row.values.map((v) => v.toNumber()), total: row.total !== null, ...(formula ? { formula } : {}), ...(format ? { format } : {}) };
}
