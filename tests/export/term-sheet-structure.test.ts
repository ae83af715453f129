import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { runStressPack } from '../../src/analysis/stress-pack.js';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { CHECK_COLUMN, CHECKS_FIRST_ROW } from '../../src/export/checks-sheet.js';
import { flattenInputs } from '../../src/export/inputs-sheet.js';
import { BOND_BALANCE_SHEET, SENSITIVITY_SHEET, SHEET, SHEET_ORDER, STRESS_SHEET } from '../../src/export/sheet-names.js';
import { evaluateTemplate, TEMPLATE_IDS } from './helpers/evaluate-template.js';
import { evaluateLenderDeal, LENDER_DEAL_IDS } from './helpers/lender-deals.js';
import { listConstantsInFormulas } from './helpers/formula-constants.js';
import { dropCachedResults, findSoffice, recalculateToXlsx } from './helpers/libreoffice.js';

describe.each(TEMPLATE_IDS)('term-sheet workbook of %s: formulas', (id) => {
  it('keep constants out: rates, years and units come from the Inputs sheet', async () => {
    const { deal, evaluation } = evaluateTemplate(id);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation)) as unknown as ArrayBuffer);
    expect(listConstantsInFormulas(book)).toEqual([]);
  });
});

describe.each(LENDER_DEAL_IDS)('term-sheet workbook of %s (reserves, lock-up, distributions, 临时借款): formulas', (id) => {
  it('keep constants out: the waterfall\'s months, thresholds, switches and rates come from the Inputs sheet', async () => {
    const { deal, evaluation } = evaluateLenderDeal(id);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation)) as unknown as ArrayBuffer);
    expect(listConstantsInFormulas(book)).toEqual([]);
  });
});

describe('term-sheet workbook of the 25-year template, read back with exceljs', () => {
  const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
  let book: ExcelJS.Workbook;
  beforeAll(async () => {
    book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation)) as unknown as ArrayBuffer);
  });

  it('has the fourteen sheets in reading order, Chinese names with English beside, and its bond\'s 自求平衡 sheet last', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_ORDER.map((id) => SHEET[id]), BOND_BALANCE_SHEET]);
    for (const sheet of book.worksheets) expect(sheet.name).toMatch(/^[\u4e00-\u9fff]+ [A-Za-z ]+$/);
  });

  it('sets every sheet to print A4 landscape, fit to the width (statements in year blocks), over a defined print area, with the deal and page n of m in the margins', () => {
    const statements = new Set<string>([SHEET.projectCashFlow, SHEET.equityCashFlow, SHEET.profitAndLoss, SHEET.financialPlan, SHEET.debtService, SHEET.investmentPlan, SHEET.waterfall, SHEET.reserves, SHEET.balanceSheet, SHEET.fiscalView, BOND_BALANCE_SHEET]);
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup.paperSize, sheet.name).toBe(9);
      expect(sheet.pageSetup.orientation, sheet.name).toBe('landscape');
      // 27 years at ≤ 10 a page: 3 blocks across; other sheets one page wide.
      expect(sheet.pageSetup.fitToWidth, sheet.name).toBe(statements.has(sheet.name) ? 3 : 1);
      expect(sheet.pageSetup.fitToHeight, sheet.name).toBe(0);
      expect(sheet.pageSetup.printArea, sheet.name).toMatch(/^\$?A\$?1:\$?[A-Z]+\$?\d+$/);
      if (statements.has(sheet.name)) expect(sheet.pageSetup.printTitlesColumn, sheet.name).toMatch(/^\$?A:\$?C$/);
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain(deal.name.replace(/&/g, '&&'));
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain(evaluation.asOf);
      expect(sheet.headerFooter.oddHeader, sheet.name).toContain(evaluation.engineVersion);
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('&P');
      expect(sheet.headerFooter.oddFooter, sheet.name).toContain('&N');
    }
  });

  it('freezes the headers of the statements and puts the years across: 27 years, totals in D', () => {
    const cf = book.getWorksheet(SHEET.projectCashFlow)!;
    expect(cf.views[0]).toMatchObject({ state: 'frozen', xSplit: 4, ySplit: 5 });
    expect(cf.getCell('E4').value).toBe(1);
    expect(cf.getCell('AE4').value).toBe(27);
    expect(cf.getCell('E3').value).toMatchObject({ result: 2027 });
    expect(cf.getCell('AE3').value).toMatchObject({ result: 2053 });
  });

  it('writes totals, cumulative rows and net flows as formulas with the engine values cached', () => {
    const cf = book.getWorksheet(SHEET.projectCashFlow)!;
    // The 元 block (the formula source) is the second occurrence of a label; the first prints it in 万元.
    const rowOf = (zh: string) => cf.getColumn(2).values.lastIndexOf(zh);
    const net = cf.getRow(rowOf('所得税后净现金流量'));
    const cumulative = cf.getRow(rowOf('累计所得税后净现金流量'));
    const engineNet = evaluation.projection.afterTaxFlow;
    for (let y = 0; y < 27; y++) {
      const cell = net.getCell(5 + y).value as ExcelJS.CellFormulaValue;
      expect(cell.formula).toMatch(/^[A-Z]+\d+-[A-Z]+\d+$/);
      expect(cell.result).toBeCloseTo(engineNet[y]!.toNumber(), 6);
      expect((cumulative.getCell(5 + y).value as ExcelJS.CellFormulaValue).formula).toMatch(/^SUM\(\$E\d+:[A-Z]+\d+\)$/);
    }
    expect((net.getCell(4).value as ExcelJS.CellFormulaValue).formula).toMatch(/^SUM\(E\d+:AE\d+\)$/);
    expect(cumulative.getCell(4).value).toBeNull();
  });

  it('keeps constants out of formulas: rates and years come from the Inputs sheet', () => {
    expect(listConstantsInFormulas(book)).toEqual([]);
    const npv = book.getWorksheet(SHEET.checks)!.getRow(CHECKS_FIRST_ROW + 3).getCell(CHECK_COLUMN.recomputed).value as ExcelJS.CellFormulaValue;
    expect(npv.formula).toMatch(/^NPV\('假设 Inputs'!\$C\$\d+,'项目投资现金流量表 Project CF'!\$E\$\d+:\$AE\$\d+\)$/);
  });

  it('prints money in 万元 (thousands separators, two decimals, zero as –, negatives bracketed) over the 元 cells, which fold away below', () => {
    const ip = book.getWorksheet(SHEET.investmentPlan)!;
    const shown = ip.getRow(6).getCell(4);
    const source = ip.getColumn(2).values.lastIndexOf(ip.getRow(6).getCell(2).value);
    expect(source).toBeGreaterThan(6);
    const formula = shown.value as ExcelJS.CellFormulaValue;
    expect(formula.formula).toBe(`IF(ISNUMBER(D${source}),D${source}/'假设 Inputs'!$C$${/\$C\$(\d+)/.exec(formula.formula)![1]},"")`);
    expect(formula.result).toBeCloseTo(evaluation.metrics.totalInvestment.toNumber() / 10_000, 6);
    expect((ip.getRow(source).getCell(4).value as ExcelJS.CellFormulaValue).result).toBeCloseTo(evaluation.metrics.totalInvestment.toNumber(), 2);
    expect(shown.numFmt).toBe('#,##0.00_);(#,##0.00);"–"_)');
    expect(ip.getRow(source).hidden).toBe(true);
    expect(ip.getRow(6).hidden).toBe(false);
    // The print area ends above the 元 block.
    expect(Number(/(\d+)$/.exec(ip.pageSetup.printArea!)![1])).toBeLessThan(source - 1);
  });

  it('lists every input the engine used on the Inputs sheet, by name, with the path beside it for modellers', () => {
    const inputs = book.getWorksheet(SHEET.inputs)!;
    const rowOfPath = new Map<string, number>();
    inputs.eachRow((r) => { const v = r.getCell(4).value; if (typeof v === 'string') rowOfPath.set(v, r.number); });
    const expected = flattenInputs(deal).map(([path]) => path);
    expect(expected.length).toBeGreaterThan(200);
    for (const path of expected) expect(rowOfPath.has(path), path).toBe(true);
    // The first capex item's amount reads as its name and the field, not as capex[0].amount.
    const capex = rowOfPath.get('capex[0].amount')!;
    expect(inputs.getCell(capex, 1).value).toBe(`建设投资 · ${deal.capex[0]!.name} · 金额（元）`);
    expect(inputs.getCell(capex, 2).value).toBe(`Capex · ${deal.capex[0]!.name} · amount`);
    expect(inputs.getCell(capex, 3).value).toBe(Number(deal.capex[0]!.amount));
    const coupon = rowOfPath.get('funding.sources[6].couponRate')!;
    expect(String(inputs.getCell(coupon, 1).value)).toBe(`资金来源 · ${deal.funding.sources[6]!.name} · 票面利率`);
    expect(String(inputs.getCell(coupon, 1).value)).not.toMatch(/\[\d+\]/);
  });

  it('reads as a term sheet: parties, periods, each facility with its terms, covenants, security, open points', () => {
    const text = JSON.stringify(book.getWorksheet(SHEET.cover)!.getSheetValues());
    for (const phrase of ['参与方及角色', '实施主体', '贷款人', '债券发行人', '建设期', '运营期', '无偿移交', '融资安排', '5年期LPR 3.50% − 30BP = 3.20%', '等额本金', '票面利率 coupon 2.25%', '财务约定', '增信措施', '补贴及返还', '居民出资', '关键指标', '先决条件及待定事项']) {
      expect(text, phrase).toContain(phrase);
    }
    // Each warning reads as a sentence in Chinese with the engine's English beside; the code stays for modellers.
    for (const w of evaluation.warnings) expect(text).toContain(w.code);
  });

  it('shows the cover amounts in 万元 to two decimals, each a formula over the 元 cells and the Inputs unit', () => {
    const cover = book.getWorksheet(SHEET.cover)!;
    const row = cover.getColumn(2).values.findIndex((v) => v === 'Total investment');
    const cell = cover.getRow(row).getCell(3);
    const value = cell.value as { formula: string; result: number };
    expect(value.formula).toMatch(/^\(.+\)\/'假设 Inputs'!\$C\$\d+$/);
    expect(cell.numFmt).toBe('#,##0.00_);(#,##0.00);"–"_)');
    expect(value.result).toBeCloseTo(evaluation.metrics.totalInvestment!.toNumber() / 10_000, 6);
    // Long text wraps inside its column and the row grows to show it.
    expect(cover.getRow(cover.getColumn(2).values.findIndex((v) => v === 'Operator')).height).toBeGreaterThan(15);
  });

  it('marks the break-even occupancy as engine-only on the Checks sheet, with the reason', () => {
    const checks = book.getWorksheet(SHEET.checks)!;
    const row = checks.getColumn(1).values.findIndex((v) => v === 'breakEvenParkingOccupancy');
    expect(checks.getRow(row).getCell(CHECK_COLUMN.recomputed).value).toBeNull();
    expect(String(checks.getRow(row).getCell(CHECK_COLUMN.note).value)).toContain('not a cell formula');
  });
});

const soffice = findSoffice();
describe.skipIf(!soffice && process.env.CI !== 'true')('term-sheet workbook after a LibreOffice recalculation, read back with exceljs', () => {
  it.each(TEMPLATE_IDS)('%s: same sheets, print areas kept, every formula has a value and none is an error', async (id) => {
    expect(soffice, 'soffice must be installed in CI (.ci/run installs libreoffice-calc)').not.toBeNull();
    const { deal, evaluation } = evaluateTemplate(id);
    const { bytes } = await dropCachedResults(await writeTermSheet(deal, evaluation));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(recalculateToXlsx(soffice!, bytes, id) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_ORDER.map((s) => SHEET[s]), ...(evaluation.bonds.length > 0 ? [BOND_BALANCE_SHEET] : [])]);
    const problems: string[] = [];
    let formulas = 0;
    for (const sheet of book.worksheets) {
      if (!sheet.pageSetup.printArea) problems.push(`${sheet.name}: no print area`);
      sheet.eachRow((row) => row.eachCell((cell) => {
        if (cell.type !== ExcelJS.ValueType.Formula) return;
        formulas++;
        const result = (cell.value as ExcelJS.CellFormulaValue).result;
        if (result !== null && typeof result === 'object' && 'error' in result) problems.push(`${sheet.name}!${cell.address} ${result.error} ${cell.formula}`);
      }));
    }
    expect(problems).toEqual([]);
    expect(formulas).toBeGreaterThan(500);
  }, 120_000);
});

describe('the stress-tests sheet, when the stress pack is asked for', () => {
  it('lists the base and the eight lender cases with their indicators after the Checks', async () => {
    const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const stress = runStressPack(deal, evaluation.asOf);
    if (!stress.ok) throw new Error(JSON.stringify(stress.problems));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation, { stress: stress.result })) as unknown as ArrayBuffer);
    expect(book.worksheets.at(-1)!.name).toBe(STRESS_SHEET);
    const sheet = book.getWorksheet(STRESS_SHEET)!;
    expect(sheet.pageSetup.printArea).toMatch(/^\$?A\$?1:\$?[A-Z]+\$?12$/);
    // Row 4 is the base case: its equity IRR and minimum DSCR are the evaluation's.
    expect(sheet.getCell('A4').value).toContain('基准');
    expect(sheet.getCell('B4').value as number).toBeCloseTo(evaluation.metrics.equityIrr!.toNumber(), 9);
    expect(sheet.getCell('E4').value as number).toBeCloseTo(evaluation.metrics.minDscr!.toNumber(), 9);
    const names = [5, 6, 7, 8, 9, 10, 11, 12].map((r) => String(sheet.getCell(`A${r}`).value));
    expect(names[0]).toContain('revenue −10%');
    expect(names[7]).toContain('combined downside');
    // Revenue −20% leaves a lower minimum DSCR than the base.
    expect((sheet.getCell('E6').value as number) < (sheet.getCell('E4').value as number)).toBe(true);
  });
});

describe('the sensitivity sheet, when sensitivity is asked for', () => {
  it('writes a tornado per indicator, drivers down and steps across, with the base beside them', async () => {
    const { deal, evaluation } = evaluateTemplate('lugu-package');
    const sensitivity = analyseSensitivity(deal, sensitivityRequestSchema.parse({ drivers: [{ driver: 'revenue' }, { driver: 'capex' }], switching: null }), evaluation.asOf);
    if (!sensitivity.ok) throw new Error(JSON.stringify(sensitivity.problems));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation, { sensitivity: sensitivity.result })) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(SENSITIVITY_SHEET)!;
    expect(book.worksheets.at(-1)!.name).toBe(SENSITIVITY_SHEET);
    // Rows 3–4: the first indicator (equity IRR) and the header; row 5 the first driver.
    // Indicators and drivers in words, changes with a true minus sign, the base value as a percentage.
    expect(String(sheet.getCell('A3').value)).toBe(`资本金 IRR Equity IRR（基准 base: ${(evaluation.metrics.equityIrr!.toNumber() * 100).toFixed(2)}%）`);
    expect(sheet.getRow(4).values).toContain('−20%');
    expect(sheet.getRow(4).values).toContain('+20%');
    const revenueRow = [5, 6].find((r) => sheet.getCell(`A${r}`).value === '全部收入 All revenue')!;
    expect([5, 6].map((r) => sheet.getCell(`A${r}`).value)).toContain('建设投资 Capex');
    expect(sheet.getCell(`B${revenueRow}`).value as number).toBeCloseTo(evaluation.metrics.equityIrr!.toNumber(), 9);
    // Less revenue, lower equity IRR: the −20% step is below the +20% step.
    expect((sheet.getCell(`C${revenueRow}`).value as number) < (sheet.getCell(`H${revenueRow}`).value as number)).toBe(true);
    expect(sheet.pageSetup.printArea).toMatch(/^\$?A\$?1:/);
  });
});
