import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { WARNING_MEANINGS } from '../../src/engine/warning-meanings.js';
import { describeWarning as describeForSheet } from '../../src/export/describe-warning.js';
import { describeWarning as describeForWorkbench } from '../../web/src/lib/deal-labels.js';

const engineDir = fileURLToPath(new URL('../../src/engine', import.meta.url));
const listFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : path.endsWith('.ts') ? [path] : [];
  });

/**
 * The codes the engine can emit, read from its source: every `code: 'X'` and every upper-snake literal
 * (codes handed to a helper, e.g. debt-metrics.ts's flagBelow(…, 'DSCR_BELOW_HARD_MINIMUM', …)).
 * The table itself is left out, or it would vouch for itself.
 */
function readEngineCodes(): string[] {
  const codes = new Set<string>();
  for (const file of listFiles(engineDir).filter((f) => !f.endsWith('warning-meanings.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/code: '([A-Z][A-Z0-9_]*)'/g)) codes.add(m[1]!);
    for (const m of text.matchAll(/'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) codes.add(m[1]!);
  }
  return [...codes].sort();
}

describe('the warnings\' words (one table for the term sheet and the workbench)', () => {
  it('describes exactly the codes the engine can emit, in Chinese and in English', () => {
    const codes = readEngineCodes();
    // The engine emitted 31 codes when this was written (warnings, bonds, covenants, funding, convergence);
    // a scan that finds far fewer is broken, not the table.
    expect(codes.length).toBeGreaterThanOrEqual(31);
    expect(codes).toContain('DSCR_BELOW_HARD_MINIMUM');
    expect(codes).toContain('BOND_ISSUER_TOP_UP');
    expect(codes).toContain('UNFUNDED');
    expect(Object.keys(WARNING_MEANINGS).sort()).toEqual(codes);
    for (const [code, [zh, en]] of Object.entries(WARNING_MEANINGS)) {
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).toMatch(/^[A-Z]/);
      expect(en, code).not.toMatch(/[\u4e00-\u9fff]{2}/);
    }
  });

  it('gives the workbench and the PDF the same Chinese words for each code', () => {
    for (const [code, [zh, en]] of Object.entries(WARNING_MEANINGS)) {
      expect(describeForWorkbench(code, 'zh-CN')).toBe(zh);
      expect(describeForWorkbench(code, 'en')).toBe(en);
      expect(describeForSheet({ code, path: 'x', message: 'm' }).sentence.startsWith(zh)).toBe(true);
    }
  });

  it('words every warning of the 湘潭 bond card in Chinese, the bond\'s own among them', () => {
    const parsed = parseDeal(JSON.parse(readFileSync(new URL('../../models/xiangtan-bond-card.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const outcome = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.warnings.length).toBeGreaterThan(0);
    for (const w of outcome.warnings) {
      const words = describeForWorkbench(w.code, 'zh-CN');
      expect(words, w.code).toMatch(/[\u4e00-\u9fff]/);
      expect(describeForSheet(w).sentence.startsWith(WARNING_MEANINGS[w.code]![0])).toBe(true);
    }
  });
});
