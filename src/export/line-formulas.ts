import type { D } from '../finance/decimal.js';
import type { LineValue, YearColumn } from './year-sheet.js';

/** Formula patterns used across the statement sheets, one per row (FAST): each takes a year column. */
export type LineFormula = (c: YearColumn) => string;

/** Σ of lines in the same year: `E7+E8+E9`. */
export const sumOfLines = (...keys: string[]): LineFormula => (c) => keys.map((k) => c.at(k)).join('+');

/** Lines added minus lines taken: `E6-E13`. */
export const differenceOfLines = (plus: string[], minus: string[]): LineFormula => (c) =>
  [plus.map((k) => c.at(k)).join('+'), ...minus.map((k) => c.at(k))].join('-');

/** Running sum of a line up to this year: `SUM($E9:E9)` (cumulative rows, methodology §3). */
export const runningSumOf = (key: string): LineFormula => (c) => `SUM(${c.firstOf(key)}:${c.at(key)})`;

/** 1 in the first year a cumulative line, having been negative, is ≥ 0, and after (payback, methodology §4). */
export const recoveredFlagOf = (cumulativeKey: string): LineFormula => (c) =>
  `IF(AND(${c.at(cumulativeKey)}>=0,MIN(${c.firstOf(cumulativeKey)}:${c.at(cumulativeKey)})<0),1,0)`;

/** The same flags computed from the engine's cumulative values, as cached results. */
export function flagRecovered(cumulative: readonly D[]): number[] {
  let wasNegative = false;
  return cumulative.map((v) => {
    const recovered = wasNegative && !v.lt(0);
    if (v.lt(0)) wasNegative = true;
    return recovered ? 1 : 0;
  });
}

export const toNumbers = (row: readonly D[]): number[] => row.map((v) => v.toNumber());
export const toNullableNumbers = (row: readonly (D | null)[]): LineValue[] => row.map((v) => (v === null ? null : v.toNumber()));
