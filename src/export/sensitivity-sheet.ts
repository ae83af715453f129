import type { Worksheet } from 'exceljs';
import { INDICATORS, type Indicator } from '../analysis/indicators.js';
import type { SensitivityResult } from '../analysis/sensitivity.js';
import type { Deal } from '../deal/deal-schema.js';
import { setUpPrinting, writeTitle } from './cell-styles.js';
import { keepSignsWithFigures } from './describe-warning.js';
import { formatChange, labelDriver } from './driver-labels.js';
import { indicatorCell, labelIndicator } from './indicator-labels.js';
import { fitRowHeight } from './print-setup.js';
import { writeSectionHeading, writeTableHeader, writeTableRow } from './table-rows.js';

const LABEL_WIDTH = 34;
const STEP_WIDTH = 13;
const OTHER_WIDTH = 30;

/** An indicator's value as printed text (the "other steps" column): percent, ratio or 万元. */
function describeValue(indicator: Indicator, value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  const kind = INDICATORS[indicator];
  // U+2212 for a negative value: a wrapped cell never parts it from its figure (describe-warning.ts).
  if (kind === 'rate') return keepSignsWithFigures(`${(n * 100).toFixed(2)}%`);
  if (kind === 'amount') return keepSignsWithFigures(`${(n / 10_000).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`);
  return keepSignsWithFigures(n.toFixed(2));
}

/**
 * 敏感性分析 Sensitivity (issue 6): for each indicator a tornado table (drivers down, steps across, the
 * base in its own column), then the two-way tables and the switching values. Every cell is a whole
 * re-evaluation of a changed deal, so the cells are the engine's values, not formulas. Drivers and
 * indicators are labelled in words (a stream by its name from the deal), amounts in 万元.
 */
export function writeSensitivitySheet(sheet: Worksheet, sensitivity: SensitivityResult, subtitle: string, deal?: Deal): void {
  writeTitle(sheet, '敏感性分析 Sensitivity', `${subtitle} · 每格为变更后交易的完整重算 each cell is the changed deal evaluated in full`);
  let row = 3;
  const indicators = Object.keys(sensitivity.base) as Indicator[];
  let widest = 3;
  const switchingRows: { row: number; texts: [string, number][]; note: string }[] = [];
  const fit = (r: number, text: string, width: number) => (sheet.getRow(r).height = Math.max(sheet.getRow(r).height ?? 15, fitRowHeight([[text, width]])));
  for (const indicator of indicators) {
    writeSectionHeading(sheet, row++, `${labelIndicator(indicator)}（基准 base: ${describeValue(indicator, sensitivity.base[indicator])}）`);
    writeTableHeader(sheet, row++, ['因素 Driver', '基准 Base', ...sensitivity.steps.map((s) => formatChange('', s)), '其他 Other steps']);
    for (const line of sensitivity.tornado) {
      const byChange = new Map(line.points.map((p) => [p.change, p]));
      const stepCells = sensitivity.steps.map((s) => indicatorCell(indicator, byChange.get(s)?.values?.[indicator]));
      const others = line.points.filter((p) => !sensitivity.steps.includes(p.change)).map((p) => `${formatChange(line.name, p.change)}: ${describeValue(indicator, p.values?.[indicator])}`).join('；');
      const label = labelDriver(line.name, deal);
      writeTableRow(sheet, row, [label, indicatorCell(indicator, sensitivity.base[indicator]), ...stepCells, others]);
      sheet.getRow(row).height = Math.max(fitRowHeight([[label, LABEL_WIDTH]]), fitRowHeight([[others, OTHER_WIDTH]]));
      row++;
    }
    widest = Math.max(widest, sensitivity.steps.length + 3);
    row++;
  }
  for (const table of sensitivity.tables) {
    const rowsLabel = labelDriver(table.rows.driver, deal);
    const columnsLabel = labelDriver(table.columns.driver, deal);
    writeSectionHeading(sheet, row++, `双因素 Two-way: ${rowsLabel} × ${columnsLabel} → ${labelIndicator(table.indicator)}`);
    writeTableHeader(sheet, row, [`${rowsLabel} \\ ${columnsLabel}`, ...table.columns.changes.map((c) => formatChange(table.columns.driver, c))]);
    fit(row++, `${rowsLabel} \\ ${columnsLabel}`, LABEL_WIDTH);
    table.values.forEach((values, i) => writeTableRow(sheet, row++, [formatChange(table.rows.driver, table.rows.changes[i]!), ...values.map((v) => indicatorCell(table.indicator, v))]));
    widest = Math.max(widest, table.columns.changes.length + 1);
    row++;
  }
  if (sensitivity.switching.length > 0) {
    writeSectionHeading(sheet, row++, '临界值 Switching values');
    writeTableHeader(sheet, row++, ['因素 Driver', '指标 Indicator', '目标 Target', '临界变动 Change', '说明 Note']);
    for (const s of sensitivity.switching) {
      const label = labelDriver(s.driver, deal);
      writeTableRow(sheet, row, [label, labelIndicator(s.target.indicator), describeValue(s.target.indicator, s.target.value), s.change === null ? '—' : { value: Number(s.change), format: 'share' }, s.reason ?? '']);
      switchingRows.push({ row, texts: [[label, LABEL_WIDTH], [labelIndicator(s.target.indicator), STEP_WIDTH]], note: s.reason ?? '' });
      row++;
    }
    widest = Math.max(widest, 5);
  }
  sheet.getColumn(1).width = LABEL_WIDTH;
  for (let col = 2; col <= widest; col++) sheet.getColumn(col).width = STEP_WIDTH;
  sheet.getColumn(widest).width = OTHER_WIDTH;
  // A switching value's note spans from its column (E) to the last, as high as its lines need.
  const noteWidth = STEP_WIDTH * (widest - 5) + OTHER_WIDTH;
  for (const { row: r, texts, note } of switchingRows) {
    if (widest > 5) sheet.mergeCells(r, 5, r, widest);
    sheet.getRow(r).height = Math.max(fitRowHeight(texts), fitRowHeight([[note, noteWidth]]));
  }
  // The table cells wrap (labels, other steps); titles and section headings stay on one line.
  sheet.eachRow((r) => {
    if (r.number < 3 || r.getCell(2).value === null) return;
    r.eachCell((cell) => (cell.alignment = { ...cell.alignment, wrapText: true, vertical: 'middle' }));
  });
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  setUpPrinting(sheet, `A1:${sheet.getColumn(widest).letter}${row - 1}`);
}
