import type { Evaluation } from '../../engine/evaluate-deal.js';
import type { Statement } from '../../engine/statement.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';

export interface AggregatedRow {
  key: string;
  zh: string;
  en: string;
  /** By calendar year of the portfolio, 元 to the 分 as decimal strings. */
  values: string[];
  total: string | null;
}

export interface AggregatedStatement {
  key: string;
  zh: string;
  en: string;
  rows: AggregatedRow[];
}

export type StatementKey = keyof Evaluation['statements'];

/** The calendar years every member spans, ascending and without gaps. */
export function spanYears(evaluations: readonly Evaluation[]): number[] {
  const first = Math.min(...evaluations.map((e) => e.years[0]!.calendarYear));
  const last = Math.max(...evaluations.map((e) => e.years[e.years.length - 1]!.calendarYear));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * One statement summed over the members by calendar year. Each member's values are taken to the 分
 * first — as its own evaluation reports them — so every portfolio cell is exactly the sum of the
 * members' cells. Flow rows are 0 outside a member's years; balances and running sums (rows without a
 * total) hold the member's last value after its end. Rows only some members have (one per loan) are
 * kept, the others counting 0.
 */
export function aggregateStatement(evaluations: readonly Evaluation[], key: StatementKey, years: readonly number[]): AggregatedStatement {
  const first = evaluations[0]!.statements[key];
  const rows = new Map<string, { zh: string; en: string; isFlow: boolean; values: D[] }>();
  for (const e of evaluations) {
    const statement: Statement = e.statements[key];
    const offset = e.years[0]!.calendarYear - years[0]!;
    for (const row of statement.rows) {
      let entry = rows.get(row.key);
      if (!entry) rows.set(row.key, (entry = { zh: row.zh, en: row.en, isFlow: row.total !== null, values: years.map(() => ZERO) }));
      const cells = row.values.map(roundToFen);
      years.forEach((_, i) => {
        const t = i - offset;
        const cell = t >= 0 && t < cells.length ? cells[t]! : t >= cells.length && !entry!.isFlow ? cells[cells.length - 1]! : ZERO;
        entry!.values[i] = entry!.values[i]!.plus(cell);
      });
    }
  }
  return {
    key,
    zh: first.zh,
    en: first.en,
    rows: [...rows].map(([rowKey, r]) => ({
      key: rowKey,
      zh: r.zh,
      en: r.en,
      values: r.values.map((v) => v.toFixed(2)),
      total: r.isFlow ? r.values.reduce((s, v) => s.plus(v), ZERO).toFixed(2) : null,
    })),
  };
}

/** The value of a row of an aggregated statement in each year (0 when the row is absent). */
export function readAggregatedRow(statement: AggregatedStatement, key: string): D[] | undefined {
  return statement.rows.find((r) => r.key === key)?.values.map((v) => new D(v));
}
