import type { Deal } from '../deal/deal-schema.js';
import { applyDriver, nameDriver, type Driver } from './drivers.js';
import type { Indicator } from './indicators.js';
import { readValues } from './tornado.js';

export interface TwoWayTable {
  indicator: Indicator;
  rows: { driver: string; changes: string[] };
  columns: { driver: string; changes: string[] };
  /** values[i][j]: the indicator with the row driver at changes[i] and the column driver at changes[j]; null where the deal is invalid or the indicator absent. */
  values: (string | null)[][];
}

/** A two-way table: both drivers moved together over a grid (e.g. parking fee × occupancy → equity IRR). */
export function buildTwoWayTable(deal: Deal, asOf: string, rows: { driver: Driver; changes: number[] }, columns: { driver: Driver; changes: number[] }, indicator: Indicator): TwoWayTable {
  const values = rows.changes.map((r) =>
    columns.changes.map((c) => readValues(applyDriver(applyDriver(deal, rows.driver, r), columns.driver, c), asOf, [indicator]).values?.[indicator] ?? null),
  );
  return {
    indicator,
    rows: { driver: nameDriver(rows.driver), changes: rows.changes.map(String) },
    columns: { driver: nameDriver(columns.driver), changes: columns.changes.map(String) },
    values,
  };
}
