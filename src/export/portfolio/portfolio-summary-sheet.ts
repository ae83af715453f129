import type { Worksheet } from 'exceljs';
import type { PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import type { WorkbookMember } from './workbook-member.js';
import { relativeCell } from '../cell-address.js';
import { fitTextRows } from '../print-setup.js';
import { setUpPrinting, writeTitle, type FormatName } from '../cell-styles.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from '../table-rows.js';

/** Cells on other sheets the summary links to, with their values for the cache. */
export interface SummaryLinks {
  constructionInvestment: { cell: string | undefined; value: number };
  contributionsTotal: { cell: string; value: number };
  pppBreaches: { cell: string; value: number } | null;
  governmentPayBreaches: { cell: string; value: number } | null;
}

const METRICS: { key: string; label: string; format: FormatName }[] = [
  { key: 'totalInvestment', label: '总投资 Total investment（元）', format: 'wan' },
  { key: 'projectIrrAfterTax', label: '项目 IRR（税后） Project IRR after tax', format: 'rate' },
  { key: 'projectNpvAfterTax', label: '项目 FNPV（税后，元） Project NPV after tax', format: 'wan' },
  { key: 'equityIrr', label: '资本金 IRR Equity IRR', format: 'rate' },
  { key: 'minDscr', label: 'DSCR 最小 min', format: 'ratio' },
];
const FIRST_METRIC_COLUMN = 7;

const link = (target: { cell: string | undefined; value: number }, format: FormatName): TableCell =>
  target.cell === undefined ? '—' : { value: { formula: target.cell, result: target.value }, format };

/**
 * 片区汇总 Portfolio: the members (which revision or scenario, the years, each one's key indicators),
 * their total investment as a SUM, and the portfolio's headline totals linked to the sheets that
 * compute them: construction investment, contributions, and the years breaching the affordability limits.
 */
export function writePortfolioSummarySheet(sheet: Worksheet, result: PortfolioResult, members: readonly WorkbookMember[], links: SummaryLinks, subtitle: string): void {
  writeTitle(sheet, `片区汇总 Portfolio — ${result.name}`, subtitle);
  let row = 4;
  writeSectionHeading(sheet, row++, '成员 Members');
  writeTableHeader(sheet, row++, ['成员 Member', '项目 Deal', '编号 Deal id', '版本 Revision', '情景 Scenario', '年份 Years', ...METRICS.map((m) => m.label)]);
  const firstMemberRow = row;
  result.members.forEach((m, i) => {
    const years = members[i]!.evaluation.years;
    const metrics = METRICS.map(({ key, format }): TableCell => (m.metrics[key] == null ? '—' : { value: Number(m.metrics[key]), format }));
    writeTableRow(sheet, row++, [`${i + 1}. ${m.label}`, m.name, m.dealId, m.revision, m.scenarioId ?? '', `${years[0]!.calendarYear}–${years.at(-1)!.calendarYear}`, ...metrics]);
  });
  const totalInvestment = result.members.reduce((s, m) => s + Number(m.metrics.totalInvestment ?? 0), 0);
  const totalRow = writeTableRow(sheet, row++, [
    '合计 Total', '', '', '', '', `${result.years[0]}–${result.years.at(-1)}`,
    { value: { formula: `SUM(${relativeCell(FIRST_METRIC_COLUMN, firstMemberRow)}:${relativeCell(FIRST_METRIC_COLUMN, row - 2)})`, result: totalInvestment }, format: 'wan' },
  ]);
  sheet.getRow(totalRow).font = { bold: true };

  row++;
  writeSectionHeading(sheet, row++, '片区合计 Portfolio totals（链接到计算它们的工作表 linked to the sheets that compute them）');
  writeTableHeader(sheet, row++, ['项目 Item', '取值 Value']);
  writeTableRow(sheet, row++, ['建设投资 Construction investment（元）', link(links.constructionInvestment, 'wan')]);
  writeTableRow(sheet, row++, ['出资合计 Contributions（元）', link(links.contributionsTotal, 'wan')]);
  writeTableRow(sheet, row++, ['PPP 类支出超限年数 Years above the PPP-type limit', links.pppBreaches ? link(links.pppBreaches, 'integer') : '未给出预算口径 no budget envelope']);
  writeTableRow(sheet, row++, ['政府付费超限年数 Years above the government-pay limit', links.governmentPayBreaches ? link(links.governmentPayBreaches, 'integer') : '未给出预算口径 no budget envelope']);

  row++;
  writeSectionHeading(sheet, row++, '说明 Notes');
  for (const note of [
    '各表片区合计为各成员同年之和：每个成员先取到分，合计恰为成员之和。Every portfolio total is the sum of the members\' figures, each to the 分 first.',
    '现值为各成员按其自身折现率、折现到其自身第1年后相加。PVs are each member\'s own (its discount rate, its own year 1), summed.',
    '借款还本付息计划表按贷款列示，见各成员的条款摘要工作簿。Debt service is per loan: see each member\'s term sheet.',
  ]) writeTableRow(sheet, row++, [note]);

  const lastColumn = FIRST_METRIC_COLUMN + METRICS.length - 1;
  [24, 44, 24, 10, 24, 12, 18, 16, 18, 16, 14].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  fitTextRows(sheet, 3);
  setUpPrinting(sheet, `A1:${sheet.getColumn(lastColumn).letter}${row - 1}`);
}
