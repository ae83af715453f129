import type { Worksheet } from 'exceljs';
import type { StressCaseResult, StressResult } from '../analysis/stress-pack.js';
import { setUpPrinting, writeTitle } from './cell-styles.js';
import { describeBreach, describeUnevaluable } from './describe-breach.js';
import { indicatorCell, INDICATOR_LABEL } from './indicator-labels.js';
import { fitRowHeight } from './print-setup.js';
import { writeTableHeader, writeTableRow, type TableCell } from './table-rows.js';

const COLUMNS = (['equityIrr', 'projectIrrAfterTax', 'projectNpvAfterTax', 'minDscr', 'avgDscr', 'llcr', 'minIcr', 'bondCoverageNet', 'allDebtCoverageNet'] as const).map((key) => ({
  key,
  label: INDICATOR_LABEL[key],
}));

/** Column widths (characters): about 180 in all, what A4 landscape prints at a legible scale (print-setup.ts). */
const WIDTH = { case: 30, indicator: 11, breaks: 10, breaches: 50 } as const;

/**
 * 压力测试 Stress tests (issue 6, lender stress pack): the base and each named case, its indicators and
 * the covenants it breaks. Each case is a whole re-evaluation of a changed deal, so its cells are the
 * engine's values, not formulas over the statements (which show the base case only).
 */
export function writeStressSheet(sheet: Worksheet, stress: StressResult, subtitle: string): void {
  writeTitle(sheet, '压力测试 Stress tests', `${subtitle} · 每个情景为变更后交易的完整重算 each case is the changed deal evaluated in full`);
  const headerRow = 3;
  writeTableHeader(sheet, headerRow, ['情景 Case', ...COLUMNS.map((c) => c.label), '是否违反约定 Breaks a covenant', '违反事项（中文，英文附后） Breaches']);
  let row = headerRow + 1;
  const writeCase = (c: StressCaseResult) => {
    const metrics: TableCell[] = COLUMNS.map((col) => indicatorCell(col.key, c.metrics?.[col.key] ?? null));
    const breaches = c.problems ? c.problems.map(describeUnevaluable).join('\n') : c.breaches.map(describeBreach).join('\n');
    writeTableRow(sheet, row, [c.name, ...metrics, c.problems ? '无法测算 not evaluable' : c.breaksCovenant ? '是 yes' : '否 no', breaches]);
    sheet.getRow(row++).height = fitRowHeight([[c.name, WIDTH.case], [breaches, WIDTH.breaches]]);
  };
  writeCase(stress.base);
  for (const c of stress.cases) writeCase(c);

  const last = COLUMNS.length + 3;
  sheet.getColumn(1).width = WIDTH.case;
  for (let col = 2; col <= COLUMNS.length + 1; col++) sheet.getColumn(col).width = WIDTH.indicator;
  sheet.getColumn(last - 1).width = WIDTH.breaks;
  sheet.getColumn(last).width = WIDTH.breaches;
  sheet.getRow(headerRow).height = fitRowHeight(COLUMNS.map((col) => [col.label, WIDTH.indicator] as const));
  for (let r = headerRow; r < row; r++) sheet.getRow(r).alignment = { wrapText: true, vertical: 'top' };
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: headerRow }];
  setUpPrinting(sheet, `A1:${sheet.getColumn(last).letter}${row - 1}`, `${headerRow}:${headerRow}`);
}
