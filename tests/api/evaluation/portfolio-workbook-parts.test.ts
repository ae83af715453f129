import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlineEvaluator, createWorkerPoolEvaluator } from '../../../src/api/evaluation/evaluator.js';
import type { PortfolioMemberText } from '../../../src/api/evaluation/portfolio-jobs.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { loadTemplateInput } from '../../helpers/load-template.js';
import { dropCachedResults, findSoffice, FORMULA_ERROR, recalculateToCsv } from '../../export/helpers/libreoffice.js';

const soffice = findSoffice();
const inCi = process.env.CI === 'true';

// Five members of different spans (福州 2027–2053, 鲁谷 moved to 2029, a scenario of 湘潭) in parts of two:
// three parts on two workers, so the parts' sums and members' figures cross worker boundaries.
const lugu = loadTemplateInput('lugu-package');
lugu.timeline.startYear = 2029;
const texts: Omit<PortfolioMemberText, 'index'>[] = [
  { label: '福州', dealId: 'deal_fz', revision: 1, content: JSON.stringify(loadTemplateInput('fuzhou-gulou-25y')) },
  { label: '湘潭', dealId: 'deal_xt', revision: 3, content: JSON.stringify(loadTemplateInput('xiangtan-heping')) },
  { label: '鲁谷', dealId: 'deal_lg', revision: 1, content: JSON.stringify(lugu) },
  { label: '湘潭债券', dealId: 'deal_xb', revision: 2, content: JSON.stringify(loadTemplateInput('xiangtan-bond-card')) },
  { label: '湘潭情景', dealId: 'deal_xt', revision: 3, scenarioId: 'scn_low', content: JSON.stringify(loadTemplateInput('xiangtan-heping')), overrides: '{"discountRate":"0.07"}' },
];
const members: PortfolioMemberText[] = texts.map((m, index) => ({ ...m, index }));
const portfolio = portfolioSchema.parse({
  name: '片区分批',
  members: members.map((m) => ({ dealId: m.dealId, ...(m.scenarioId ? { scenario: m.scenarioId } : {}) })),
  budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' },
});
const job = { portfolio, members, asOf: '2026-11-23' };

/** Every cell of every sheet: its address and value (a formula with its cached result), for comparing two workbooks cell by cell. */
async function readCells(bytes: Uint8Array): Promise<Map<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const cells = new Map<string, string>();
  book.eachSheet((sheet) => sheet.eachRow({ includeEmpty: false }, (row) => row.eachCell({ includeEmpty: false }, (cell) => cells.set(`${sheet.name}!${cell.address}`, JSON.stringify(cell.value)))));
  return cells;
}

describe('the portfolio workbook in parts over the worker pool', { timeout: 300_000 }, () => {
  const pool = createWorkerPoolEvaluator(2, { membersPerPart: 2 });
  afterAll(() => pool.close());
  const inline = createInlineEvaluator();

  it('equals, cell for cell, the workbook of one evaluation of every member, with progress by part up to every member', async () => {
    const progress: [number, number][] = [];
    const [parts, single] = await Promise.all([pool.writePortfolioWorkbook(job, (done, total) => progress.push([done, total])), inline.writePortfolioWorkbook(job)]);
    expect(parts.ok && single.ok).toBe(true);
    if (!parts.ok || !single.ok) return;
    const [a, b] = await Promise.all([readCells(parts.bytes), readCells(single.bytes)]);
    expect(a.size).toBeGreaterThan(5000);
    expect([...a.keys()]).toEqual([...b.keys()]);
    const differing = [...a].filter(([address, value]) => b.get(address) !== value).map(([address]) => address);
    expect(differing).toEqual([]);
    // The parts report as they go: counts of members done never fall, never pass 5, and end at 5 of 5.
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every(([, total]) => total === 5)).toBe(true);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((x, y) => x - y));
    expect(progress.at(-1)).toEqual([5, 5]);
  });

  it('answers the problems one evaluation would: every member that does not read (in any part), at its path', async () => {
    const broken = members.map((m) => (m.index === 1 || m.index === 4 ? { ...m, content: JSON.stringify({ ...JSON.parse(m.content), discountRate: 'abc' }), overrides: undefined } : m));
    const bad = { ...job, members: broken };
    const [parts, single] = await Promise.all([pool.writePortfolioWorkbook(bad), inline.writePortfolioWorkbook(bad)]);
    expect(parts).toEqual(single);
    expect(parts.ok).toBe(false);
    if (!parts.ok) expect(parts.problems.map((p) => p.path)).toEqual(['members[1].deal.discountRate', 'members[4].deal.discountRate']);
  });

  it.skipIf(!soffice && !inCi)('recalculates in LibreOffice, from formulas alone, to the same sheets as the single-evaluation workbook, with no formula errors', async () => {
    expect(soffice, 'soffice must be installed in CI (.ci/run installs libreoffice-calc)').not.toBeNull();
    const [parts, single] = await Promise.all([pool.writePortfolioWorkbook(job), inline.writePortfolioWorkbook(job)]);
    if (!parts.ok || !single.ok) throw new Error('the workbooks were not written');
    const recalculated = async (bytes: Uint8Array, name: string) => recalculateToCsv(soffice!, (await dropCachedResults(Buffer.from(bytes))).bytes, name);
    const a = await recalculated(parts.bytes, 'portfolio-parts');
    const b = await recalculated(single.bytes, 'portfolio-single');
    const errors = [...a].flatMap(([sheet, rows]) => rows.flatMap((row, r) => row.flatMap((cell, c) => (FORMULA_ERROR.test(cell) ? [`${sheet} R${r + 1}C${c + 1} ${cell}`] : []))));
    expect(errors).toEqual([]);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [sheet, rows] of a) expect(rows, sheet).toEqual(b.get(sheet));
  });
});
