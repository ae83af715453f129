import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const runCli = (...args: string[]) => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args, '--as-of', '2026-03-01'], { cwd: root, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

// Each test spawns the CLI (tsx compiles it first): minutes, not seconds, on a loaded 2-core machine.
describe('npm run cli -- solve | stress (src/cli-analysis.ts)', { timeout: 180_000 }, () => {
  it('answers the parking fee for DSCR 1.3 on a template file', () => {
    const { code, stdout } = runCli('solve', 'models/fuzhou-gulou-25y.json', '--input', 'price:fz-parking-community', '--target', 'minDscr=1.3', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.status).toBe('solved');
    expect(Math.abs(Number(result.solution.indicator) - 1.3)).toBeLessThanOrEqual(1e-4);
  });

  it('exits 2 naming each problem of the request', () => {
    const { code, stderr } = runCli('solve', 'models/fuzhou-gulou-25y.json', '--input', 'price:no-such-stream', '--target', 'minDscr=1.3');
    expect(code).toBe(2);
    expect(stderr).toContain('input.stream  [UNKNOWN_STREAM]');
    const bad = runCli('stress', 'models/fuzhou-gulou-25y.json', '--request', '{"cases":[]}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cases  [TOO_SMALL]');
  });
});
