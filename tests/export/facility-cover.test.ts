import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { listFacilityCoverRows, readFacilityCover, type FacilityCover } from '../../src/export/facility-cover.js';
import { SHEET } from '../../src/export/sheet-names.js';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { D } from '../../src/finance/decimal.js';
import { evaluateTemplate } from './helpers/evaluate-template.js';

/** The rows of the cover's 各融资偿债覆盖 table: [facility, measure, value, year, basis]. */
async function readCoverTable(bytes: Buffer): Promise<Array<[string, string, number | string, string, string]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cover = book.getWorksheet(SHEET.cover)!;
  const header = cover.getRows(1, cover.rowCount)!.find((r) => r.getCell(2).value === '覆盖指标 Cover measure')!;
  expect(header, 'the cover has the cover-by-facility table').toBeDefined();
  const rows: Array<[string, string, number | string, string, string]> = [];
  for (let r = header.number + 1; ; r++) {
    const row = cover.getRow(r);
    if (row.getCell(1).value === null || row.getCell(1).value === undefined || row.getCell(1).value === '') break;
    const v = row.getCell(3).value as ExcelJS.CellValue;
    const value = v !== null && typeof v === 'object' && 'result' in v ? (v.result as number) : (v as number | string);
    rows.push([String(row.getCell(1).value), String(row.getCell(2).value), value, String(row.getCell(4).value ?? ''), String(row.getCell(5).value ?? '')]);
  }
  return rows;
}

describe('the cover shows each facility\'s cover (methodology §10, §11)', () => {
  const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
  const withFacilities = evaluation;

  it('without debt.facilities in the evaluation: the bond\'s own 自求平衡 coverage, and the loan labelled with the project-level DSCR and LLCR', async () => {
    // An evaluation without the per-facility cover (as an engine before it gave): the fallback rows.
    const evaluation = { ...withFacilities, debt: { ...withFacilities.debt, facilities: undefined } } as unknown as Evaluation;
    expect(readFacilityCover(evaluation)).toBeUndefined();
    const bond = evaluation.bonds.find((b) => b.id === 'fz-bond')!;
    const rows = await readCoverTable(await writeTermSheet(deal, evaluation));
    const bondName = deal.funding.sources.find((s) => s.id === 'fz-bond')!.name;
    const loanName = deal.funding.sources.find((s) => s.id === 'fz-cdb-loan')!.name;
    const bondRows = rows.filter((r) => r[0] === bondName);
    expect(bondRows.map((r) => r[1])).toEqual(['本息覆盖倍数（净收益） Coverage, net income / service', '本息覆盖倍数（收入） Coverage, revenue / service']);
    expect(bondRows[0]![2] as number).toBeCloseTo(bond.coverageNet!.toNumber(), 12);
    expect(bondRows[1]![2] as number).toBeCloseTo(bond.coverageGross!.toNumber(), 12);
    const loanRows = rows.filter((r) => r[0] === loanName);
    expect(loanRows.map((r) => r[1])).toEqual(['最低偿债备付率（项目） Minimum DSCR (project)', '贷款期偿债覆盖率（项目，运营期初） LLCR (project, at the start of operation)']);
    expect(loanRows[0]![4]).toContain('project level, all debt together');
    expect(loanRows[0]![2] as number).toBeCloseTo(evaluation.metrics.minDscr!.toNumber(), 12);
    // The year shown is the year of the lowest DSCR of the yearly row.
    const t = Number(loanRows[0]![3]) - evaluation.years[0]!.calendarYear;
    expect(evaluation.debt.dscr[t]!.eq(evaluation.metrics.minDscr!)).toBe(true);
    expect(evaluation.debt.dscr.every((v) => v === null || v.gte(evaluation.metrics.minDscr!))).toBe(true);
  });

  it('with debt.facilities in the evaluation: each facility\'s own minimum DSCR, its year, LLCR and PLCR', async () => {
    // Figures made up for the test (the engine adds them in parallel): each must appear as given.
    const facilities: FacilityCover[] = [
      { sourceId: 'fz-bond', minDscr: new D('1.4125'), minDscrYear: 2031, llcr: new D('1.55'), plcr: new D('1.9') },
      { sourceId: 'fz-cdb-loan', minDscr: new D('2.05'), minDscrYear: 2036, llcr: new D('2.622'), plcr: new D('3.1') },
    ];
    const withFacilities = { ...evaluation, debt: { ...evaluation.debt, facilities } } as Evaluation;
    expect(listFacilityCoverRows(withFacilities)).toHaveLength(6);
    const rows = await readCoverTable(await writeTermSheet(deal, withFacilities));
    const loanName = deal.funding.sources.find((s) => s.id === 'fz-cdb-loan')!.name;
    const bondName = deal.funding.sources.find((s) => s.id === 'fz-bond')!.name;
    expect(rows.filter((r) => r[0] === loanName).map((r) => [r[2], r[3]])).toEqual([[2.05, '2036'], [2.622, ''], [3.1, '']]);
    expect(rows.filter((r) => r[0] === bondName).map((r) => [r[2], r[3]])).toEqual([[1.4125, '2031'], [1.55, ''], [1.9, '']]);
    expect(rows.every((r) => r[4].includes('methodology §11'))).toBe(true);
  });

  it('a facility the evaluation\'s list leaves out falls back to what the engine has for it', () => {
    const facilities: FacilityCover[] = [{ sourceId: 'fz-cdb-loan', minDscr: new D('2.05'), minDscrYear: 2036, llcr: null, plcr: null }];
    const rows = listFacilityCoverRows({ ...evaluation, debt: { ...evaluation.debt, facilities } } as Evaluation);
    expect(rows.map((r) => r.zh)).toEqual(['本息覆盖倍数（净收益）', '本息覆盖倍数（收入）', '最低偿债备付率', '贷款期偿债覆盖率', '项目期偿债覆盖率']);
    expect(rows[3]!.value).toBeNull();
  });
});
