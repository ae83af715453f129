import { describe, expect, it } from 'vitest';
import { PORTFOLIO_STATEMENTS } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { AFFORDABILITY_COLUMN } from '../../../src/export/portfolio/affordability-sheet.js';
import { writePortfolioWorkbook } from '../../../src/export/portfolio/build-portfolio-workbook.js';
import { PORTFOLIO_SHEET } from '../../../src/export/portfolio/portfolio-sheet-names.js';
import { PORTFOLIO_COLUMN, PORTFOLIO_ROW } from '../../../src/export/portfolio/portfolio-statement-sheet.js';
import { evaluateTemplatePortfolio } from '../helpers/evaluate-template-portfolio.js';
import { dropCachedResults, findSoffice, FORMULA_ERROR, recalculateToCsv } from '../helpers/libreoffice.js';

const soffice = findSoffice();
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('LibreOffice (soffice) is not installed: the portfolio recalculation proof is skipped.');

/** Money: every member cell is to the 分, so a sum of them is within float noise of the engine's decimal sum. */
const MONEY = 0.005;
/** The engine states budget shares to 6 places (check-affordability.ts). */
const SHARE = 5e-7 + 1e-12;

/** A number as LibreOffice writes it to CSV: a share cell (format 0.0000%) as a percentage. */
const readNumber = (text: string) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));

const ENVELOPES = [
  ['a growing budget', { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' }],
  // 2028 stated as 0 (any spending breaches), 2029 not stated (not checked).
  ['a budget stated for some years', { kind: 'by-year', years: [{ year: 2027, expenditure: '80000000' }, { year: 2028, expenditure: '0' }, { year: 2030, expenditure: '60000000' }] }],
] as const;

// In CI this must run: without soffice it fails here rather than skipping (.ci/run installs LibreOffice).
describe.skipIf(!soffice && !inCi)('portfolio workbook recalculated by LibreOffice from formulas alone', () => {
  it.each(ENVELOPES)('with %s: every portfolio total recomputes to the engine\'s sum, the affordability check to its verdict, no formula errors', async (_, budget) => {
    expect(soffice, 'soffice must be installed in CI (.ci/run installs libreoffice-calc)').not.toBeNull();
    const { portfolio, members, result } = evaluateTemplatePortfolio(budget);
    const { bytes, formulas } = await dropCachedResults(await writePortfolioWorkbook(portfolio, members, result, '2026-11-23'));
    expect(formulas).toBeGreaterThan(1000);
    const sheets = recalculateToCsv(soffice!, bytes, 'portfolio');
    expect([...sheets.keys()].sort()).toEqual(Object.values(PORTFOLIO_SHEET).sort());
    const errors = [...sheets].flatMap(([sheet, rows]) => rows.flatMap((row, r) => row.flatMap((cell, c) => (FORMULA_ERROR.test(cell) ? [`${sheet} R${r + 1}C${c + 1} ${cell}`] : []))));
    expect(errors).toEqual([]);

    // Statements: each cell of the portfolio block and its total, against the engine's sums.
    let compared = 0;
    for (const key of PORTFOLIO_STATEMENTS) {
      const rows = sheets.get(PORTFOLIO_SHEET[key as keyof typeof PORTFOLIO_SHEET])!;
      result.statements[key].rows.forEach((line, i) => {
        const csv = rows[PORTFOLIO_ROW.firstLine - 1 + i]!;
        expect(csv[PORTFOLIO_COLUMN.key - 1]).toBe(line.key);
        line.values.forEach((value, y) => {
          const cell = csv[PORTFOLIO_COLUMN.firstYear - 1 + y]!;
          expect(Math.abs(Number(cell) - Number(value)), `${key}.${line.key} ${result.years[y]}: ${cell} vs ${value}`).toBeLessThanOrEqual(MONEY);
          compared++;
        });
        if (line.total !== null) expect(Math.abs(Number(csv[PORTFOLIO_COLUMN.total - 1]) - Number(line.total)), `${key}.${line.key} total`).toBeLessThanOrEqual(MONEY);
      });
    }
    expect(compared).toBeGreaterThan(3000);

    // Contributions: the lines with figures, in order (total, parties, levels, kinds of source), against the engine.
    const c = result.contributions;
    const expected = [{ key: 'total', ...c.total }, ...c.byParty.map((p) => ({ key: p.party, ...p })), ...c.byLevel.map((l) => ({ key: l.level, ...l })), ...c.bySourceKind.map((k) => ({ key: k.kind, ...k }))];
    const lines = sheets.get(PORTFOLIO_SHEET.contributions)!.filter((r) => r[0] !== '' && r[2] !== '' && Number.isFinite(Number(r[2])));
    expect(lines.map((r) => r[0])).toEqual(expected.map((e) => e.key));
    lines.forEach((r, i) => {
      expect(Math.abs(Number(r[2]) - Number(expected[i]!.nominal)), `${r[0]} nominal`).toBeLessThanOrEqual(MONEY);
      expect(Math.abs(Number(r[3]) - Number(expected[i]!.pv)), `${r[0]} PV`).toBeLessThanOrEqual(MONEY);
    });

    // Affordability: the envelope, the spending, the shares and the breaching years, year by year.
    const a = result.affordability!;
    const A = AFFORDABILITY_COLUMN;
    const years = sheets.get(PORTFOLIO_SHEET.affordability)!.filter((r) => /^\d{4}$/.test(r[0]!));
    expect(years.map((r) => Number(r[0]))).toEqual(result.years);
    const flag = (breaches: number[], year: number, expenditure: string | null) => (expenditure === null ? '' : breaches.includes(year) ? '1' : '0');
    a.years.forEach((engine, i) => {
      const r = years[i]!;
      const cell = (column: number) => r[column - 1]!;
      if (engine.expenditure === null) expect(cell(A.expenditure)).toBe('');
      else expect(Math.abs(Number(cell(A.expenditure)) - Number(engine.expenditure)), `${engine.year} budget`).toBeLessThanOrEqual(MONEY);
      expect(Math.abs(Number(cell(A.ppp)) - Number(engine.pppSpending))).toBeLessThanOrEqual(MONEY);
      expect(Math.abs(Number(cell(A.governmentPay)) - Number(engine.governmentPay))).toBeLessThanOrEqual(MONEY);
      for (const [column, ratio] of [[A.pppRatio, engine.pppRatio], [A.governmentPayRatio, engine.governmentPayRatio]] as const) {
        if (ratio === null) expect(cell(column), `${engine.year} share`).toBe('');
        else expect(Math.abs(readNumber(cell(column)) - Number(ratio)), `${engine.year} share`).toBeLessThanOrEqual(SHARE);
      }
      expect(cell(A.pppBreach), `${engine.year} PPP breach`).toBe(flag(a.pppBreaches, engine.year, engine.expenditure));
      expect(cell(A.governmentPayBreach), `${engine.year} government-pay breach`).toBe(flag(a.governmentPayBreaches, engine.year, engine.expenditure));
    });
    expect(a.pppBreaches.length).toBeGreaterThan(0);

    // The summary's links: construction investment, contributions and the counts of breaching years.
    const summary = sheets.get(PORTFOLIO_SHEET.summary)!;
    const valueOf = (prefix: string) => summary.find((r) => r[0]!.startsWith(prefix))![1]!;
    expect(Number(valueOf('出资合计'))).toBeCloseTo(Number(c.total.nominal), 2);
    expect(Number(valueOf('PPP 类支出超限年数'))).toBe(a.pppBreaches.length);
    expect(Number(valueOf('政府付费超限年数'))).toBe(a.governmentPayBreaches.length);
    console.log(`portfolio with ${budget.kind} envelope: ${formulas} formulas, ${compared} statement cells recomputed; breaches ${a.pppBreaches.join(',')} / ${a.governmentPayBreaches.join(',')}`);
  }, 120_000);
});
