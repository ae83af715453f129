import type { Worksheet } from 'exceljs';
import { alignMemberRow, type AggregatedStatement, type StatementKey } from '../../analysis/portfolio/aggregate-statements.js';
import { readMemberRows, type WorkbookMember } from './workbook-member.js';
import { columnLetter, quoteSheet, relativeCell } from '../cell-address.js';
import { FORMAT, styleHeader, writeTitle } from '../cell-styles.js';
import { fitAmountWidth } from '../number-formats.js';
import { countYearPages, fitRowHeight, setUpPrint } from '../print-setup.js';
import { describeMember } from './describe-member.js';

/** Label column widths (characters). */
const LABEL_WIDTH = { key: 18, zh: 22, en: 26 } as const;
/**
 * The portfolio's statements hold 元 figures of up to twelve digits over the members' whole span of
 * years: they print on A3 landscape, which holds about 254 characters of column width at the scale
 * an A4 page holds 180 (the same legible 8 pt).
 */
const PAGE_WIDTH_CHARACTERS = 254;

/** Columns of a portfolio statement: the row's key, Chinese, English, total, then one per calendar year. */
export const PORTFOLIO_COLUMN = { key: 1, zh: 2, en: 3, total: 4, firstYear: 5 } as const;
/**
 * Rows: title, subtitle, the calendar years, the heading of the portfolio's 元 block (with the unit
 * cell 元/万元); its lines start below, then the members' 元 blocks — all folded away — and below them
 * the same blocks printed in 万元.
 */
export const PORTFOLIO_ROW = { calendarYear: 3, blockHeading: 4, firstLine: 5 } as const;

/** Where the portfolio totals of a statement are, for formulas on other sheets. */
export interface PortfolioStatementCells {
  /** `'Sheet'!E12`: a row's portfolio total in the year at `yearIndex` of the portfolio; undefined when no member has the row. */
  cellAt(key: string, yearIndex: number): string | undefined;
  /** `'Sheet'!$D$12`: a flow row's total over the years. */
  totalCell(key: string): string | undefined;
}

/** 元 per 万元: the unit cell's value, and the cached results of the printed block. */
const YUAN_PER_WAN = 10_000;

/** A block as printed in 万元: its heading and, for each line, the row of its 元 cells. */
interface PrintedBlock {
  heading: string;
  lines: Array<Line & { row: number; bold?: boolean }>;
}

interface Line {
  key: string;
  zh: string;
  en: string;
  cells: (number | { formula: string; result: number })[];
  /** The SUM over the years in the total column (flow rows only), with its cached result. */
  total: number | null;
}

function writeLine(sheet: Worksheet, row: number, line: Line, unit: 'yuan' | 'wan' = 'yuan'): void {
  const r = sheet.getRow(row);
  r.getCell(PORTFOLIO_COLUMN.key).value = line.key;
  r.getCell(PORTFOLIO_COLUMN.zh).value = line.zh;
  r.getCell(PORTFOLIO_COLUMN.en).value = line.en;
  for (const col of [PORTFOLIO_COLUMN.key, PORTFOLIO_COLUMN.zh, PORTFOLIO_COLUMN.en]) r.getCell(col).alignment = { wrapText: true, vertical: 'top' };
  r.height = fitRowHeight([[line.key, LABEL_WIDTH.key], [line.zh, LABEL_WIDTH.zh], [line.en, LABEL_WIDTH.en]]);
  line.cells.forEach((value, i) => {
    const cell = r.getCell(PORTFOLIO_COLUMN.firstYear + i);
    cell.value = value;
    cell.numFmt = unit === 'wan' ? FORMAT.wanAmount : FORMAT.wan;
    // The folded 元 cells are wider than the 万元 columns: shrink on screen rather than show ###.
    cell.alignment = unit === 'wan' ? { vertical: 'top' } : { vertical: 'top', shrinkToFit: true };
  });
  if (line.total !== null) {
    const lastYear = PORTFOLIO_COLUMN.firstYear + line.cells.length - 1;
    const total = r.getCell(PORTFOLIO_COLUMN.total);
    total.value = { formula: `SUM(${relativeCell(PORTFOLIO_COLUMN.firstYear, row)}:${relativeCell(lastYear, row)})`, result: line.total };
    total.numFmt = FORMAT.wan;
    total.font = { bold: true };
    total.alignment = { vertical: 'top', shrinkToFit: true };
  }
}

function writeHeading(sheet: Worksheet, row: number, text: string): void {
  const cell = sheet.getCell(row, PORTFOLIO_COLUMN.key);
  cell.value = text;
  cell.font = { bold: true, size: 12 };
}

/**
 * One statement of the portfolio (methodology §3, §5) with the calendar years across: on top the
 * portfolio block, each cell a live SUM over the members' cells of that row and year; below, each
 * member's block — its own statement on the portfolio's years, to the 分, exactly as the portfolio
 * evaluation sums it (alignMemberRow: flows 0 outside the member's years, balances held after its end).
 * These 元 blocks are folded away; what prints is the same blocks in 万元, the way the deal
 * workbooks' statements print (each printed cell = its 元 cell ÷ the sheet's unit cell).
 */
export function writePortfolioStatementSheet(
  sheet: Worksheet,
  statement: AggregatedStatement,
  statementKey: StatementKey,
  members: readonly WorkbookMember[],
  years: readonly number[],
  subtitle: string,
): PortfolioStatementCells {
  writeTitle(sheet, `${statement.zh} ${statement.en} — 片区合计 portfolio`, `${subtitle} · 片区合计 = 各成员同行同年之和（公式）portfolio cells are SUMs over the members' cells · 金额单位：万元 amounts in 万元（元单元格在上方折叠行 the 元 cells are in the folded rows above）`);
  const header = sheet.getRow(PORTFOLIO_ROW.calendarYear);
  ['键 Key', '项目', 'Item', '合计 Total', ...years].forEach((label, i) => {
    header.getCell(i + 1).value = label;
    styleHeader(header.getCell(i + 1));
  });
  const isFlow = new Map(statement.rows.map((r) => [r.key, r.total !== null]));

  // The members' blocks below the portfolio block, so that the portfolio's formulas can name their rows.
  const memberRows = new Map<string, number[]>();
  const blocks: PrintedBlock[] = [];
  let row = PORTFOLIO_ROW.firstLine + statement.rows.length + 1;
  members.forEach((m, i) => {
    const block: PrintedBlock = { heading: describeMember(m, i), lines: [] };
    writeHeading(sheet, row++, block.heading);
    for (const source of readMemberRows(m, statementKey)) {
      const flow = isFlow.get(source.key) ?? source.total !== null;
      const values = alignMemberRow(m.evaluation, source.values, flow, years).map((v) => v.toNumber());
      const line = { key: source.key, zh: source.zh, en: source.en, cells: values, total: flow ? values.reduce((s, v) => s + v, 0) : null };
      writeLine(sheet, row, line);
      block.lines.push({ ...line, row });
      memberRows.set(source.key, [...(memberRows.get(source.key) ?? []), row]);
      row++;
    }
    blocks.push(block);
    row++;
  });
  const lastSourceRow = row - 2;

  writeHeading(sheet, PORTFOLIO_ROW.blockHeading, '片区合计 Portfolio（各成员之和 the sum of the members）（元）');
  // The unit of the printed 万元 block, beside the heading of the 元 block its formulas divide.
  sheet.getCell(PORTFOLIO_ROW.blockHeading, PORTFOLIO_COLUMN.en).value = '元/万元 yuan per 万元';
  sheet.getCell(PORTFOLIO_ROW.blockHeading, PORTFOLIO_COLUMN.total).value = YUAN_PER_WAN;
  const totalRows = new Map<string, number>();
  const portfolioBlock: PrintedBlock = { heading: '片区合计 Portfolio（各成员之和 the sum of the members）', lines: [] };
  statement.rows.forEach((line, i) => {
    const at = PORTFOLIO_ROW.firstLine + i;
    const rows = memberRows.get(line.key) ?? [];
    const cells = years.map((_, y) => {
      const column = PORTFOLIO_COLUMN.firstYear + y;
      return { formula: `SUM(${rows.map((r) => relativeCell(column, r)).join(',')})`, result: Number(line.values[y]) };
    });
    const written = { key: line.key, zh: line.zh, en: line.en, cells, total: line.total === null ? null : Number(line.total) };
    writeLine(sheet, at, written);
    portfolioBlock.lines.push({ ...written, row: at, bold: true });
    sheet.getRow(at).font = { bold: true };
    totalRows.set(line.key, at);
  });
  // The 元 blocks are folded away (hidden rows never print; the outline's + opens them); below them
  // the printed blocks show the same lines in 万元, each cell the 元 cell ÷ the unit cell.
  for (let r = PORTFOLIO_ROW.blockHeading; r <= lastSourceRow; r++) {
    sheet.getRow(r).outlineLevel = 1;
    sheet.getRow(r).hidden = true;
  }
  sheet.properties.outlineProperties = { summaryBelow: false, summaryRight: true };
  const unit = `$${columnLetter(PORTFOLIO_COLUMN.total)}$${PORTFOLIO_ROW.blockHeading}`;
  let printedRow = lastSourceRow + 2;
  for (const block of [portfolioBlock, ...blocks]) {
    writeHeading(sheet, printedRow, `${block.heading}（万元）`);
    sheet.getRow(printedRow).height = 18;
    printedRow++;
    for (const line of block.lines) {
      const shown = (column: number, value: number) => {
        const source = relativeCell(column, line.row);
        return { formula: `IF(ISNUMBER(${source}),${source}/${unit},"")`, result: value / YUAN_PER_WAN };
      };
      writeLine(sheet, printedRow, {
        key: line.key, zh: line.zh, en: line.en,
        cells: line.cells.map((c, y) => shown(PORTFOLIO_COLUMN.firstYear + y, typeof c === 'number' ? c : c.result)),
        total: null,
      }, 'wan');
      if (line.total !== null) {
        const total = sheet.getCell(printedRow, PORTFOLIO_COLUMN.total);
        total.value = shown(PORTFOLIO_COLUMN.total, line.total);
        total.numFmt = FORMAT.wanAmount;
        total.font = { bold: true };
        total.alignment = { vertical: 'top' };
      }
      if (line.bold) sheet.getRow(printedRow).font = { bold: true };
      printedRow++;
    }
    printedRow++;
  }
  const lastRow = printedRow - 2;

  const lastYear = PORTFOLIO_COLUMN.firstYear + years.length - 1;
  // Year columns as wide as the widest 元 figure (no ###); as many years a page as print legibly, the
  // label columns and the year row repeated on each page; title and subtitle wrapped in the label columns.
  const widest = fitAmountWidth([...statement.rows.flatMap((r) => [...r.values.map(Number), Number(r.total ?? 0)]), ...members.flatMap((m) => readMemberRows(m, statementKey).flatMap((r) => r.values.map((v) => v.toNumber())))].map((v) => v / YUAN_PER_WAN), 10);
  const labels = LABEL_WIDTH.key + LABEL_WIDTH.zh + LABEL_WIDTH.en;
  [LABEL_WIDTH.key, LABEL_WIDTH.zh, LABEL_WIDTH.en, widest + 1].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (let c = PORTFOLIO_COLUMN.firstYear; c <= lastYear; c++) sheet.getColumn(c).width = widest;
  for (const [r, points] of [[1, 14], [2, 11]] as const) {
    sheet.mergeCells(r, PORTFOLIO_COLUMN.key, r, PORTFOLIO_COLUMN.en);
    const cell = sheet.getCell(r, PORTFOLIO_COLUMN.key);
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(r).height = (fitRowHeight([[String(cell.value ?? ''), Math.floor((labels * 11 * 0.9) / points)]]) * points) / 11;
  }
  sheet.views = [{ state: 'frozen', xSplit: PORTFOLIO_COLUMN.total, ySplit: PORTFOLIO_ROW.calendarYear }];
  setUpPrint(sheet, {
    printArea: `A1:${columnLetter(lastYear)}${lastRow}`,
    titleRows: `${PORTFOLIO_ROW.calendarYear}:${PORTFOLIO_ROW.calendarYear}`,
    titleColumns: 'A:C',
    paper: 'A3',
    pagesWide: countYearPages(years.length, Math.max(4, Math.floor((PAGE_WIDTH_CHARACTERS - labels - widest) / widest))),
  });

  const quoted = quoteSheet(sheet.name);
  return {
    cellAt: (key, yearIndex) => {
      const at = totalRows.get(key);
      return at === undefined ? undefined : `${quoted}!${relativeCell(PORTFOLIO_COLUMN.firstYear + yearIndex, at)}`;
    },
    totalCell: (key) => {
      const at = totalRows.get(key);
      return at === undefined || !isFlow.get(key) ? undefined : `${quoted}!$${columnLetter(PORTFOLIO_COLUMN.total)}$${at}`;
    },
  };
}
