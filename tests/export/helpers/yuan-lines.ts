import { expect } from 'vitest';

/** The 元 block of a sheet with years across (below its heading 以下为元): each line's yearly values by its number (column A). */
export function readYuanLines(rows: string[][], years: number): Map<string, number[]> {
  const start = rows.findIndex((r) => r[1]?.startsWith('以下为元'));
  expect(start, 'the sheet has its 元 block').toBeGreaterThan(0);
  const lines = new Map<string, number[]>();
  for (const r of rows.slice(start + 1)) {
    if (r[0] === '' || r[0] === undefined) continue;
    // A percentage prints as shown (59.69%): the live Checks row compares the ratio at full precision.
    lines.set(r[0], r.slice(4, 4 + years).map((v) => (v === '' ? Number.NaN : v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v))));
  }
  return lines;
}
