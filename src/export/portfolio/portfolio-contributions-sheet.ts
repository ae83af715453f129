import type { Worksheet } from 'exceljs';
import { groupContributions, type PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import { GOVERNMENT_LEVEL_ZH, type GovernmentLevel } from '../../deal/funding-schema.js';
import { PARTY_ZH, type Party } from '../../engine/contributions.js';
import type { WorkbookMember } from './workbook-member.js';
import { absoluteCell, columnLetter, relativeCell } from '../cell-address.js';
import { fitAmountWidth } from '../number-formats.js';
import { fitTextRows } from '../print-setup.js';
import { setUpPrinting, writeTitle } from '../cell-styles.js';
import { writeSectionHeading, writeTableHeader, writeTableRow, type TableCell } from '../table-rows.js';

type Amounts = { nominal: string; pv: string };
type Contributions = WorkbookMember['evaluation']['contributions'];

/** One grouping of the contributions: its rows as the portfolio reports them, and each member's figures by key. */
interface Grouping {
  title: string;
  rows: { key: string; name: string; amounts: Amounts }[];
  ofMember: (c: Contributions) => Map<string, Amounts>;
}

const COL = { key: 1, name: 2, nominal: 3, pv: 4, firstMember: 5 } as const;

const byKey = (groups: { key: string; nominal: string; pv: string }[]) => new Map(groups.map(({ key, ...amounts }) => [key, amounts]));

/** Where the portfolio's contribution totals are, for the summary sheet. */
export interface PortfolioContributionCells {
  totalNominal: string;
}

/**
 * 出资分担 of the portfolio (methodology §5): who pays the construction investment — the total, by party,
 * by level of government and by kind of source, nominal and PV. Each member has a nominal and a PV
 * column (its own figures to the 分); the portfolio's columns are live SUMs over the members' cells.
 */
export function writePortfolioContributionsSheet(sheet: Worksheet, result: PortfolioResult, members: readonly WorkbookMember[], subtitle: string): PortfolioContributionCells {
  writeTitle(sheet, '出资分担 Contributions — 片区合计 portfolio', `${subtitle} · 合计列为各成员列之和（公式）the totals are SUMs over the members' columns; PVs are each member's own`);
  const c = result.contributions;
  const groupings: Grouping[] = [
    {
      title: '建设投资 Construction investment',
      rows: [{ key: 'total', name: '建设投资合计 Total', amounts: c.total }],
      ofMember: (m) => byKey(groupContributions([m.total], () => 'total')),
    },
    {
      title: '按出资方 By party',
      rows: c.byParty.map((p) => ({ key: p.party, name: PARTY_ZH[p.party as Party], amounts: p })),
      ofMember: (m) => byKey(groupContributions(m.byParty, (r) => r.party)),
    },
    {
      title: '按政府层级 By level of government',
      rows: c.byLevel.map((l) => ({ key: l.level, name: GOVERNMENT_LEVEL_ZH[l.level as GovernmentLevel], amounts: l })),
      ofMember: (m) => byKey(groupContributions(m.byLevel, (r) => r.level)),
    },
    {
      title: '按资金来源类型 By kind of source',
      rows: c.bySourceKind.map((k) => ({ key: k.kind, name: k.kind, amounts: k })),
      ofMember: (m) => byKey(groupContributions(m.bySource, (r) => r.kind)),
    },
  ];
  const memberColumn = (index: number, which: 'nominal' | 'pv') => COL.firstMember + 2 * index + (which === 'pv' ? 1 : 0);
  const header = ['键 Key', '名称 Name', '名义合计 Nominal total（元）', '现值合计 PV total（元）', ...members.flatMap((m, i) => [`${i + 1}. ${m.label} 名义 nominal`, `${i + 1}. ${m.label} 现值 PV`])];

  let row = 4;
  let totalNominal = '';
  for (const grouping of groupings) {
    writeSectionHeading(sheet, row++, grouping.title);
    writeTableHeader(sheet, row++, header);
    const ofMembers = members.map((m) => grouping.ofMember(m.evaluation.contributions));
    for (const line of grouping.rows) {
      const sumOfMembers = (which: 'nominal' | 'pv'): TableCell => ({
        value: { formula: `SUM(${members.map((_, i) => relativeCell(memberColumn(i, which), row)).join(',')})`, result: Number(line.amounts[which]) },
        format: 'wan',
      });
      const memberCells = ofMembers.flatMap((amounts): TableCell[] => {
        const own = amounts.get(line.key);
        return own ? [{ value: Number(own.nominal), format: 'wan' }, { value: Number(own.pv), format: 'wan' }] : [null, null];
      });
      writeTableRow(sheet, row, [line.key, line.name, sumOfMembers('nominal'), sumOfMembers('pv'), ...memberCells]);
      if (grouping === groupings[0]) totalNominal = absoluteCell(sheet.name, COL.nominal, row);
      row++;
    }
    row++;
  }

  const lastColumn = memberColumn(members.length - 1, 'pv');
  // Amount columns as wide as the largest amount (the total) needs: no ###.
  const amountWidth = fitAmountWidth([Number(result.contributions.total.nominal)], 14);
  [24, 24, amountWidth, amountWidth].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (let col = COL.firstMember; col <= lastColumn; col++) sheet.getColumn(col).width = amountWidth;
  sheet.views = [{ state: 'frozen', xSplit: COL.pv, ySplit: 3 }];
  fitTextRows(sheet, 3);
  setUpPrinting(sheet, `A1:${columnLetter(lastColumn)}${row - 2}`);
  return { totalNominal };
}
