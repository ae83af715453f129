import { describe, expect, it } from 'vitest';
import { CHECK_COLUMN, RESULT, TOLERANCE, type CheckKind } from '../../src/export/checks-sheet.js';
import { writeTermSheet } from '../../src/export/build-term-sheet.js';
import { BOND_BALANCE_SHEET, SHEET } from '../../src/export/sheet-names.js';
import { evaluateTemplate, TEMPLATE_IDS } from './helpers/evaluate-template.js';
import { dropCachedResults, findSoffice, FORMULA_ERROR, recalculateToCsv } from './helpers/libreoffice.js';

const soffice = findSoffice();
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('LibreOffice (soffice) is not installed: the term-sheet recalculation proof is skipped. Install it with: apt-get install -y --no-install-recommends libreoffice-calc');

/** Kinds of check by key, as the Checks sheet tolerates them (methodology §8: money to 0.01 元, rates to 1e-9). */
const kindOf = (key: string, tolerance: number): CheckKind => {
  const kind = (Object.keys(TOLERANCE) as CheckKind[]).find((k) => TOLERANCE[k] === tolerance);
  if (!kind) throw new Error(`${key}: unexpected tolerance ${tolerance}`);
  return kind;
};

// In CI this must run: without soffice it fails here rather than skipping (.ci/run installs LibreOffice).
describe.skipIf(!soffice && !inCi)('term sheet recalculated by LibreOffice from formulas alone', () => {
  it.each(TEMPLATE_IDS)('%s: every live check recomputes to the engine (money within 0.01 元, rates within 1e-9), no formula errors', async (id) => {
    expect(soffice, 'soffice must be installed in CI (.ci/run installs libreoffice-calc)').not.toBeNull();
    const { deal, evaluation } = evaluateTemplate(id);
    const { bytes, formulas } = await dropCachedResults(await writeTermSheet(deal, evaluation));
    expect(formulas).toBeGreaterThan(500);
    const sheets = recalculateToCsv(soffice!, bytes, id);
    // The 收益与融资自求平衡 sheet is there exactly when the deal has a special bond.
    expect([...sheets.keys()].sort()).toEqual([...Object.values(SHEET), ...(evaluation.bonds.length > 0 ? [BOND_BALANCE_SHEET] : [])].sort());

    const errors = [...sheets].flatMap(([sheet, rows]) => rows.flatMap((row, r) => row.flatMap((cell, c) => (FORMULA_ERROR.test(cell) ? [`${sheet} R${r + 1}C${c + 1} ${cell}`] : []))));
    expect(errors).toEqual([]);

    const rows = sheets.get(SHEET.checks)!.slice(3).filter((r) => r[0] !== '');
    const live = rows.filter((r) => r[CHECK_COLUMN.result - 1] !== RESULT.notApplicable && r[CHECK_COLUMN.result - 1] !== RESULT.engineOnly);
    expect(live.length).toBeGreaterThan(20);
    const worst: Record<string, number> = {};
    for (const r of live) {
      const key = r[CHECK_COLUMN.key - 1]!;
      const recomputed = Number(r[CHECK_COLUMN.recomputed - 1]);
      const engine = Number(r[CHECK_COLUMN.engine - 1]);
      const kind = kindOf(key, Number(r[CHECK_COLUMN.tolerance - 1]));
      expect(r[CHECK_COLUMN.recomputed - 1], `${key} was recalculated`).not.toBe('');
      expect(Number.isFinite(recomputed), `${key} = ${r[CHECK_COLUMN.recomputed - 1]}`).toBe(true);
      const difference = Math.abs(recomputed - engine);
      expect(difference, `${id} ${key}: ${recomputed} vs ${engine}`).toBeLessThanOrEqual(TOLERANCE[kind]);
      expect(Math.abs(Number(r[CHECK_COLUMN.difference - 1]) - (recomputed - engine))).toBeLessThanOrEqual(TOLERANCE[kind]);
      expect(r[CHECK_COLUMN.result - 1]).toBe(RESULT.pass);
      worst[kind] = Math.max(worst[kind] ?? 0, difference);
    }
    console.log(`${id}: ${live.length} live checks; largest differences ${JSON.stringify(worst)}`);
    // The keys the issue names are all there, live unless the engine has no value for the deal.
    const keys = new Set(rows.map((r) => r[0]));
    for (const key of ['projectIrrAfterTax', 'projectNpvAfterTax', 'equityIrr', 'paybackStaticYears', 'minDscr', 'bondCoverageNet', 'totalInvestment', 'residentsTotal', 'governmentTotal', 'sourcesEqualUses']) {
      expect(keys.has(key), key).toBe(true);
    }
    // Each bond's 自求平衡 figures recompute live from the bond sheet (methodology §10).
    for (const bond of evaluation.bonds) {
      for (const key of [`bondCoverageNet.${bond.id}`, `bondCoverageGross.${bond.id}`, `bondIssuerTopUp.${bond.id}`, `bondAccountClosing.${bond.id}`]) {
        expect(live.some((r) => r[CHECK_COLUMN.key - 1] === key), `${key} is a live check`).toBe(true);
      }
    }
  }, 120_000);
});
