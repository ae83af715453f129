import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { SHEET } from '../../src/export/sheet-names.js';
import { evaluateParsed } from '../helpers/evaluate-input.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

/*
 * The senior/junior deal (tests/helpers/two-loan-deal.ts; own cover worked by hand in
 * tests/engine/facility-cover.test.ts): the senior loan's own min DSCR 1.271875 (2027) is below the
 * deal's 1.3, the junior's 1.301811 (2031) meets it; the junior states its own LLCR floor 3.5 against
 * its LLCR 3.012471.
 */
describe('the cover\'s covenants per facility (methodology §11.9)', () => {
  const input = buildTwoLoanDeal();
  input.funding.sources[1].covenants = { minLlcr: '3.5' };
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const evaluation = evaluateParsed(parsed.deal);
  let cover: ExcelJS.Worksheet;
  beforeAll(async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(parsed.deal, evaluation)) as unknown as ArrayBuffer);
    cover = book.getWorksheet(SHEET.cover)!;
  });
  const rowOf = (label: string) => {
    const r = cover.getColumn(1).values.findIndex((v) => v === label);
    expect(r, label).toBeGreaterThan(0);
    return cover.getRow(r);
  };
  const status = (row: ExcelJS.Row) => (row.getCell(5).value as { formula: string; result: string });

  it('tests each loan\'s own minimum DSCR against its covenant, the status a formula', () => {
    const senior = rowOf('优先级贷款：本融资最低偿债备付率 ≥');
    expect(senior.getCell(2).value).toBe('Its own minimum DSCR (rank 1 in the order, lowest in 2027)');
    expect(senior.getCell(3).value).toBe(1.3);
    expect(senior.getCell(4).value as number).toBeCloseTo(1.271875, 6);
    expect(status(senior).formula).toMatch(/^IF\(D\d+>=C\d+-/);
    expect(status(senior).result).toBe('未满足 breached');
    const junior = rowOf('次级贷款：本融资最低偿债备付率 ≥');
    expect(junior.getCell(4).value as number).toBeCloseTo(1.301811, 6);
    expect(status(junior).result).toBe('满足 met');
  });

  it('tests a facility\'s own LLCR floor where one is set', () => {
    const junior = rowOf('次级贷款：本融资贷款期偿债覆盖率 ≥');
    expect(junior.getCell(3).value).toBe(3.5);
    expect(junior.getCell(4).value as number).toBeCloseTo(3.012471, 6);
    expect(status(junior).result).toBe('未满足 breached');
    // No LLCR floor on the senior loan (the deal sets none).
    expect(cover.getColumn(1).values).not.toContain('优先级贷款：本融资贷款期偿债覆盖率 ≥');
  });

  it('lists each breach among the open points, naming the facility, its path and the years', () => {
    const text = JSON.stringify(cover.getSheetValues());
    expect(text).toContain('FACILITY_DSCR_BELOW_MINIMUM · funding.sources[0]');
    expect(text).toContain('FACILITY_LLCR_BELOW_MINIMUM · funding.sources[1]');
    expect(text).toContain('该笔融资按偿付顺序计算的偿债备付率低于其约定下限（2027 年 years）');
    expect(text).toContain('优先级贷款 (senior)');
  });

  it('prints the years each facility\'s own cover is below its covenant in the cover-by-facility table', () => {
    const header = cover.getRows(1, cover.rowCount)!.find((r) => r.getCell(2).value === '覆盖指标 Cover measure')!;
    expect(header.getCell(6).value).toBe('低于约定的年份 Breach years');
    const table = [1, 2, 3, 4, 5, 6].map((k) => cover.getRow(header.number + k)).map((r) => [r.getCell(1).value, String(r.getCell(2).value).split(' ')[0], r.getCell(6).value]);
    // Senior DSCR 284,900/224,000 = 1.271875 (2027) < 1.3; 282,900/216,000 = 1.309722 (2028) and 280,252/208,000 = 1.347365 (2029) meet it.
    // Junior DSCR ≥ 1.3 every year (lowest 1.301811); its LLCR 3.012471 at its test year 2027 < its own 3.5. No PLCR covenant exists.
    expect(table).toEqual([
      ['优先级贷款', '最低偿债备付率', '2027'],
      ['优先级贷款', '贷款期偿债覆盖率', '无约定 no covenant'],
      ['优先级贷款', '项目期偿债覆盖率', '无约定 no covenant'],
      ['次级贷款', '最低偿债备付率', '—'],
      ['次级贷款', '贷款期偿债覆盖率', '2027'],
      ['次级贷款', '项目期偿债覆盖率', '无约定 no covenant'],
    ]);
  });
});
