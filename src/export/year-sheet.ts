import type { Worksheet } from 'exceljs';
import type { StatementRow } from '../engine/statement.js';
import { columnLetter, quoteSheet, relativeCell } from './cell-address.js';
import { styleHeader, writeTitle } from './cell-styles.js';
import type { InputCells } from './inputs-sheet.js';
import { fitAmountWidth, FORMAT, MONEY_FORMATS, type FormatName } from './number-formats.js';
import { countYearPages, fitRowHeight, setUpPrint, YEARS_PER_PAGE } from './print-setup.js';

/** Columns of every sheet with years across: number, Chinese, English, total, then year 1 … T. */
export const COLUMN = { no: 1, zh: 2, en: 3, total: 4, firstYear: 5 } as const;
/**
 * Rows: title, subtitle, calendar years, year index t, operating flag; the lines start below. The
 * lines come twice: first the printed block in 万元 (each cell = the 元 cell ÷ the Inputs' 10,000),
 * then, below a heading and outside the print area, the 元 block that holds the values and formulas
 * every other cell refers to (no number format shows 元 as 万元; number-formats.ts).
 */
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

/** The first row of the 元 block: after the printed lines, a blank row and the block's heading. */
export const sourceFirstRowOf = (lineCount: number) => ROW.firstLine + lineCount + 2;

/** 元 per 万元, for the cached results of the printed block (its formulas divide by the Inputs cell). */
const YUAN_PER_WAN = 10_000;

/**
 * Year columns a printed page holds: the page fits about 180 characters of column width (A4
 * landscape at the scale that prints the default 11 pt font at about 8 pt), less the repeated label
 * columns A:C.
 */
const PAGE_WIDTH_CHARACTERS = 180;
const LABEL_WIDTH = { no: 6, zh: 24, en: 28 } as const;
const LABEL_WIDTH_CHARACTERS = LABEL_WIDTH.no + LABEL_WIDTH.zh + LABEL_WIDTH.en;
// At most YEARS_PER_PAGE (10) years a block even where narrow columns would fit more: blocks a reader can compare page to page.
const yearsPerPage = (yearWidth: number) => Math.min(YEARS_PER_PAGE, Math.max(4, Math.floor((PAGE_WIDTH_CHARACTERS - LABEL_WIDTH_CHARACTERS) / yearWidth)));

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
  const sourceFirstRow = sourceFirstRowOf(lines.length);
  const rows = new Map<string, number>();
  lines.forEach((line, i) => {
    if (isHeading(line)) return;
    if (rows.has(line.key)) throw new Error(`duplicate line ${line.key} on ${sheet.name}`);
    rows.set(line.key, sourceFirstRow + i);
  });
  const rowOf = (key: string) => {
    const row = rows.get(key);
    if (row === undefined) throw new Error(`${sheet.name} has no line ${key}`);
    return row;
  };

  writeTitle(sheet, spec.title, spec.subtitle);
  // The title and subtitle sit in the label columns A:C, wrapped: those columns repeat on every page
  // of a year block, so text running on into the year columns would be cut at the block's edge.
  sheet.mergeCells(1, COLUMN.no, 1, COLUMN.en);
  sheet.mergeCells(2, COLUMN.no, 2, COLUMN.en);
  // Lines of a font `points` high hold 11/points as many characters; bold and italic run a tenth wider.
  for (const [r, text, points] of [[1, spec.title, 14], [2, spec.subtitle, 11]] as const) {
    sheet.getCell(r, COLUMN.no).alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(r).height = (fitRowHeight([[text, Math.floor((LABEL_WIDTH_CHARACTERS * 11 * 0.9) / points)]]) * points) / 11;
  }
  writeYearHeader(sheet, years, inputs);

  lines.forEach((line, i) => {
    const row = sheet.getRow(sourceFirstRow + i);
    const shown = sheet.getRow(ROW.firstLine + i);
    if (isHeading(line)) {
      for (const r of [row, shown]) {
        r.getCell(COLUMN.zh).value = line.heading;
        r.getCell(COLUMN.zh).font = { bold: true, italic: true };
      }
      return;
    }
    const format = line.format ?? 'wan';
    const money = MONEY_FORMATS.has(format);
    const numFmt = FORMAT[format];
    const shownFmt = money ? FORMAT.wanAmount : numFmt;
    // The printed cell: the 元 cell in 万元 for money, the cell itself otherwise; blank where it is blank.
    const show = (source: string, value: number | null) => ({
      formula: `IF(ISNUMBER(${source}),${source}${money ? `/${inputs.yuanPerWan}` : ''},"")`,
      result: value === null ? '' : money ? value / YUAN_PER_WAN : value,
    });
    for (const r of [row, shown]) {
      r.getCell(COLUMN.no).value = line.no;
      r.getCell(COLUMN.zh).value = line.zh;
      r.getCell(COLUMN.en).value = line.en;
      r.getCell(COLUMN.en).alignment = { wrapText: true, vertical: 'middle' };
      r.getCell(COLUMN.zh).alignment = { wrapText: true, vertical: 'middle' };
      r.getCell(COLUMN.no).alignment = { vertical: 'middle' };
    }
    for (let y = 0; y < years; y++) {
      const column = COLUMN.firstYear + y;
      const cell = row.getCell(column);
      const value = line.values[y] ?? null;
      const letter = columnLetter(column);
      if (line.formula) {
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
      // The 元 block is narrower than its widest figures on screen: shrink rather than show ###.
      cell.alignment = { shrinkToFit: true };
      if (line.formula || value !== null) {
        shown.getCell(column).value = show(`${letter}${row.number}`, value);
        shown.getCell(column).numFmt = shownFmt;
        shown.getCell(column).alignment = { vertical: 'middle' };
      }
    }
    if (line.total) {
      const total = row.getCell(COLUMN.total);
      const sum = sumOf(line.values);
      total.value = { formula: `SUM(${relativeCell(COLUMN.firstYear, row.number)}:${relativeCell(lastYear, row.number)})`, result: sum };
      total.numFmt = numFmt;
      total.font = { bold: true };
      const shownTotal = shown.getCell(COLUMN.total);
      shownTotal.value = show(relativeCell(COLUMN.total, row.number), sum);
      shownTotal.numFmt = shownFmt;
      shownTotal.font = { bold: true };
      shownTotal.alignment = { vertical: 'middle' };
    }
    // Bold for a top-level line (1, 2, …); sub-lines (1.1) and workings (W1) in the body font.
    if (/^\d+$/.test(line.no)) {
      row.font = { bold: true };
      shown.font = { bold: true };
    }
    shown.height = fitRowHeight([[line.zh, LABEL_WIDTH.zh], [line.en, LABEL_WIDTH.en]]);
  });
  // The 元 block is grouped and folded away (hidden rows never print); the outline's + opens it.
  for (let r = sourceFirstRow - 1; r < sourceFirstRow + lines.length; r++) {
    sheet.getRow(r).outlineLevel = 1;
    sheet.getRow(r).hidden = true;
  }
  sheet.properties.outlineProperties = { summaryBelow: false, summaryRight: true };
  const heading = sheet.getCell(sourceFirstRow - 1, COLUMN.zh);
  heading.value = '以下为元：各单元格公式的来源，不打印 Below, in 元: the cells every formula refers to (not printed)';
  heading.font = { bold: true, color: { argb: 'FF595959' } };

  // Widths: labels wrap in their columns; amounts fit the widest 元 value (the 万元 cells are narrower).
  const inWan = (line: YearLine, v: number) => (MONEY_FORMATS.has(line.format ?? 'wan') ? v / YUAN_PER_WAN : v);
  const amounts = lines.flatMap((line) => (isHeading(line) ? [] : [...line.values.filter((v): v is number => v !== null), line.total ? sumOf(line.values) : 0].map((v) => inWan(line, v))));
  const yearWidth = fitAmountWidth(amounts, 9);
  sheet.getColumn(COLUMN.no).width = LABEL_WIDTH.no;
  sheet.getColumn(COLUMN.zh).width = LABEL_WIDTH.zh;
  sheet.getColumn(COLUMN.en).width = LABEL_WIDTH.en;
  sheet.getColumn(COLUMN.total).width = yearWidth + 1;
  for (let c = COLUMN.firstYear; c <= lastYear; c++) sheet.getColumn(c).width = yearWidth;
  sheet.views = [{ state: 'frozen', xSplit: COLUMN.total, ySplit: ROW.operating, topLeftCell: `${columnLetter(COLUMN.firstYear)}${ROW.firstLine}` }];
  const lastShownRow = ROW.firstLine + lines.length - 1;
  setUpPrint(sheet, {
    printArea: `A1:${columnLetter(lastYear)}${lastShownRow}`,
    titleRows: `${ROW.calendarYear}:${ROW.operating}`,
    titleColumns: 'A:C',
    pagesWide: countYearPages(years, yearsPerPage(yearWidth)),
  });

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
  sheet.getRow(ROW.operating).getCell(COLUMN.en).alignment = { wrapText: true, vertical: 'middle' };
  sheet.getRow(ROW.operating).height = 30;
  for (let y = 0; y < years; y++) {
    const column = COLUMN.firstYear + y;
    const letter = columnLetter(column);
    const t = y + 1;
    head.getCell(column).value = { formula: `${inputs.startYear}+${letter}$${ROW.yearIndex}-1`, result: inputs.startYearValue + y };
    sheet.getRow(ROW.yearIndex).getCell(column).value = t;
    head.getCell(column).numFmt = FORMAT.year;
    sheet.getRow(ROW.yearIndex).getCell(column).numFmt = FORMAT.year;
    sheet.getRow(ROW.operating).getCell(column).numFmt = FORMAT.flag;
    sheet.getRow(ROW.operating).getCell(column).value = {
      formula: `IF(${letter}$${ROW.yearIndex}>${inputs.constructionYears},1,0)`,
      result: t > inputs.constructionYearsValue ? 1 : 0,
    };
  }
  for (let c = COLUMN.no; c < COLUMN.firstYear + years; c++) styleHeader(head.getCell(c));
  // 序号 / No. on two lines: the header row is two lines high so it does not run into the title.
  head.height = 30;
}

/** An engine statement row as a sheet line: its values, optionally a formula reproducing them. */
export function lineOf(row: StatementRow, formula?: (c: YearColumn) => string, format?: FormatName): YearLine {
  return { key: row.key, no: row.no, zh: row.zh, en: row.en, values: row.values.map((v) => v.toNumber()), total: row.total !== null, ...(formula ? { formula } : {}), ...(format ? { format } : {}) };
}
