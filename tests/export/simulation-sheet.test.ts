import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { termSheetSimulationSchema } from '../../src/analysis/simulation/default-simulation.js';
import { DRAW_INDICATORS } from '../../src/analysis/simulation/run-chunk.js';
import { simulateDeal } from '../../src/analysis/simulation/simulate.js';
import type { SimulationRequest } from '../../src/analysis/simulation/simulation-request.js';
import { runStressPack } from '../../src/analysis/stress-pack.js';
import { writeTermSheet, type TermSheetExtras } from '../../src/export/build-term-sheet.js';
import { FORMAT } from '../../src/export/number-formats.js';
import { SIMULATION_SHEET, STRESS_SHEET } from '../../src/export/sheet-names.js';
import type { SimulationExport } from '../../src/export/simulation-sheet.js';
import { evaluateTemplate } from './helpers/evaluate-template.js';
import { dropCachedResults, findSoffice, FORMULA_ERROR, recalculateToCsv } from './helpers/libreoffice.js';

async function simulateTemplate(id: string, request: SimulationRequest) {
  const { deal, evaluation } = evaluateTemplate(id);
  const outcome = await simulateDeal(deal, request, evaluation.asOf);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return { deal, evaluation, simulation: { request, result: outcome.result } satisfies SimulationExport };
}

async function readBook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  return book;
}

/** The row whose column A or B holds `text`. */
const findRow = (sheet: ExcelJS.Worksheet, text: string) => {
  let found: ExcelJS.Row | undefined;
  sheet.eachRow((row) => {
    if (!found && (row.getCell(1).value === text || row.getCell(2).value === text)) found = row;
  });
  if (!found) throw new Error(`${sheet.name} has no row "${text}"`);
  return found;
};
const valueOf = (cell: ExcelJS.Cell) => {
  const v = cell.value;
  return v !== null && typeof v === 'object' && 'formula' in v ? v.result : v;
};

describe('the Monte Carlo sheet of the 25-year template', () => {
  const request = termSheetSimulationSchema.parse({
    variables: [
      { driver: { driver: 'price', stream: 'fz-parking-public' }, distribution: { kind: 'triangular', min: '-0.3', mode: '0', max: '0.1' } },
      { driver: { driver: 'opex' }, distribution: { kind: 'normal', mean: '0.02', sd: '0.05' } },
    ],
    draws: 30,
    seed: 4,
    irrTarget: '0.08',
  });
  let run: Awaited<ReturnType<typeof simulateTemplate>>;
  let sheet: ExcelJS.Worksheet;
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    run = await simulateTemplate('fuzhou-gulou-25y', request);
    book = await readBook(await writeTermSheet(run.deal, run.evaluation, { simulation: run.simulation }));
    sheet = book.getWorksheet(SIMULATION_SHEET)!;
  });

  it('is the last sheet, printable, with the request: draws, seed, IRR target and each variable with its distribution', () => {
    expect(book.worksheets.at(-1)!.name).toBe(SIMULATION_SHEET);
    expect(sheet.pageSetup.printArea).toMatch(/^\$?A\$?1:\$?I\$?\d+$/);
    expect(valueOf(findRow(sheet, '抽样次数 Draws').getCell(2))).toBe(30);
    expect(valueOf(findRow(sheet, '随机种子 Seed').getCell(2))).toBe(4);
    expect(valueOf(findRow(sheet, 'IRR 目标 IRR target').getCell(2))).toBe(0.08);
    const price = findRow(sheet, 'price:fz-parking-public');
    expect(price.getCell(2).value).toBe('triangular');
    // min, mode, max in C–E; the normal's mean and sd in F–G.
    expect([3, 4, 5].map((c) => price.getCell(c).value)).toEqual([-0.3, 0, 0.1]);
    const opex = findRow(sheet, 'opex');
    expect([opex.getCell(2).value, opex.getCell(6).value, opex.getCell(7).value, opex.getCell(3).value]).toEqual(['normal', 0.02, 0.05, null]);
  });

  it('shows P5/P50/P95 and the mean of every indicator as the simulation found them, beside the deterministic base', () => {
    for (const key of DRAW_INDICATORS) {
      const row = findRow(sheet, key);
      const d = run.simulation.result.percentiles[key];
      // Amounts (the NPV) print in 万元 as the label says: 元 / 10,000; rates and ratios as they are.
      const unit = key === 'projectNpvAfterTax' ? 10_000 : 1;
      const expected = [d.p5, d.p50, d.p95, d.mean].map((v) => (v === null ? '—' : Number(v) / unit));
      expect([4, 5, 6, 7].map((c) => row.getCell(c).value), key).toEqual(expected);
      expect(row.getCell(9).value, key).toBe(d.absent);
    }
    // The base column is this workbook's evaluation; a lower public-parking price pulls the median equity IRR below it.
    const equity = findRow(sheet, 'equityIrr');
    expect(equity.getCell(3).value as number).toBeCloseTo(run.evaluation.metrics.equityIrr!.toNumber(), 12);
    const gap = equity.getCell(8).value as ExcelJS.CellFormulaValue;
    expect(gap.formula).toBe(`E${equity.number}-C${equity.number}`);
    expect(gap.result as number).toBeCloseTo(Number(run.simulation.result.percentiles.equityIrr.p50) - run.evaluation.metrics.equityIrr!.toNumber(), 12);
    expect(gap.result as number).toBeLessThan(0);
    const p = (c: number) => equity.getCell(c).value as number;
    expect(p(4) <= p(5) && p(5) <= p(6)).toBe(true);
    // The NPV's base in 万元: the evaluation's 元 figure / 10,000.
    const npv = findRow(sheet, 'projectNpvAfterTax');
    expect(npv.getCell(3).value as number).toBeCloseTo(run.evaluation.metrics.projectNpvAfterTax!.toNumber() / 10_000, 8);
    expect(npv.getCell(3).numFmt).toBe(FORMAT.wanAmount);
  });

  it('gives each probability with its threshold and the base value; the IRR target is the request\'s', () => {
    const probabilities = run.simulation.result.probabilities;
    const dscr = findRow(sheet, 'minDscrBelow1');
    expect([dscr.getCell(3).value, dscr.getCell(4).value]).toEqual([Number(probabilities.minDscrBelow1), 1]);
    expect(dscr.getCell(5).value as number).toBeCloseTo(run.evaluation.metrics.minDscr!.toNumber(), 12);
    const bond = findRow(sheet, 'bondCoverageBelow1_1');
    expect([bond.getCell(3).value, bond.getCell(4).value]).toEqual([Number(probabilities.bondCoverageBelow1_1), 1.1]);
    const equity = findRow(sheet, 'equityIrrBelowTarget');
    expect([equity.getCell(3).value, equity.getCell(4).value]).toEqual([Number(probabilities.equityIrrBelowTarget), 0.08]);
    expect(findRow(sheet, '（无 none）').getCell(2).value).toBe(0);
    const invalid = findRow(sheet, '无效抽样 Invalid draws').getCell(2).value as ExcelJS.CellFormulaValue;
    expect(invalid.formula).toBe(`B${findRow(sheet, '抽样次数 Draws').number}-B${findRow(sheet, '有效抽样 Valid draws').number}`);
  });

  it('comes after the stress tests when both are asked for', async () => {
    const stress = runStressPack(run.deal, run.evaluation.asOf);
    if (!stress.ok) throw new Error(JSON.stringify(stress.problems));
    const extras: TermSheetExtras = { stress: stress.result, simulation: run.simulation };
    const both = await readBook(await writeTermSheet(run.deal, run.evaluation, extras));
    expect(both.worksheets.slice(-2).map((s) => s.name)).toEqual([STRESS_SHEET, SIMULATION_SHEET]);
  });
});

describe('the Monte Carlo sheet of a simulation some of whose draws make the deal invalid (深圳, revenue cut by up to 150%)', () => {
  it('counts the invalid draws by problem, and the invalid total is draws − valid', async () => {
    // A revenue change below −100% prices the streams below zero: such a draw is OUT_OF_RANGE.
    const variables = [
      { driver: { driver: 'revenue' }, distribution: { kind: 'uniform', min: '-1.5', max: '0' } },
      { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
    ];
    const run = await simulateTemplate('shenzhen-elevator', termSheetSimulationSchema.parse({ draws: 25, seed: 9, variables }));
    const { result } = run.simulation;
    const invalid = Object.entries(result.invalidDraws);
    expect(invalid.length).toBeGreaterThan(0);
    const sheet = (await readBook(await writeTermSheet(run.deal, run.evaluation, { simulation: run.simulation }))).getWorksheet(SIMULATION_SHEET)!;
    for (const [code, count] of invalid) expect(findRow(sheet, code).getCell(2).value).toBe(count);
    const total = findRow(sheet, '无效抽样 Invalid draws').getCell(2).value as ExcelJS.CellFormulaValue;
    expect(total.result).toBe(invalid.reduce((s, [, n]) => s + n, 0));
    expect(total.result).toBe(25 - result.validDraws);
    expect(result.invalidDraws.OUT_OF_RANGE).toBeGreaterThan(0);
    // The request's variables are listed.
    expect(findRow(sheet, 'revenue').getCell(2).value).toMatch(/uniform/);
    expect(findRow(sheet, 'capex').getCell(2).value).toMatch(/triangular/);
  });
});

/** A number as LibreOffice writes it to CSV: a rate cell (format 0.0000%) as a percentage. */
const readNumber = (text: string) => (text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text));

const soffice = findSoffice();
describe.skipIf(!soffice && process.env.CI !== 'true')('the Monte Carlo sheet recalculated by LibreOffice', () => {
  it('computes its formulas (invalid draws, P50 − base) to the cached values, without errors', async () => {
    expect(soffice, 'soffice must be installed in CI (.ci/run installs libreoffice-calc)').not.toBeNull();
    const run = await simulateTemplate('lugu-package', termSheetSimulationSchema.parse({ draws: 20, seed: 2 }));
    const { bytes } = await dropCachedResults(await writeTermSheet(run.deal, run.evaluation, { simulation: run.simulation }));
    const rows = recalculateToCsv(soffice!, bytes, 'lugu-simulation').get(SIMULATION_SHEET)!;
    expect(rows.flat().filter((cell) => FORMULA_ERROR.test(cell))).toEqual([]);
    const row = (text: string) => rows.find((r) => r[0] === text || r[1] === text)!;
    expect(Number(row('无效抽样 Invalid draws')[1])).toBe(20 - run.simulation.result.validDraws);
    for (const key of ['equityIrr', 'projectIrrAfterTax'] as const) {
      const p50 = Number(run.simulation.result.percentiles[key].p50);
      expect(readNumber(row(key)[7]!), key).toBeCloseTo(p50 - run.evaluation.metrics[key]!.toNumber(), 9);
    }
  }, 120_000);
});
