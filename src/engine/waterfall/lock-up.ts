import { D, ZERO } from '../../finance/decimal.js';

/**
 * Lock-up test (methodology §11): distributions are blocked in a year whose DSCR is below the
 * threshold, on the year's DSCR or on the average of the DSCRs of the trailing `trailingYears` years
 * (the year and those before it that have one). A year without debt service has no DSCR and is not
 * locked up.
 */
export function findLockedYears(dscr: (D | null)[], minDscr: string | undefined, basis: 'year' | 'trailing', trailingYears: number): boolean[] {
  if (minDscr === undefined) return dscr.map(() => false);
  const threshold = new D(minDscr);
  const seen: D[] = [];
  return dscr.map((value) => {
    if (value === null) return false;
    seen.push(value);
    const window = basis === 'year' ? [value] : seen.slice(-trailingYears);
    const tested = window.reduce((s, v) => s.plus(v), ZERO).div(window.length);
    return tested.lt(threshold);
  });
}
