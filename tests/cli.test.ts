import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hasPoppler, readPdfInfo, readPdfPages } from './export/helpers/poppler.js';

const canPrintPdf = existsSync('/usr/bin/chromium') && hasPoppler();

const root = fileURLToPath(new URL('..', import.meta.url));

function runCli(...args: string[]) {
  return runCliWith({}, ...args);
}

function runCliWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test spawns the CLI (tsx compiles it first): minutes, not seconds, on a loaded 2-core machine.
describe('npm run evaluate (src/cli.ts)', { timeout: 180_000 }, () => {
  it('prints the key indicators and a yearly table in 万元', () => {
    const { code, stdout } = runCli('evaluate', 'fixtures/deals/hand-worked-parking.json', '--as-of', '2026-01-01');
    expect(code).toBe(0);
    expect(stdout).toContain('Project FIRR after tax 税后');
    expect(stdout).toContain('10.86%');
    // Year 2 of the hand-worked deal: revenue 36.00 万元, after-tax flow 30.74 万元.
    expect(stdout).toMatch(/\s2\s+2027\s+36\.00\s+6\.00\s+0\.00\s+10\.00\s+2\.50\s+33\.24\s+30\.74\s+-78\.26/);
  });

  it('prints the whole result with --json, metrics named as in the HTTP contract', () => {
    const { code, stdout } = runCli('evaluate', 'fixtures/deals/hand-worked-parking.json', '--json', '--as-of', '2026-01-01');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.metrics.projectNpvAfterTax).toBe('135780.70');
    expect(result.metrics.projectIrrAfterTax).toBe('0.1085621670');
    expect(result.metrics.paybackStaticYears).toBe('4.6456');
    expect(result.statements.projectCashFlow.rows[0].values).toHaveLength(6);
    expect(result.asOf).toBe('2026-01-01');
  });

  it('exits 2 and lists every problem by path for a bad deal', () => {
    const { code, stderr } = runCli('evaluate', 'fixtures/bad/many-problems.json');
    expect(code).toBe(2);
    expect(stderr).toContain('capex[0].amount  [OUT_OF_RANGE]');
    expect(stderr).toContain('discountRate  [OUT_OF_RANGE]');
    expect(stderr).toContain('timeline.operatingYear  [UNKNOWN_FIELD]');
  });

  it('exits 2 for a missing or malformed file', () => {
    expect(runCli('evaluate', 'fixtures/deals/does-not-exist.json').code).toBe(2);
    expect(runCli('evaluate', 'README.md').stderr).toContain('UNREADABLE_FILE');
  });
});

/** Run `test` with a fresh temporary folder, removed afterwards. */
async function inFolder(test: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'term-sheet-cli-'));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Each test spawns the CLI (tsx compiles it first): minutes, not seconds, on a loaded 2-core machine.
describe('npm run term-sheet (src/cli.ts)', { timeout: 180_000 }, () => {
  it('writes the workbook to the file given with -o', () =>
    inFolder(async (dir) => {
      const target = join(dir, '鼓楼.xlsx');
      const { code, stderr } = runCli('term-sheet', 'models/fuzhou-gulou-25y.json', '-o', target, '--as-of', '2026-03-01');
      expect(code).toBe(0);
      expect(stderr).toContain('as of 2026-03-01');
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(target);
      expect(book.worksheets.map((s) => s.name)).toContain('校验 Checks');
      expect(String(book.getWorksheet('条款摘要 Term sheet')!.getCell('A2').value)).toContain('福州鼓楼');
    }));

  it('adds a Monte Carlo sheet with --simulation: the default variables, draws and seed from the request', () =>
    inFolder(async (dir) => {
      const target = join(dir, '鲁谷.xlsx');
      const { code } = runCli('term-sheet', 'models/lugu-package.json', '--simulation', '{"draws":12,"seed":5}', '-o', target, '--as-of', '2026-03-01');
      expect(code).toBe(0);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(target);
      const sheet = book.worksheets.at(-1)!;
      expect(sheet.name).toBe('蒙特卡洛模拟 Monte Carlo');
      expect([sheet.getCell('B6').value, sheet.getCell('B7').value]).toEqual([12, 5]);
      expect(sheet.getColumn(1).values).toEqual(expect.arrayContaining(['revenue', 'capex', 'opex', 'interest-rate']));
    }));

  it('exits 2 naming each bad field of the --simulation request, and writes nothing', () =>
    inFolder(async (dir) => {
      const target = join(dir, 'bad.xlsx');
      const { code, stderr } = runCli('term-sheet', 'models/lugu-package.json', '--simulation', '{"draws":0,"seed":-1}', '-o', target);
      expect(code).toBe(2);
      expect(stderr).toContain('draws  [TOO_SMALL]');
      expect(stderr).toContain('seed  [TOO_SMALL]');
      expect(existsSync(target)).toBe(false);
    }));

  it.skipIf(!canPrintPdf && process.env.CI !== 'true')('writes the PDF term sheet with --pdf: A4, the cover figures in 万元 as text, page n of m', () =>
    inFolder(async (dir) => {
      const target = join(dir, '鼓楼.pdf');
      const { code, stderr } = runCli('term-sheet', 'models/fuzhou-gulou-25y.json', '--pdf', '-o', target, '--as-of', '2026-03-01');
      expect(code, stderr).toBe(0);
      const pdf = readFileSync(target);
      const info = readPdfInfo(pdf);
      expect([Math.round(info.width), Math.round(info.height)]).toEqual([595, 842]);
      const text = readPdfPages(pdf).join('\n');
      // 福州's total investment: 建设投资 53,426.00 + 建设期利息 611.19 + 流动资金 500.00 = 54,537.19 万元.
      expect(text).toContain('54,537.19');
      expect(text).toContain(`page 1 of ${info.pages}`);
    }), 180_000);

  it('exits 1 with the install command when --pdf finds no Chromium, and writes nothing', () =>
    inFolder(async (dir) => {
      const target = join(dir, 'none.pdf');
      const { code, stderr } = runCliWith({ CHROMIUM_PATH: '/nonexistent/chromium' }, 'term-sheet', 'models/fuzhou-gulou-25y.json', '--pdf', '-o', target);
      expect(code).toBe(1);
      expect(stderr).toContain('/nonexistent/chromium');
      expect(stderr).toContain('apt-get install');
      expect(existsSync(target)).toBe(false);
    }));

  it('exits 2 listing the problems of a bad deal, and writes nothing', () =>
    inFolder(async (dir) => {
      const target = join(dir, 'bad.xlsx');
      const { code, stderr } = runCli('term-sheet', 'fixtures/bad/many-problems.json', '-o', target);
      expect(code).toBe(2);
      expect(stderr).toContain('discountRate  [OUT_OF_RANGE]');
      expect(existsSync(target)).toBe(false);
    }));
});
