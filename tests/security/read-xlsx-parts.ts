import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The XML parts of an xlsx (a zip), read with the system's unzip: worksheets, shared strings, styles. */
export function readXlsxParts(bytes: Uint8Array): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-parts-'));
  try {
    const file = join(dir, 'book.xlsx');
    writeFileSync(file, bytes);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n').filter((n) => n.startsWith('xl/') && n.endsWith('.xml'));
    return new Map(names.map((name) => [name, execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const decodeXml = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCharCode(Number(d))).replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCharCode(parseInt(h, 16))).replace(/&amp;/g, '&');

/** Every text cell of every sheet: its text and whether its cell style (xf) carries quotePrefix="1". */
export function listTextCells(parts: Map<string, string>): { sheet: string; ref: string; text: string; quotePrefix: boolean }[] {
  const shared = [...(parts.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]!)).join(''),
  );
  const cellXfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(parts.get('xl/styles.xml') ?? '')?.[1] ?? '';
  const xfs = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map((m) => /quotePrefix="(1|true)"/.test(m[0]));
  const cells: { sheet: string; ref: string; text: string; quotePrefix: boolean }[] = [];
  for (const [name, xml] of parts) {
    if (!name.startsWith('xl/worksheets/sheet')) continue;
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attributes = m[1]!;
      const type = /\bt="(\w+)"/.exec(attributes)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attributes)?.[1] ?? 0);
      const ref = /\br="([A-Z]+\d+)"/.exec(attributes)?.[1] ?? '?';
      let text: string | undefined;
      if (type === 's') text = shared[Number(/<v>(\d+)<\/v>/.exec(m[2] ?? '')?.[1])];
      else if (type === 'inlineStr') text = decodeXml([...(m[2] ?? '').matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''));
      if (text !== undefined) cells.push({ sheet: name, ref, text, quotePrefix: xfs[style] ?? false });
    }
  }
  return cells;
}

