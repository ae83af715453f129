import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePortfolioWorkbook } from '../../../src/export/portfolio/build-portfolio-workbook.js';
import { AFFORDABILITY_COLUMN } from '../../../src/export/portfolio/affordability-sheet.js';
import { PORTFOLIO_SHEET } from '../../../src/export/portfolio/portfolio-sheet-names.js';
import { PORTFOLIO_COLUMN, PORTFOLIO_ROW } from '../../../src/export/portfolio/portfolio-statement-sheet.js';
import { roundToFen } from '../../../src/finance/decimal.js';
import { evaluateTemplatePortfolio } from '../helpers/evaluate-template-portfolio.js';
import { listConstantsInFormulas } from '../helpers/formula-constants.js';

const GROWTH = { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' };

async function buildBook(budget: unknown) {
  const run = evaluateTemplatePortfolio(budget);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await writePortfolioWorkbook(run.portfolio, run.members, run.result, '2026-11-23')) as unknown as ArrayBuffer);
  return { ...run, book };
}

/** Rows of a sheet whose column A holds `key`: the portfolio's first, then one per member that has the row. */
const rowsOf = (sheet: ExcelJS.Worksheet, key: string) => sheet.getRows(1, sheet.rowCount)!.filter((r) => r.getCell(PORTFOLIO_COLUMN.key).value === key);
/** On a statement sheet, the 元 rows of a key (folded away, hidden): the portfolio's first, then the members'. */
const sourceRowsOf = (sheet: ExcelJS.Worksheet, key: string) => rowsOf(sheet, key).filter((r) => r.hidden);
/** On a statement sheet, the printed 万元 rows of a key, in the same order. */
const printedRowsOf = (sheet: ExcelJS.Worksheet, key: string) => rowsOf(sheet, key).filter((r) => !r.hidden);
const formulaOf = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).formula;

describe('the portfolio workbook of 福州, 湘潭 and a later 鲁谷 with a growing budget', () => {
  let run: Awaited<ReturnType<typeof buildBook>>;
  // Three templates evaluated and a workbook written: minutes, not seconds, on a loaded 2-core machine.
  beforeAll(async () => {
    run = await buildBook(GROWTH);
  }, 300_000);

  it('has the summary, the six summed statements, contributions and affordability, each printable', () => {
    expect(run.book.worksheets.map((s) => s.name)).toEqual(Object.values(PORTFOLIO_SHEET));
    for (const sheet of run.book.worksheets) expect(sheet.pageSetup.printArea, sheet.name).toMatch(/^\$?A\$?1:\$?[A-Z]+\$?\d+$/);
    expect(listConstantsInFormulas(run.book)).toEqual([]);
  });

  it('writes each portfolio cell of a statement as a SUM over the members\' cells of that row and year, the engine\'s sum cached', () => {
    const { result } = run;
    const sheet = run.book.getWorksheet(PORTFOLIO_SHEET.projectCashFlow)!;
    expect(sheet.getRow(PORTFOLIO_ROW.calendarYear).getCell(PORTFOLIO_COLUMN.firstYear).value).toBe(2027);
    result.statements.projectCashFlow.rows.forEach((line, i) => {
      const row = sheet.getRow(PORTFOLIO_ROW.firstLine + i);
      expect(row.getCell(PORTFOLIO_COLUMN.key).value).toBe(line.key);
      const memberRows = sourceRowsOf(sheet, line.key).slice(1).map((r) => r.number);
      expect(memberRows).toHaveLength(3);
      result.years.forEach((_, y) => {
        const cell = row.getCell(PORTFOLIO_COLUMN.firstYear + y);
        const letter = sheet.getColumn(PORTFOLIO_COLUMN.firstYear + y).letter;
        expect(formulaOf(cell)).toBe(`SUM(${memberRows.map((r) => `${letter}${r}`).join(',')})`);
        expect((cell.value as ExcelJS.CellFormulaValue).result ?? 0).toBe(Number(line.values[y]));
      });
    });
  });

  it('prints every statement in 万元: each printed cell is its folded 元 cell divided by the sheet\'s 元/万元 cell, in the print area', () => {
    const { result } = run;
    const sheet = run.book.getWorksheet(PORTFOLIO_SHEET.projectCashFlow)!;
    // The unit cell: 10,000 元 a 万元, beside the folded block's heading.
    expect(sheet.getCell(PORTFOLIO_ROW.blockHeading, PORTFOLIO_COLUMN.total).value).toBe(10_000);
    const unit = `$${sheet.getColumn(PORTFOLIO_COLUMN.total).letter}$${PORTFOLIO_ROW.blockHeading}`;
    const lastPrinted = Number(/\d+$/.exec(String(sheet.pageSetup.printArea))![0]);
    let checked = 0;
    for (const line of result.statements.projectCashFlow.rows) {
      const sources = sourceRowsOf(sheet, line.key);
      const printed = printedRowsOf(sheet, line.key);
      // The portfolio and its three members, each once folded (元) and once printed (万元).
      expect(printed.map((r) => r.number > sources.at(-1)!.number)).toEqual(sources.map(() => true));
      printed.forEach((row, b) => {
        expect(row.number).toBeLessThanOrEqual(lastPrinted);
        result.years.forEach((_, y) => {
          const column = PORTFOLIO_COLUMN.firstYear + y;
          const letter = sheet.getColumn(column).letter;
          const source = `${letter}${sources[b]!.number}`;
          expect(formulaOf(row.getCell(column))).toBe(`IF(ISNUMBER(${source}),${source}/${unit},"")`);
          const yuan = b === 0 ? Number(line.values[y]) : (sources[b]!.getCell(column).value as number);
          // 万元 = 元 / 10,000 (1 万元 = 10,000 元), cached to the engine's figure.
          // (exceljs reads a cached 0 back as no result.)
          expect(Number((row.getCell(column).value as ExcelJS.CellFormulaValue).result ?? 0)).toBeCloseTo(yuan / 10_000, 8);
          checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(1000);
    expect(String(sheet.getCell(2, 1).value)).toContain('金额单位：万元');
  });

  it('aligns each member by calendar year: 鲁谷, starting in 2029, has no flows in 2027–2028, then its own year 1 to the 分', () => {
    const sheet = run.book.getWorksheet(PORTFOLIO_SHEET.projectCashFlow)!;
    const lugu = sourceRowsOf(sheet, 'constructionInvestment')[3]!;
    const own = run.members[2]!.evaluation.statements.projectCashFlow.rows.find((r) => r.key === 'constructionInvestment')!;
    const first = PORTFOLIO_COLUMN.firstYear;
    expect([lugu.getCell(first).value, lugu.getCell(first + 1).value]).toEqual([0, 0]);
    expect(lugu.getCell(first + 2).value).toBe(roundToFen(own.values[0]!).toNumber());
    expect(own.values[0]!.isZero()).toBe(false);
  });

  it('sums each party\'s contributions over the members\' columns', () => {
    const sheet = run.book.getWorksheet(PORTFOLIO_SHEET.contributions)!;
    const residents = rowsOf(sheet, 'residents')[0]!;
    expect(formulaOf(residents.getCell(3))).toBe(`SUM(E${residents.number},G${residents.number},I${residents.number})`);
    expect(formulaOf(residents.getCell(4))).toBe(`SUM(F${residents.number},H${residents.number},J${residents.number})`);
    const expected = run.result.contributions.byParty.find((p) => p.party === 'residents')!;
    expect((residents.getCell(3).value as ExcelJS.CellFormulaValue).result).toBe(Number(expected.nominal));
    // 湘潭's residents paid 79.9万 (methodology §1): its nominal column holds it.
    expect(residents.getCell(7).value).toBe(799_000);
  });

  it('checks affordability by formulas: the envelope grown from its base, spending linked to the fiscal view, share and breach per year', () => {
    const sheet = run.book.getWorksheet(PORTFOLIO_SHEET.affordability)!;
    const year2027 = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 2027)!;
    const at = (column: number) => year2027.getCell(column);
    expect(formulaOf(at(AFFORDABILITY_COLUMN.expenditure))).toMatch(/^\$B\$\d+\*\(1\+\$B\$\d+\)\^\(A\d+-\$B\$\d+\)$/);
    // PPP-type spending is the general budget's grants + operating support, not the bond rows (methodology §10.10).
    const fiscalRow = (key: string) => rowsOf(run.book.getWorksheet(PORTFOLIO_SHEET.fiscalView)!, key)[0]!.number;
    expect(formulaOf(at(AFFORDABILITY_COLUMN.ppp))).toBe(`'${PORTFOLIO_SHEET.fiscalView}'!E${fiscalRow('district.grants')}+'${PORTFOLIO_SHEET.fiscalView}'!E${fiscalRow('district.operatingSupport')}`);
    expect(formulaOf(at(AFFORDABILITY_COLUMN.pppBreach))).toContain(`D${year2027.number}>$B$`);
    // The district's grants in 2027 are above 10% of a 5000万 budget: the engine and the cached flag agree.
    expect(run.result.affordability!.pppBreaches).toContain(2027);
    expect((at(AFFORDABILITY_COLUMN.pppBreach).value as ExcelJS.CellFormulaValue).result).toBe(1);
  });

  it('links the summary\'s totals to the sheets that compute them', () => {
    const summary = run.book.getWorksheet(PORTFOLIO_SHEET.summary)!;
    const rows = summary.getRows(1, summary.rowCount)!;
    const investment = rows.find((r) => String(r.getCell(1).value).startsWith('建设投资'))!.getCell(2).value as ExcelJS.CellFormulaValue;
    expect(investment.formula).toMatch(new RegExp(`^'${PORTFOLIO_SHEET.projectCashFlow}'!\\$D\\$\\d+$`));
    const breaches = rows.find((r) => String(r.getCell(1).value).startsWith('PPP 类支出超限年数'))!.getCell(2).value as ExcelJS.CellFormulaValue;
    expect(breaches.result).toBe(run.result.affordability!.pppBreaches.length);
    expect(rows.filter((r) => /^\d\. /.test(String(r.getCell(1).value))).map((r) => r.getCell(3).value)).toEqual(['deal_fz', 'deal_xt', 'deal_lg']);
  });
});

describe('the affordability sheet without a full envelope', () => {
  it('leaves a year without a stated budget unchecked (blank), and takes the stated years as inputs', async () => {
    const { book, result } = await buildBook({ kind: 'by-year', years: [{ year: 2027, expenditure: '80000000' }, { year: 2028, expenditure: '0' }] });
    const sheet = book.getWorksheet(PORTFOLIO_SHEET.affordability)!;
    const yearRow = (year: number) => sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === year)!;
    expect(yearRow(2027).getCell(AFFORDABILITY_COLUMN.expenditure).value).toBe(80_000_000);
    expect(yearRow(2029).getCell(AFFORDABILITY_COLUMN.expenditure).value).toBeNull();
    // Cached as "" (exceljs reads an empty cached text back as undefined): neither a breach nor a pass.
    expect(['', undefined]).toContain((yearRow(2029).getCell(AFFORDABILITY_COLUMN.pppBreach).value as ExcelJS.CellFormulaValue).result);
    // A stated budget of 0 with spending breaches, as the engine says.
    expect(result.affordability!.pppBreaches).toContain(2028);
    expect((yearRow(2028).getCell(AFFORDABILITY_COLUMN.pppBreach).value as ExcelJS.CellFormulaValue).result).toBe(1);
  });

  it('says so on the summary when the portfolio has no envelope', async () => {
    const { book } = await buildBook(undefined);
    const summary = book.getWorksheet(PORTFOLIO_SHEET.summary)!;
    const row = summary.getRows(1, summary.rowCount)!.find((r) => String(r.getCell(1).value).startsWith('PPP 类支出超限年数'))!;
    expect(row.getCell(2).value).toBe('未给出预算口径 no budget envelope');
  });
});
