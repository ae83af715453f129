import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ChunkRunner } from '../src/analysis/simulation/simulate.js';
import { drawProgressLine, withProgressBar } from '../src/cli-progress.js';
import { loadTemplate } from './helpers/load-template.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A runner of `chunks` chunks that finish one after another, each 1 s later on a fake clock. */
function fakeRunner(clock: { ms: number }): ChunkRunner {
  return async (_deal, _request, _asOf, chunks, _signal, onChunkDone) => {
    for (let i = 0; i < chunks; i++) {
      clock.ms += 1000;
      onChunkDone?.();
    }
    return [];
  };
}

const recorder = (isTTY: boolean) => {
  const written: string[] = [];
  return { stream: { isTTY, columns: 200, write: (text: string) => written.push(text) }, written };
};

describe('the CLI progress bar (src/cli-progress.ts)', () => {
  it('draws done/total, the percentage and the time left at the pace so far', () => {
    // 1 of 4 chunks in 2 s: 3 more at 2 s each is 6 s left.
    expect(drawProgressLine('simulating', 1, 4, 2000)).toBe(`simulating [${'#'.repeat(8)}${'-'.repeat(22)}]  25%  1/4 chunks  2 s, about 6 s left`);
    expect(drawProgressLine('simulating', 4, 4, 8000)).toBe(`simulating [${'#'.repeat(30)}] 100%  4/4 chunks  8 s`);
    expect(drawProgressLine('simulating', 0, 4, 0)).toBe(`simulating [${'-'.repeat(30)}]   0%  0/4 chunks  0 s`);
  });

  it('on a terminal redraws one line as chunks finish and ends with the whole bar, passing each chunk on', async () => {
    const clock = { ms: 0 };
    const { stream, written } = recorder(true);
    let passedOn = 0;
    await withProgressBar(fakeRunner(clock), stream, 'simulating', () => clock.ms)(loadTemplate('lugu-package'), {} as never, '2026-03-01', 4, undefined, () => passedOn++);
    expect(passedOn).toBe(4);
    expect(written[0]).toContain('0/4 chunks');
    expect(written.at(-2)).toContain('4/4 chunks');
    expect(written.at(-2)).toContain('100%');
    expect(written.at(-1)).toBe('\n');
    expect(written.slice(0, -1).every((line) => line.startsWith('\r'))).toBe(true);
  });

  it('writes nothing when stderr is not a terminal: the runner is the same function', async () => {
    const run = fakeRunner({ ms: 0 });
    const { stream, written } = recorder(false);
    expect(withProgressBar(run, stream, 'simulating')).toBe(run);
    expect(written).toEqual([]);
  });

  it('keeps the CLI simulate quiet on a piped stderr: the JSON on stdout, no bar', { timeout: 180_000 }, () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'simulate', 'models/lugu-package.json', '--draws', '300', '--threads', '1', '--as-of', '2026-03-01'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).draws).toBe(300);
    expect(result.stderr).not.toContain('chunks');
    expect(result.stderr).not.toContain('\r');
  });
});
