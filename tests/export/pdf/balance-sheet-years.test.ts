import { describe, expect, it } from 'vitest';
import type { WireEvaluation } from '../../../src/engine/to-wire.js';
import { pickBalanceSheetYears } from '../../../src/export/pdf/balance-sheet-html.js';

type Year = WireEvaluation['years'][number];

/** A timeline of `construction` years from 2027, the last `overlap` of them already operating, then pure operation. */
function timeline(construction: number, operating: number, overlap = 0): Year[] {
  const years: Year[] = [];
  let op = 0;
  for (let t = 0; t < construction + operating - overlap; t++) {
    const building = t < construction;
    const running = t >= construction - overlap;
    if (running) op += 1;
    years.push({ t: t + 1, calendarYear: 2027 + t, phase: building ? (running ? 'construction-and-operation' : 'construction') : 'operation', operatingYear: running ? op : null } as Year);
  }
  return years;
}
const calendar = (years: Year[]) => pickBalanceSheetYears(years).map((t) => years[t]!.calendarYear);

describe('the years the printed balance sheet shows', () => {
  it('2 + 25 years: the end of construction (2028), operating years 1, 5, 10, 15, 20 and 25 (the last)', () => {
    expect(calendar(timeline(2, 25))).toEqual([2028, 2029, 2033, 2038, 2043, 2048, 2053]);
  });

  it('2 + 12 years: operating years 1, 5 and 10, and the last year (operating year 12)', () => {
    expect(calendar(timeline(2, 12))).toEqual([2028, 2029, 2033, 2038, 2040]);
  });

  it('1 + 40 years: past 35 operating years every tenth (10, 20, 30, 40), so the table keeps to A4 portrait', () => {
    expect(calendar(timeline(1, 40))).toEqual([2027, 2028, 2037, 2047, 2057, 2067]);
  });

  it('a phased deal: the end of construction is the last year with works under way, though it already operates', () => {
    // 3 construction years, the third already operating (operating year 1 in 2029), 10 operating years in all.
    const years = timeline(3, 10, 1);
    expect(years[2]!.phase).toBe('construction-and-operation');
    expect(calendar(years)).toEqual([2029, 2033, 2038]);
  });
});
