import type { Worksheet } from 'exceljs';
import { CAPEX_CATEGORY_ZH } from '../deal/capex-schema.js';
import { GOVERNMENT_LEVEL_ZH } from '../deal/funding-schema.js';
import { PARTY_ZH } from '../engine/contributions.js';
import type { Evaluation } from '../engine/evaluate-deal.js';
import { absoluteCell, columnLetter } from './cell-address.js';
import { setUpPrinting, writeTitle } from './cell-styles.js';
import { fitAmountWidth } from './number-formats.js';
import { fitRowHeight, fitTextRows } from './print-setup.js';
import { writeSectionHeading, writeTableHeader, writeTableRow } from './table-rows.js';
import type { YearSheet } from './year-sheet.js';

/** Cells of the Contributions sheet that the Checks sheet and the cover read. */
export interface ContributionCells {
  /** Nominal total of each party (a SUMIF over the sources), by party key. */
  partyNominal: Map<string, string>;
  /** Σ of every source. */
  totalNominal: string;
  totalShare: string;
}

const COL = { name: 1, id: 2, party: 3, level: 4, nominal: 5, pv: 6, share: 7 } as const;

/**
 * 出资分担 (methodology §5): who pays 建设投资 — by source (amounts linked to the investment plan's
 * source lines; a loan or bond without its capitalised interest), then by party and by level as
 * SUMIFs over the sources, by capex category, per household and per ㎡ (the engine's allocations to
 * the 分 by largest remainder), and the elevator shares by floor.
 */
export function writeContributionsSheet(sheet: Worksheet, e: Evaluation, subtitle: string, investmentPlan: YearSheet, debtService: YearSheet): ContributionCells {
  const c = e.contributions;
  const n = (v: { toNumber(): number }) => v.toNumber();
  writeTitle(sheet, '出资分担 Contributions — who pays the construction investment', subtitle);
  // Every amount column as wide as the largest amount (the total) needs, so no cell shows ###; the
  // label columns wrap, and each header row is as high as its longest label.
  const amountWidth = fitAmountWidth([n(c.total.nominal), ...c.byCategory.map((cat) => n(cat.total))], 14);
  const widths = [30, 26, ...Array.from({ length: 7 }, () => amountWidth)];
  const writeHeader = (at: number, labels: string[]) => {
    writeTableHeader(sheet, at, labels);
    sheet.getRow(at).height = fitRowHeight(labels.map((label, i) => [label, widths[i] ?? amountWidth] as const));
    return at;
  };
  let row = 4;
  writeSectionHeading(sheet, row++, '按资金来源 By source');
  writeHeader(row++, ['来源 Source', '编号 Id', '出资方 Party', '政府层级 Level', '金额 Nominal（元）', '现值 PV（元）', '占比 Share']);
  const firstSource = row;
  for (const s of c.bySource) {
    const capitalised = debtService.has(`${s.sourceId}.capitalisedInterest`) ? `-${debtService.totalCell(`${s.sourceId}.capitalisedInterest`)}` : '';
    // A bond's part used as 项目资本金 sits in 2.1, the rest in 2.2 (methodology §9).
    const asCapital = investmentPlan.has(`capital.${s.sourceId}`) ? `+${investmentPlan.totalCell(`capital.${s.sourceId}`)}` : '';
    sheet.getRow(row).height = fitRowHeight([[s.name, widths[0]!], [`${s.sourceId} (${s.kind})`, widths[1]!]]);
    writeTableRow(sheet, row++, [
      s.name, `${s.sourceId} (${s.kind})`, s.party, s.level ?? '',
      { value: { formula: `${investmentPlan.totalCell(`source.${s.sourceId}`)}${asCapital}${capitalised}`, result: n(s.nominal) }, format: 'wan' },
      { value: n(s.pv), format: 'wan' },
      { value: n(s.share), format: 'share' },
    ]);
  }
  const lastSource = row - 1;
  const column = (col: number) => `$${columnLetter(col)}$${firstSource}:$${columnLetter(col)}$${lastSource}`;
  const sumColumn = (col: number) => `SUM(${column(col)})`;
  const totalRow = writeTableRow(sheet, row++, [
    '合计 Total', '', '', '',
    { value: { formula: sumColumn(COL.nominal), result: n(c.total.nominal) }, format: 'wan' },
    { value: { formula: sumColumn(COL.pv), result: n(c.total.pv) }, format: 'wan' },
    { value: { formula: sumColumn(COL.share), result: c.bySource.reduce((s, r) => s + n(r.share), 0) }, format: 'share' },
  ]);
  sheet.getRow(totalRow).font = { bold: true };

  row++;
  writeSectionHeading(sheet, row++, '按出资方 By party（SUMIF over the sources）');
  writeHeader(row++, ['出资方', 'Party', '键 Key', '', '金额 Nominal（元）', '现值 PV（元）', '占比 Share']);
  const partyNominal = new Map<string, string>();
  for (const p of c.byParty) {
    const keyCell = `$${columnLetter(COL.party)}$${row}`;
    const sumIf = (col: number) => `SUMIF(${column(COL.party)},${keyCell},${column(col)})`;
    writeTableRow(sheet, row, [
      PARTY_ZH[p.party], p.party, p.party, '',
      { value: { formula: sumIf(COL.nominal), result: n(p.nominal) }, format: 'wan' },
      { value: { formula: sumIf(COL.pv), result: n(p.pv) }, format: 'wan' },
      { value: { formula: sumIf(COL.share), result: n(p.share) }, format: 'share' },
    ]);
    partyNominal.set(p.party, absoluteCell(sheet.name, COL.nominal, row));
    row++;
  }

  row++;
  writeSectionHeading(sheet, row++, '按政府层级 By level of government（SUMIF over the sources）');
  writeHeader(row++, ['层级', 'Level', '', '键 Key', '金额 Nominal（元）', '现值 PV（元）', '占比 Share']);
  for (const l of c.byLevel) {
    const keyCell = `$${columnLetter(COL.level)}$${row}`;
    const sumIf = (col: number) => `SUMIF(${column(COL.level)},${keyCell},${column(col)})`;
    writeTableRow(sheet, row++, [
      GOVERNMENT_LEVEL_ZH[l.level], l.level, '', l.level,
      { value: { formula: sumIf(COL.nominal), result: n(l.nominal) }, format: 'wan' },
      { value: { formula: sumIf(COL.pv), result: n(l.pv) }, format: 'wan' },
      { value: { formula: sumIf(COL.share), result: n(l.share) }, format: 'share' },
    ]);
  }

  row++;
  writeSectionHeading(sheet, row++, '按工程类别 By capex category（元）');
  const parties = c.byParty.map((p) => p.party);
  writeHeader(row++, ['类别 Category', '', ...parties.map((p) => `${PARTY_ZH[p]} ${p}`), '合计 Total']);
  for (const cat of c.byCategory) {
    const first = columnLetter(3);
    const last = columnLetter(2 + parties.length);
    writeTableRow(sheet, row, [
      `${CAPEX_CATEGORY_ZH[cat.category]} ${cat.category}`, '',
      ...cat.byParty.map((p) => ({ value: n(p.nominal), format: 'wan' as const })),
      { value: { formula: `SUM(${first}${row}:${last}${row})`, result: n(cat.total) }, format: 'wan' },
    ]);
    row++;
  }

  for (const [title, rows] of [['户均 Per household（元）', c.perHousehold], ['每平方米 Per ㎡ of floor area（元）', c.perM2]] as const) {
    row++;
    writeSectionHeading(sheet, row++, title);
    if (rows === null) {
      writeTableRow(sheet, row++, ['（无户数或面积 not given）']);
      continue;
    }
    writeHeader(row++, ['出资方', 'Party', '金额 Amount']);
    for (const p of rows) writeTableRow(sheet, row++, [PARTY_ZH[p.party], p.party, { value: n(p.amount), format: 'yuan' }]);
  }

  for (const el of c.elevators) {
    row++;
    writeSectionHeading(sheet, row++, `加装电梯 Elevators: ${el.itemId}（${el.elevators} 部, ${el.floors} 层）`);
    writeTableRow(sheet, row++, ['每部造价 Cost per elevator', '', { value: n(el.costPerElevator), format: 'yuan' }]);
    writeTableRow(sheet, row++, ['每部补贴 Subsidy per elevator', '', { value: n(el.subsidyPerElevator), format: 'yuan' }]);
    writeTableRow(sheet, row++, ['每部居民出资 Residents per elevator', '', { value: n(el.residentsPerElevator), format: 'yuan' }]);
    writeTableRow(sheet, row++, ['每部其他来源 Other sources per elevator', '', { value: n(el.otherPerElevator), format: 'yuan' }]);
    writeHeader(row++, ['楼层 Floor', '系数 Coefficient', '户数 Households', '本层合计 Floor total（元）', '每户 Per household（元）', '其中公积金 Provident fund（元）']);
    for (const fl of el.byFloor) {
      writeTableRow(sheet, row++, [
        fl.floor, Number(fl.coefficient.toString()), fl.households,
        { value: n(fl.floorTotal), format: 'yuan' },
        { value: n(fl.perHousehold[0]!), format: 'yuan' },
        { value: n(fl.providentFund[0]!), format: 'yuan' },
      ]);
    }
  }

  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  fitTextRows(sheet, 4);
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  setUpPrinting(sheet, `A1:${columnLetter(Math.max(7, 3 + parties.length))}${row - 1}`);
  return {
    partyNominal,
    totalNominal: absoluteCell(sheet.name, COL.nominal, totalRow),
    totalShare: absoluteCell(sheet.name, COL.share, totalRow),
  };
}

