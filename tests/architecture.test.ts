import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** DESIGN.md: imports go one way; the pure layers read no clock, environment, files or database. */
const ALLOWED: Record<string, string[]> = {
  finance: ['finance'],
  deal: ['deal', 'finance'],
  engine: ['engine', 'deal', 'finance'],
  analysis: ['analysis', 'engine', 'deal', 'finance', 'jobs'],
  export: ['export', 'analysis', 'engine', 'deal', 'finance'],
  db: ['db'],
  jobs: ['jobs'],
  api: ['api', 'db', 'export', 'analysis', 'engine', 'deal', 'jobs', 'limits'],
  limits: ['limits', 'db', 'jobs'],
};
const PURE = ['finance', 'deal', 'engine', 'analysis'];
const IMPURE = /\bprocess\.env\b|\bDate\.now\(|new Date\(\)|from 'node:fs'|from 'fs'|better-sqlite3|drizzle-orm/;

describe('architecture', () => {
  const files = listFiles(src).map((path) => ({ path, layer: relative(src, path).split('/')[0]!, text: readFileSync(path, 'utf8') }));

  it('keeps imports flowing one way between layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      const allowed = ALLOWED[file.layer];
      if (!allowed) continue;
      for (const match of file.text.matchAll(/from '(\.\.?\/[^']+)'/g)) {
        // The layer of the imported file: the first folder of its path under src/ (or a top-level file).
        const target = relative(src, resolve(dirname(file.path), match[1]!)).split('/')[0]!;
        if (!allowed.includes(target)) violations.push(`${relative(src, file.path)} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has the decision tools in src/analysis, on the engine and never on the API or the database', () => {
    const analysis = files.filter((f) => f.layer === 'analysis');
    expect(analysis.length).toBeGreaterThan(10);
    const reachesOut = analysis.filter((f) => /from '(\.\.\/)+(api|db)\//.test(f.text)).map((f) => relative(src, f.path));
    expect(reachesOut).toEqual([]);
  });

  it('lets only src/env.ts read the environment', () => {
    const readers = files.filter((f) => /\bprocess\.env\b/.test(f.text)).map((f) => relative(src, f.path));
    expect(readers).toEqual(['env.ts']);
  });

  it('keeps finance, deal, engine and analysis pure', () => {
    const impure = files.filter((f) => PURE.includes(f.layer) && IMPURE.test(f.text)).map((f) => relative(src, f.path));
    expect(impure).toEqual([]);
  });
});
