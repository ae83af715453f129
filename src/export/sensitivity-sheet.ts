import type { Worksheet } from 'exceljs';
import type { Indicator } from '../analysis/indicators.js';
import type { SensitivityResult } from '../analysis/sensitivity.js';
import { setUpPrinting, writeTitle } from './cell-styles.js';
import { formatOfIndicator } from './indicator-labels.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from './table-rows.js';

const asCell = (indicator: Indicator, value: string | null | undefined): TableCell =>
  value === null || value === undefined ? '—' : { value: Number(value), format: formatOfIndicator(indicator) };

/**
 * 敏感性分析 Sensitivity (issue 6): for each indicator a tornado table (drivers down, steps across, the
 * base in its own column), then the two-way tables and the switching values. Every cell is a whole
 * re-evaluation of a changed deal, so the cells are the engine's values, not formulas.
 */
export function writeSensitivitySheet(sheet: Worksheet, sensitivity: SensitivityResult, subtitle: string): void {
  writeTitle(sheet, '敏感性分析 Sensitivity', `${subtitle} · 每格为变更后交易的完整重算 each cell is the changed deal evaluated in full`);
  let row = 3;
  const indicators = Object.keys(sensitivity.base) as Indicator[];
  let widest = 3;
  for (const indicator of indicators) {
    writeSectionHeading(sheet, row++, `${indicator}（基准 base: ${sensitivity.base[indicator] ?? '—'}）`);
    writeTableHeader(sheet, row++, ['因素 Driver', '基准 Base', ...sensitivity.steps.map((s) => `${(Number(s) * 100).toFixed(0)}%`), '其他 Other steps']);
    for (const line of sensitivity.tornado) {
      const byChange = new Map(line.points.map((p) => [p.change, p]));
      const stepCells = sensitivity.steps.map((s) => asCell(indicator, byChange.get(s)?.values?.[indicator]));
      const others = line.points.filter((p) => !sensitivity.steps.includes(p.change)).map((p) => `${p.change}: ${p.values?.[indicator] ?? '—'}`).join('；');
      writeTableRow(sheet, row++, [line.name, asCell(indicator, sensitivity.base[indicator]), ...stepCells, others]);
    }
    widest = Math.max(widest, sensitivity.steps.length + 3);
    row++;
  }
  for (const table of sensitivity.tables) {
    writeSectionHeading(sheet, row++, `双因素 Two-way: ${table.rows.driver} × ${table.columns.driver} → ${table.indicator}`);
    writeTableHeader(sheet, row++, [`${table.rows.driver} \\ ${table.columns.driver}`, ...table.columns.changes]);
    table.values.forEach((values, i) => writeTableRow(sheet, row++, [table.rows.changes[i]!, ...values.map((v) => asCell(table.indicator, v))]));
    widest = Math.max(widest, table.columns.changes.length + 1);
    row++;
  }
  if (sensitivity.switching.length > 0) {
    writeSectionHeading(sheet, row++, '临界值 Switching values');
    writeTableHeader(sheet, row++, ['因素 Driver', '指标 Indicator', '目标 Target', '临界变动 Change', '说明 Note']);
    for (const s of sensitivity.switching) {
      writeTableRow(sheet, row++, [s.driver, s.target.indicator, s.target.value, s.change === null ? '—' : { value: Number(s.change), format: 'share' }, s.reason ?? '']);
    }
    widest = Math.max(widest, 5);
  }
  sheet.getColumn(1).width = 40;
  for (let col = 2; col <= widest; col++) sheet.getColumn(col).width = 14;
  sheet.getColumn(widest).width = 40;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 2 }];
  setUpPrinting(sheet, `A1:${sheet.getColumn(widest).letter}${row - 1}`);
}
