import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServerBuilt } from './helpers/server-process.js';
import { startServer, type RunningServer } from './security/start-server.js';

/**
 * The compiled build (`npm run build:server`: tsc to dist/, what `npm start` and the CLI scripts run)
 * behaves as the TypeScript sources do: the same CLI output to the character, and a server whose worker
 * threads (evaluation pool), migrations, templates and lazily loaded libraries (exceljs for workbooks,
 * mathjs for formula streams) all work from dist/.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const AS_OF = ['--as-of', '2026-03-01'];

/**
 * The CLI with exactly PATH in its environment: no NODE_OPTIONS a test runner may have set, so the built
 * CLI runs on node alone — an import of a .ts file or of tsx from dist/ would fail it, not be compiled.
 */
const runCli = (entry: string[], args: string[]) => spawnSync(process.execPath, [...entry, ...args, ...AS_OF], { cwd: root, encoding: 'utf8', timeout: 240_000, env: { PATH: process.env.PATH ?? '' } });
const BUILT = ['dist/cli.js'];
const SOURCES = ['--import', 'tsx', 'src/cli.ts'];

describe('the compiled build (dist/)', { timeout: 600_000 }, () => {
  // Built when src/ is newer than dist/ (only then: other test files may be running dist/server.js now).
  beforeAll(() => ensureServerBuilt(), 600_000);

  it('is plain JavaScript: nothing under dist/ imports a .ts file or tsx', () => {
    const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js'));
    expect(files).toEqual(expect.arrayContaining(['cli.js', 'server.js', 'worker.js']));
    const offending = files.filter((file) => /from\s*['"][^'"]*(\.ts|tsx)['"]|import\(\s*['"][^'"]*(\.ts|tsx)['"]/.test(readFileSync(join(root, 'dist', file), 'utf8')));
    expect(offending).toEqual([]);
  });

  it.each([
    ['fuzhou-gulou-25y', []],
    // lugu's streams are formulas: mathjs loads on first use from dist/ too.
    ['lugu-package', ['--json']],
  ])('prints what the sources print for %s', (id, flags) => {
    const built = runCli(BUILT, ['evaluate', `models/${id}.json`, ...flags]);
    const sources = runCli(SOURCES, ['evaluate', `models/${id}.json`, ...flags]);
    expect(built.status, built.stderr).toBe(0);
    expect(sources.status, sources.stderr).toBe(0);
    expect(built.stdout.length).toBeGreaterThan(500);
    expect(built.stdout).toBe(sources.stdout);
  });

  it('reports a broken deal file with exit code 2 and the path, as the sources do', () => {
    const built = runCli(BUILT, ['evaluate', 'package.json']);
    expect(built.status).toBe(2);
    expect(built.stderr).toBe(runCli(SOURCES, ['evaluate', 'package.json']).stderr);
  });

  describe('node dist/server.js', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(['dist/server.js']);
    }, 240_000);
    afterAll(async () => {
      await server?.stop();
    });
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    it('answers /health and lists the templates from models/ (migrated database, templates seeded)', async () => {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      const templates = await fetch(`${server.url}/api/v1/templates`, { headers: { Authorization: `Bearer ${server.key}` } });
      expect(templates.status).toBe(200);
      expect(JSON.stringify(await templates.json())).toContain('fuzhou-gulou-25y');
    });

    it('evaluates on its worker threads the same indicators as the CLI from the sources', async () => {
      const deal = JSON.parse(readFileSync(`${root}/models/lugu-package.json`, 'utf8')) as unknown;
      const response = await post('/api/v1/evaluate?asOf=2026-03-01', deal);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const cli = JSON.parse(runCli(SOURCES, ['evaluate', 'models/lugu-package.json', '--json']).stdout) as { metrics: Record<string, unknown> };
      const answer = JSON.parse(text) as { metrics?: Record<string, unknown>; evaluation?: { metrics: Record<string, unknown> } };
      const metrics = answer.metrics ?? answer.evaluation?.metrics;
      expect(cli.metrics.equityIrr).toMatch(/^0\.\d+$/);
      expect(metrics?.equityIrr).toBe(cli.metrics.equityIrr);
      expect(metrics?.projectIrrAfterTax).toBe(cli.metrics.projectIrrAfterTax);
    });

    it('writes a term-sheet workbook (exceljs loaded on first use in the worker)', async () => {
      const deal = JSON.parse(readFileSync(`${root}/models/fuzhou-gulou-25y.json`, 'utf8')) as unknown;
      const response = await post('/api/v1/term-sheet', deal);
      expect(response.status, response.status === 200 ? '' : await response.clone().text()).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // An .xlsx is a zip: "PK\u0003\u0004".
      expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
      expect(bytes.length).toBeGreaterThan(20_000);
    });
  });
});
