import type { Evaluation, MemberEvaluation } from '../../engine/evaluate-deal.js';
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

type Statements = Evaluation['statements'];
/** The statements every evaluation has (an optional one, such as constructionProfit, is not summed). */
export type StatementKey = { [K in keyof Statements]-?: undefined extends Statements[K] ? never : K }[keyof Statements];

/** The calendar years every member spans, ascending and without gaps. */
export function spanYears(evaluations: readonly Pick<MemberEvaluation, 'years'>[]): number[] {
  const first = Math.min(...evaluations.map((e) => e.years[0]!.calendarYear));
  const last = Math.max(...evaluations.map((e) => e.years[e.years.length - 1]!.calendarYear));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * A member's row on the portfolio's calendar years, each value to the 分 as its own evaluation reports
 * it: a flow row (`isFlow`, a row with a total) is 0 outside the member's years; a balance or a running
 * sum holds the member's last value after its end (and is 0 before its start).
 */
export function alignMemberRow(e: Pick<Evaluation, 'years'>, values: readonly D[], isFlow: boolean, years: readonly number[]): D[] {
  const offset = e.years[0]!.calendarYear - years[0]!;
  const cells = values.map(roundToFen);
  return years.map((_, i) => {
    const t = i - offset;
    if (t >= 0 && t < cells.length) return cells[t]!;
    return t >= cells.length && !isFlow ? cells[cells.length - 1]! : ZERO;
  });
}

/** The value of a row of an aggregated statement in each year (0 when the row is absent). */
export function readAggregatedRow(statement: AggregatedStatement, key: string): D[] | undefined {
  return statement.rows.find((r) => r.key === key)?.values.map((v) => new D(v));
}
