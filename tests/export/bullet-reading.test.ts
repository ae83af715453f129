import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { serializeEvaluation } from '../../src/engine/to-wire.js';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { CHECK_COLUMN, RESULT } from '../../src/export/checks-sheet.js';
import { describeBulletReading } from '../../src/export/describe-bullet.js';
import { buildTermSheetHtml } from '../../src/export/pdf/term-sheet-html.js';
import { BOND_BALANCE_SHEET, SHEET } from '../../src/export/sheet-names.js';
import { evaluateTemplate } from './helpers/evaluate-template.js';
import { dropCachedResults, findSoffice, recalculateToCsv } from './helpers/libreoffice.js';

/*
 * The 湘潭 bond card (models/xiangtan-bond-card.json): three bullet batches, 2025 + 15 = 2040, 2027 + 15 = 2042,
 * 2026 + 20 = 2046. The bond's own DSCR (debt.facilities) is lowest in 2040, 0.1931 — the 50,000,000 bullet over
 * one year's CFADS — and 1.4565 (2037) in the other years; the repayment account pays every bullet (no 财政补足).
 * The test recomputes the minimum outside the bullet years from the facility's yearly DSCR itself.
 */
const { deal, evaluation } = evaluateTemplate('xiangtan-bond-card');
const bond = evaluation.bonds[0]!;
const facility = evaluation.debt.facilities.find((f) => f.sourceId === bond.id)!;
const yearly = facility.dscr.flatMap((v, t) => (v === null ? [] : [{ v: v.toNumber(), year: evaluation.years[t]!.calendarYear }]));
const outside = yearly.filter((x) => ![2040, 2042, 2046].includes(x.year)).reduce((m, x) => (x.v < m.v ? x : m));
const soffice = findSoffice();
const inCi = process.env.CI === 'true';

describe('a bond\'s bullet reading in the term sheet (methodology §10.13)', () => {
  it('is the 湘潭 bond\'s: bullets 2040, 2042, 2046, lowest 0.1931 in 2040, 1.4565 (2037) outside them', () => {
    expect(bond.bullet.bulletYears).toEqual([2040, 2042, 2046]);
    expect(outside.year).toBe(2037);
    expect(outside.v).toBeCloseTo(1.4565183292, 9);
    expect(Math.min(...yearly.map((x) => x.v))).toBeCloseTo(0.1930806079, 9);
  });

  it('reads as one sentence, the figures to two places', () => {
    const text = describeBulletReading(bond.bullet)!;
    expect(text.zh).toBe('最低值出现在到期一次还本年（2040），当年为 0.19；其余年份最低 1.46（2037）；偿债资金账户足额支付到期本金');
    expect(text.en).toBe('The lowest DSCR falls in the bullet maturity year (2040): 0.19; outside them the lowest is 1.46 (2037); the repayment account pays every bullet');
    // A bullet the account cannot pay names its year and the issuer's top-up in 万元 (10,900,000 元 = 1,090.00 万元).
    const short = { ...bond.bullet, bullets: [{ year: 2042, issuerTopUp: '10900000', coveredByAccount: false }] };
    expect(describeBulletReading(short)!.paymentsZh).toBe('偿债资金账户不足：2042 年财政补足 1,090.00 万元');
    expect(describeBulletReading({ ...bond.bullet, bulletYears: [] })).toBeNull();
  });

  it('is a line of the PDF\'s cover per facility', () => {
    const html = buildTermSheetHtml(deal, serializeEvaluation(evaluation));
    expect(html).toContain(`${bond.name} 到期一次还本年 2040、2042、2046：最低值出现在到期一次还本年（2040），当年为 0.19；其余年份最低 1.46（2037）；偿债资金账户足额支付到期本金`);
  });

  it('is on the workbook\'s cover, the minimum a live MIN over the bond sheet\'s non-bullet years', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation)) as unknown as ArrayBuffer);
    const cover = book.getWorksheet(SHEET.cover)!;
    const rows = cover.getRows(1, cover.rowCount)!.filter((r) => r.getCell(1).value === bond.name);
    const years = rows.find((r) => r.getCell(2).value === '到期一次还本年份 Bullet maturity years')!;
    expect(years.getCell(3).value).toBe('2040, 2042, 2046');
    const min = rows.find((r) => r.getCell(2).value === '到期一次还本年以外最低偿债备付率 Minimum DSCR outside the bullet years')!;
    const cell = min.getCell(3).value as { formula: string; result: number };
    expect(cell.formula).toMatch(/^'校验 Checks'!\$?[A-Z]+\$?\d+$/);
    expect(cell.result).toBeCloseTo(outside.v, 12);
    expect(min.getCell(4).value).toBe('2037');
    const pays = rows.find((r) => r.getCell(2).value === '偿债资金账户支付到期本金 Repayment account pays each bullet')!;
    expect(pays.getCell(3).value).toBe('偿债资金账户足额支付到期本金');
    // The bond sheet leaves the bullet years out of its DSCR-outside line: a blank where a bullet matures. The
    // line's formulas are in the sheet's source block (its last row of that label; the printed row shows it).
    const sheet = book.getWorksheet(BOND_BALANCE_SHEET)!;
    const line = sheet.getRows(1, sheet.rowCount)!.filter((r) => r.getCell(2).value === '到期一次还本年以外的偿债备付率').at(-1)!;
    const firstYear = evaluation.years[0]!.calendarYear;
    const at = (year: number) => line.getCell(5 + year - firstYear).value as { formula: string; result: number | string | undefined };
    expect(at(2040).formula).toContain('IF(AND(');
    expect([undefined, '']).toContain(at(2040).result);
    expect(at(2037).result).toBeCloseTo(outside.v, 12);
  });

  it.skipIf(!soffice && !inCi)('recalculates in LibreOffice to the minimum outside the bullet years', async () => {
    const { bytes } = await dropCachedResults(await writeTermSheet(deal, evaluation));
    const sheets = recalculateToCsv(soffice!, bytes, 'xiangtan-bullet');
    const check = sheets.get(SHEET.checks)!.find((r) => r[CHECK_COLUMN.key - 1] === `bondMinDscrOutsideBullet.${bond.id}`)!;
    expect(Number(check[CHECK_COLUMN.recomputed - 1])).toBeCloseTo(outside.v, 9);
    expect(check[CHECK_COLUMN.result - 1]).toBe(RESULT.pass);
  }, 180_000);
});
