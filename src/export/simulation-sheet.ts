import type { Worksheet } from 'exceljs';
import { nameDriver } from '../analysis/drivers.js';
import { INDICATORS, readIndicator } from '../analysis/indicators.js';
import { DRAW_INDICATORS } from '../analysis/simulation/run-chunk.js';
import type { Distribution, SimulationRequest } from '../analysis/simulation/simulation-request.js';
import { BREACH_THRESHOLD, type SimulationResult } from '../analysis/simulation/summarise-draws.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { relativeCell } from './cell-address.js';
import { setUpPrinting, writeTitle } from './cell-styles.js';
import { formatOfIndicator, INDICATOR_LABEL, indicatorCell } from './indicator-labels.js';
import { fitRowHeight } from './print-setup.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from './table-rows.js';

/** A simulation as the workbook shows it: what was asked and what came out. */
export interface SimulationExport {
  request: SimulationRequest;
  result: SimulationResult;
}

/** The parameters of every kind of distribution, one column each (blank where a kind has none). */
const PARAMETERS = ['min', 'mode', 'max', 'mean', 'sd', 'mu', 'sigma'] as const;

interface BreachEvent {
  key: keyof SimulationResult['probabilities'];
  label: string;
  indicator: (typeof DRAW_INDICATORS)[number];
  threshold: (result: SimulationResult) => number;
  /** What the probability cell says when the deal has nothing to breach. */
  absent: string;
}

/** The probabilities of the result, the indicator each is about and its threshold (summarise-draws.ts). */
const EVENTS: BreachEvent[] = [
  { key: 'minDscrBelow1', label: 'DSCR 最小 < 1.0 Minimum DSCR below 1.0', indicator: 'minDscr', threshold: () => BREACH_THRESHOLD.minDscr, absent: '（无债务 no debt service）' },
  { key: 'bondCoverageBelow1_1', label: '专项债覆盖（净） < 1.1 Bond coverage below 1.1', indicator: 'bondCoverageNet', threshold: () => BREACH_THRESHOLD.bondCoverageNet, absent: '（无专项债 no special bond）' },
  { key: 'allDebtCoverageBelow1_2', label: '全部债务覆盖（净） < 1.2 All-debt coverage below 1.2', indicator: 'allDebtCoverageNet', threshold: () => BREACH_THRESHOLD.allDebtCoverageNet, absent: '（无债务 no debt）' },
  { key: 'equityIrrBelowTarget', label: '资本金 IRR 低于目标 Equity IRR below target', indicator: 'equityIrr', threshold: (r) => Number(r.irrTarget), absent: '—' },
  { key: 'projectIrrBelowTarget', label: '项目 IRR（税后）低于目标 Project IRR after tax below target', indicator: 'projectIrrAfterTax', threshold: (r) => Number(r.irrTarget), absent: '—' },
];

const parameterCells = (distribution: Distribution): TableCell[] =>
  PARAMETERS.map((name) => {
    const value = (distribution as Partial<Record<(typeof PARAMETERS)[number], string>>)[name];
    return value === undefined ? null : { value: Number(value), format: 'ratio' };
  });

/**
 * 蒙特卡洛模拟 Monte Carlo (issue 6): the request (each variable's driver and distribution, draws,
 * seed, IRR target), P5/P50/P95 and the mean of each indicator beside the deterministic base case of
 * this workbook, the probabilities of a breach, and the draws that gave an invalid deal. Every draw is
 * a whole re-evaluation, so the results are values; the comparisons with the base are formulas.
 */
export function writeSimulationSheet(sheet: Worksheet, { request, result }: SimulationExport, e: Evaluation, subtitle: string): void {
  writeTitle(sheet, '蒙特卡洛模拟 Monte Carlo simulation', `${subtitle} · 每次抽样为变更后交易的完整重算，基准为本工作簿的确定性测算 each draw is the changed deal evaluated in full; the base is this workbook's deterministic case`);
  let row = 4;
  writeSectionHeading(sheet, row++, '请求 Request');
  writeTableHeader(sheet, row++, ['参数 Parameter', '取值 Value']);
  const drawsRow = writeTableRow(sheet, row++, ['抽样次数 Draws', result.draws]);
  writeTableRow(sheet, row++, ['随机种子 Seed', result.seed]);
  writeTableRow(sheet, row++, ['IRR 目标 IRR target', { value: Number(result.irrTarget), format: 'rate' }]);
  const validRow = writeTableRow(sheet, row++, ['有效抽样 Valid draws', result.validDraws]);
  writeTableRow(sheet, row++, ['无效抽样 Invalid draws', { formula: `${relativeCell(2, drawsRow)}-${relativeCell(2, validRow)}`, result: result.draws - result.validDraws }]);

  row++;
  writeSectionHeading(sheet, row++, '随机变量 Variables（变动：相对变化；construction-delay 为年数；interest-rate-shift 为利率增减 change: relative; years of delay; rate shift）');
  writeTableHeader(sheet, row++, ['因素 Driver', '分布 Distribution', ...PARAMETERS]);
  for (const v of request.variables) writeTableRow(sheet, row++, [nameDriver(v.driver), v.distribution.kind, ...parameterCells(v.distribution)]);

  row++;
  writeSectionHeading(sheet, row++, '分位数 Percentiles（有效抽样 over the valid draws）');
  // Two-line headers (P50 − 基准 / P50 − base) get a row two lines high.
  sheet.getRow(writeTableHeader(sheet, row++, ['指标 Indicator', '键 Key', '基准 Base', 'P5', 'P50', 'P95', '均值 Mean', 'P50 − 基准 P50 − base', '无此指标的抽样 Draws without it'])).height = 30;
  for (const key of DRAW_INDICATORS) {
    const d = result.percentiles[key];
    const base = readIndicator(e, key);
    // Amounts in 万元 as their labels say (元 / 10,000), rates and ratios as they are.
    const cell = (v: string | null): TableCell => indicatorCell(key, v);
    const inUnit = (v: number) => (INDICATORS[key] === 'amount' ? v / 10_000 : v);
    const format = INDICATORS[key] === 'amount' ? 'wanAmount' : formatOfIndicator(key);
    const gap: TableCell = base === null || d.p50 === null ? '—' : { value: { formula: `${relativeCell(5, row)}-${relativeCell(3, row)}`, result: inUnit(Number(d.p50) - base.toNumber()) }, format };
    writeTableRow(sheet, row++, [INDICATOR_LABEL[key], key, cell(base === null ? null : base.toString()), cell(d.p5), cell(d.p50), cell(d.p95), cell(d.mean), gap, d.absent]);
  }

  row++;
  writeSectionHeading(sheet, row++, '概率 Probabilities（有效抽样中的比例 share of the valid draws）');
  sheet.getRow(writeTableHeader(sheet, row++, ['事件 Event', '键 Key', '概率 Probability', '阈值 Threshold', '基准值 Base value'])).height = 30;
  for (const event of EVENTS) {
    const p = result.probabilities[event.key];
    const base = readIndicator(e, event.indicator);
    const format = formatOfIndicator(event.indicator);
    writeTableRow(sheet, row++, [
      event.label, event.key,
      p === null ? event.absent : { value: Number(p), format: 'share' },
      { value: event.threshold(result), format },
      base === null ? '—' : { value: base.toNumber(), format },
    ]);
  }

  row++;
  writeSectionHeading(sheet, row++, '无效抽样 Invalid draws（变更后交易未通过校验 the changed deal failed validation, by problem）');
  writeTableHeader(sheet, row++, ['问题代码 Problem code', '次数 Draws']);
  const invalid = Object.entries(result.invalidDraws);
  if (invalid.length === 0) writeTableRow(sheet, row++, ['（无 none）', 0]);
  for (const [code, count] of invalid) writeTableRow(sheet, row++, [code, count]);

  const lastColumn = 2 + PARAMETERS.length;
  sheet.getColumn(1).width = 52;
  sheet.getColumn(2).width = 24;
  for (let col = 3; col <= lastColumn; col++) sheet.getColumn(col).width = 14;
  // The subtitle wraps within the printed columns: text running past them would widen what the page
  // is fitted to and print the whole sheet small (LibreOffice fits the overflow too).
  const subtitleCell = sheet.getCell(2, 1);
  sheet.mergeCells(2, 1, 2, lastColumn);
  subtitleCell.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).height = fitRowHeight([[String(subtitleCell.value ?? ''), Math.floor((52 + 24 + 14 * (lastColumn - 2)) * 0.9)]]);
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  setUpPrinting(sheet, `A1:${sheet.getColumn(lastColumn).letter}${row - 1}`);
}
