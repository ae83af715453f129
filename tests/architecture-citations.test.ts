import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildTermSheet } from '../src/export/build-term-sheet.js';
import { evaluateTemplate, TEMPLATE_IDS } from './export/helpers/evaluate-template.js';

/**
 * The methodology belongs to the repository (docs/methodology.md): nothing a reader of the code, the
 * README, a template or an exported workbook sees may send them to a file outside it — the path of a
 * shared folder, a convention file that only the developers had, an absolute path of a machine.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const OUTSIDE = /\.\.\/shared|\bshared\/seeds\b|FINANCE\.md|\/work\//;

function listFiles(dir: string, ends: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, ends) : ends.test(path) ? [path] : [];
  });
}

const offending = (paths: string[]) =>
  paths.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (OUTSIDE.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim().slice(0, 120)}`] : [])),
  );

describe('citations stay inside the repository', () => {
  it('has the methodology the code cites', () => {
    const methodology = readFileSync(join(root, 'docs/methodology.md'), 'utf8');
    // Every section a source comment cites ("methodology §N") is a heading of docs/methodology.md.
    const headings = new Set([...methodology.matchAll(/^#{2,3} §(\d+(?:\.\d+)?)/gm)].map((m) => m[1]!));
    const cited = new Set(
      listFiles(join(root, 'src'), /\.(ts|mjs)$/).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/methodology §(\d+(?:\.\d+)?)/g)].map((m) => m[1]!)),
    );
    expect(cited.size).toBeGreaterThan(5);
    expect([...cited].filter((n) => !headings.has(n))).toEqual([]);
  });

  it('names no path outside the repository in src/, docs/, models/ or the README', () => {
    const files = [
      ...listFiles(join(root, 'src'), /\.(ts|mjs|json)$/),
      ...listFiles(join(root, 'docs'), /\.md$/),
      ...listFiles(join(root, 'models'), /\.json$/),
      join(root, 'README.md'),
    ];
    expect(offending(files)).toEqual([]);
  });

  it('links from the README only to files that exist in the repository', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const links = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/.test(href));
    expect(links).toContain('docs/methodology.md');
    const outside = links.filter((href) => {
      const target = resolve(dirname(join(root, 'README.md')), href);
      return relative(root, target).startsWith('..') || !existsSync(target);
    });
    expect(outside).toEqual([]);
  });

  it('writes no path outside the repository into a term sheet, in any cell or note', () => {
    const found: string[] = [];
    for (const id of TEMPLATE_IDS) {
      const { deal, evaluation } = evaluateTemplate(id);
      buildTermSheet(deal, evaluation).eachSheet((sheet) => {
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            const note = typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note ?? '');
            const text = `${JSON.stringify(cell.value ?? '')} ${note}`;
            if (OUTSIDE.test(text)) found.push(`${id} ${sheet.name}!${cell.address}: ${text.slice(0, 120)}`);
          }),
        );
      });
    }
    expect(found).toEqual([]);
  });

  it('would notice a citation of the old convention file', () => {
    // The pattern the checks above rely on.
    expect(OUTSIDE.test('(' + 'FINANCE' + '.md §7)')).toBe(true);
    expect(OUTSIDE.test('see ../shared/seeds/')).toBe(true);
    expect(OUTSIDE.test('methodology §7')).toBe(false);
  });
});
