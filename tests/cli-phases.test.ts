import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTwoPhaseDealInput } from './engine/phased-opening.fixture.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cli-phases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runEvaluate(input: unknown) {
  const file = join(dir, `deal-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(input));
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'evaluate', file, '--as-of', '2026-01-01'], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each test spawns the CLI (tsx compiles it first): minutes, not seconds, on a loaded 2-core machine.
describe('npm run evaluate with a phased opening (methodology §10.11)', { timeout: 180_000 }, () => {
  it('prints construction and revenue in the overlap years and what opens when', () => {
    const { code, stdout } = runEvaluate(buildTwoPhaseDealInput());
    expect(code).toBe(0);
    // 2026: revenue 12.00 万元, opex 2.00, works 21.80, 利润总额 8.00, income tax 2.00 (hand-worked in tests/engine/phased-opening.test.ts).
    expect(stdout).toMatch(/\s1\s+2026\s+12\.00\s+2\.00\s+21\.80\s+8\.00\s+2\.00\s/);
    expect(stdout).toContain('construction and operation overlap 建设期与运营期重叠 2026–2027');
    expect(stdout).toContain('2026 opens 投运: 停车 (revenue); 停车场 (works); 停车管理 (cost)');
  });

  it('lists a bad opening year by its path and exits 2', () => {
    const input = buildTwoPhaseDealInput();
    input.capex[1] = { ...input.capex[1]!, openingYear: 2026 };
    const { code, stdout, stderr } = runEvaluate(input);
    expect(code).toBe(2);
    expect(`${stdout}${stderr}`).toContain('capex[1].openingYear');
    expect(`${stdout}${stderr}`).toContain('OPENING_BEFORE_WORKS_DONE');
  });
});
