import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { listFacilityCoverRows } from '../../src/export/facility-cover.js';
import { SHEET } from '../../src/export/sheet-names.js';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { D } from '../../src/finance/decimal.js';
import { COVENANT_TOLERANCE } from '../../src/engine/covenant-rule.js';
import { TEMPLATE_IDS, evaluateTemplate } from './helpers/evaluate-template.js';

/** The rows of the cover's 各融资偿债覆盖 table: [facility, measure, value, year, basis, breach years]. */
async function readCoverTable(bytes: Buffer): Promise<Array<[string, string, number | string, string, string, string]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const cover = book.getWorksheet(SHEET.cover)!;
  const header = cover.getRows(1, cover.rowCount)!.find((r) => r.getCell(2).value === '覆盖指标 Cover measure')!;
  expect(header, 'the cover has the cover-by-facility table').toBeDefined();
  const rows: Array<[string, string, number | string, string, string, string]> = [];
  for (let r = header.number + 1; ; r++) {
    const row = cover.getRow(r);
    if (row.getCell(1).value === null || row.getCell(1).value === undefined || row.getCell(1).value === '') break;
    const v = row.getCell(3).value as ExcelJS.CellValue;
    const value = v !== null && typeof v === 'object' && 'result' in v ? (v.result as number) : (v as number | string);
    rows.push([String(row.getCell(1).value), String(row.getCell(2).value), value, String(row.getCell(4).value ?? ''), String(row.getCell(5).value ?? ''), String(row.getCell(6).value ?? '')]);
  }
  return rows;
}

const MEASURES = ['最低偿债备付率 Minimum DSCR', '贷款期偿债覆盖率 LLCR (to its last maturity, at its rate)', '项目期偿债覆盖率 PLCR (to the end of operation)'];

describe('the cover shows each facility\'s own cover (methodology §11.9)', () => {
  it('on 福州鼓楼: the bond (served first) and the 国开 loan with the figures methodology §11.9 works', async () => {
    const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const rows = await readCoverTable(await writeTermSheet(deal, evaluation));
    const name = (id: string) => deal.funding.sources.find((s) => s.id === id)!.name;
    const of = (id: string) => rows.filter((r) => r[0] === name(id)).map((r) => [r[1], Number(r[2]).toFixed(4), r[3]]);
    // Bond min DSCR 4.4086, LLCR 6.8241; loan (from what the bond leaves, at 3.2%) 1.6090 in 2037, LLCR 2.7029, PLCR 2.9429.
    expect(of('fz-bond').slice(0, 2)).toEqual([[MEASURES[0], '4.4086', expect.any(String)], [MEASURES[1], '6.8241', '']]);
    expect(of('fz-cdb-loan')).toEqual([[MEASURES[0], '1.6090', '2037'], [MEASURES[1], '2.7029', ''], [MEASURES[2], '2.9429', '']]);
    expect(rows.every((r) => r[4].includes('methodology §11'))).toBe(true);
    // The loan's lowest DSCR 1.6090 is above the deal's floor, so no year breaches.
    expect(Number(deal.covenants.minDscr)).toBeLessThan(1.609);
    // The template sets no LLCR floor (covenants.minLlcr absent), so the LLCR and PLCR rows have none to breach.
    expect(deal.covenants.minLlcr).toBeUndefined();
    expect(rows.filter((r) => r[0] === name('fz-cdb-loan')).map((r) => r[5])).toEqual(['—', '无约定 no covenant', '无约定 no covenant']);
  });

  it.each(TEMPLATE_IDS)('%s: three rows per loan or bond, in the deal\'s order, each the facility\'s own figure', async (id) => {
    const { deal, evaluation } = evaluateTemplate(id);
    const debts = evaluation.financing.debts;
    if (debts.length === 0) return; // no loan or bond: the cover has no facilities table
    const rows = await readCoverTable(await writeTermSheet(deal, evaluation));
    expect(rows).toHaveLength(3 * debts.length);
    debts.forEach((d, k) => {
      const f = evaluation.debt.facilities.find((x) => x.sourceId === d.source.id)!;
      const [dscr, llcr, plcr] = rows.slice(3 * k, 3 * k + 3);
      expect([dscr![0], llcr![0], plcr![0]]).toEqual([d.source.name, d.source.name, d.source.name]);
      expect([dscr![1], llcr![1], plcr![1]]).toEqual(MEASURES);
      // The minimum is the lowest of the facility's yearly DSCRs, shown in the year it falls in.
      const yearly = f.dscr.flatMap((v, t) => (v === null ? [] : [{ v, year: evaluation.years[t]!.calendarYear }]));
      const lowest = yearly.reduce<{ v: D; year: number } | null>((m, x) => (m === null || x.v.lt(m.v) ? x : m), null);
      if (lowest === null) expect(dscr![2]).toBe('—');
      else {
        expect(dscr![2] as number).toBeCloseTo(lowest.v.toNumber(), 12);
        expect(dscr![3]).toBe(String(lowest.year));
      }
      expect(llcr![2]).toEqual(f.llcr === null ? '—' : expect.closeTo(f.llcr.toNumber(), 12));
      expect(plcr![2]).toEqual(f.plcr === null ? '—' : expect.closeTo(f.plcr.toNumber(), 12));
      // Breach years: the DSCR years below the facility's own floor (recomputed here from its yearly DSCR and the
      // covenant rule's tolerance), the LLCR's test year when below; "—" when met, a note without a covenant.
      const below = f.covenant.minDscr === null ? null : yearly.filter((x) => x.v.lt(new D(f.covenant.minDscr!).minus(COVENANT_TOLERANCE))).map((x) => x.year);
      expect(dscr![5]).toBe(below === null ? '无约定 no covenant' : below.length === 0 ? '—' : below.join(', '));
      expect(llcr![5]).toBe(f.covenant.minLlcr === null ? '无约定 no covenant' : f.covenant.llcrBreachYears.length === 0 ? '—' : String(f.llcrYear));
      expect(plcr![5]).toBe('无约定 no covenant');
    });
  });

  it('shows the figures the evaluation carries, whatever they are (the exporter computes no cover)', () => {
    const { evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const facilities = evaluation.debt.facilities.map((f) => ({ ...f, minDscr: new D('2.05'), minDscrYear: 2036, llcr: new D('2.622'), plcr: null }));
    const rows = listFacilityCoverRows({ ...evaluation, debt: { ...evaluation.debt, facilities } } as Evaluation);
    expect(rows.map((r) => [r.value?.toString() ?? null, r.year])).toEqual([['2.05', 2036], ['2.622', null], [null, null], ['2.05', 2036], ['2.622', null], [null, null]]);
  });

  it('fails loudly on an evaluation missing a facility\'s cover rather than showing another basis', () => {
    const { evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const e = { ...evaluation, debt: { ...evaluation.debt, facilities: evaluation.debt.facilities.slice(1) } } as Evaluation;
    expect(() => listFacilityCoverRows(e)).toThrow(/no cover for facility/);
  });
});
