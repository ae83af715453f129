import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runStressPack } from '../../src/analysis/stress-pack.js';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { describeBreach } from '../../src/export/describe-breach.js';
import { keepSignsWithFigures } from '../../src/export/describe-warning.js';
import { separateNeighbours } from '../../src/export/separate-neighbours.js';
import { SHEET, STRESS_SHEET } from '../../src/export/sheet-names.js';
import { evaluateTemplate } from './helpers/evaluate-template.js';

const CJK = /[\u4e00-\u9fff]/;

describe('the stress sheet says what each case breaks in Chinese, the English beside it', () => {
  it('reads a DSCR breach as 偿债备付率 with its value and floor, then the English message', () => {
    const text = describeBreach({ covenant: 'minDscr', threshold: '1.3', value: '1.1000', message: 'minimum DSCR 1.1000 is below 1.3' });
    expect(text).toBe('最低偿债备付率低于约定下限（1.1000 < 1.3）。minimum DSCR 1.1000 is below 1.3');
  });

  it('writes every non-empty breaches cell of the pack with Chinese first and the engine\'s English after', async () => {
    const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const stress = runStressPack(deal, evaluation.asOf);
    if (!stress.ok) throw new Error(JSON.stringify(stress.problems));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation, { stress: stress.result })) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(STRESS_SHEET)!;
    const last = sheet.getRow(3).cellCount;
    const cases = [stress.result.base, ...stress.result.cases];
    let checked = 0;
    cases.forEach((c, i) => {
      const text = String(sheet.getCell(4 + i, last).value ?? '');
      const english = c.problems ? c.problems.map((p) => p.message) : c.breaches.map((b) => b.message);
      const lines = text === '' ? [] : text.split('\n');
      expect(lines.length, c.name).toBe(english.length);
      lines.forEach((line, j) => {
        // Chinese leads (the old sheet began with the English message), and the English follows it.
        expect(line, c.name).toMatch(/^[\u4e00-\u9fff]/);
        // Negative figures print with U+2212 so the sign stays on their line (keepSignsWithFigures).
        expect(line.endsWith(keepSignsWithFigures(english[j]!)), c.name).toBe(true);
        checked++;
      });
    });
    // The combined downside breaks at least the DSCR floor: the test has breaches to read.
    expect(checked).toBeGreaterThan(0);
    expect(CJK.test(String(sheet.getCell(3, last).value))).toBe(true);
  });
});

describe('the Inputs sheet keeps a gap between a right-aligned figure and the path beside it', () => {
  it('indents every right-aligned value from its right edge and every path from its left edge', async () => {
    const { deal, evaluation } = evaluateTemplate('fuzhou-gulou-25y');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await writeTermSheet(deal, evaluation)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(SHEET.inputs)!;
    let numbers = 0;
    sheet.eachRow((row, r) => {
      if (r <= 3) return;
      const value = row.getCell(3);
      const path = row.getCell(4);
      if (typeof value.value === 'number') {
        // A number with no horizontal alignment is right-aligned by the spreadsheet: it must not be left so.
        expect(value.alignment?.horizontal, `C${r}`).toBe('right');
        expect(value.alignment?.indent ?? 0, `C${r}`).toBeGreaterThanOrEqual(1);
        numbers++;
      }
      if (typeof path.value === 'string' && path.value !== '' && !path.isMerged && row.getCell(3).value !== null && row.getCell(3).value !== '取值 Value') {
        expect(path.alignment?.indent ?? 0, `D${r}`).toBeGreaterThanOrEqual(1);
      }
    });
    expect(numbers).toBeGreaterThan(20);
    // The first key input is the start year beside its path: the case the printed page showed touching.
    expect(sheet.getCell('D4').value).toBe('timeline.startYear');
  });
});

describe('a minus sign stays with its figure when a cell wraps', () => {
  it('writes a negative ratio in a breach with U+2212, where a wrapped line cannot break', () => {
    const text = describeBreach({ covenant: 'minIcr', threshold: '2', value: '-0.1817', message: 'minimum ICR -0.1817 is below 2' });
    expect(text).toBe('最低利息备付率低于约定下限（\u22120.1817 < 2）。minimum ICR \u22120.1817 is below 2');
    expect(text).not.toMatch(/-\d/);
  });

  it('leaves hyphens that are not signs alone: ranges, ids, dates', () => {
    expect(keepSignsWithFigures('2027-2030 fz-idle-assets as of 2026-03-01, -5 and (-3)')).toBe('2027-2030 fz-idle-assets as of 2026-03-01, \u22125 and (\u22123)');
  });
});

describe('text never touches the figure to its left', () => {
  it('indents text that follows a right-aligned figure and centres a placeholder dash, leaving other alignments alone', () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('t');
    sheet.addRow([1.03, '—', '是 yes', 'note']);
    sheet.addRow(['label', 2.5, 'text after a figure', { formula: 'B2*2', result: 5 }, 'after a formula']);
    sheet.addRow([3, 'centred']);
    sheet.getCell('B3').alignment = { horizontal: 'center' };
    sheet.addRow([{ formula: 'A1&"x"', result: 'text' }, 'after a text formula']);
    separateNeighbours(sheet);
    expect(sheet.getCell('B1').alignment).toMatchObject({ horizontal: 'center' });
    // 是 yes follows a dash (text), not a figure: no indent needed.
    expect(sheet.getCell('C1').alignment?.indent).toBeUndefined();
    expect(sheet.getCell('A2').alignment?.indent).toBeUndefined();
    expect(sheet.getCell('C2').alignment).toMatchObject({ horizontal: 'left', indent: 1 });
    expect(sheet.getCell('E2').alignment).toMatchObject({ horizontal: 'left', indent: 1 });
    expect(sheet.getCell('B3').alignment).toEqual({ horizontal: 'center' });
    expect(sheet.getCell('B4').alignment?.indent).toBeUndefined();
  });

  it('keeps a wrapped cell wrapped when it indents it', () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('t');
    sheet.addRow([0.32, 'a long note that wraps']);
    sheet.getCell('B1').alignment = { wrapText: true, vertical: 'top' };
    separateNeighbours(sheet);
    expect(sheet.getCell('B1').alignment).toEqual({ wrapText: true, vertical: 'top', horizontal: 'left', indent: 1 });
  });
});
