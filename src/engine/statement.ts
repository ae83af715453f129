import type { D } from '../finance/decimal.js';
import { totalOf, type Series } from './series.js';

/** One line of a statement: its number in the table, Chinese and English names, yearly values. */
export interface StatementRow {
  key: string;
  no: string;
  zh: string;
  en: string;
  values: Series;
  /** Sum over the years (summed when first read); null for balances and cumulative rows, where a sum means nothing. */
  readonly total: D | null;
  /** 'ratio' for a row of ratios (资产负债率), read and printed as a rate; amounts in 元 otherwise. */
  unit?: 'ratio';
}

export interface Statement {
  key: string;
  zh: string;
  en: string;
  rows: StatementRow[];
}

/**
 * Totals of series already summed: the same schedule (revenue, tax, debt service…) appears in several
 * statements. Statements are built from finished schedules, which nothing changes afterwards.
 */
const totals = new WeakMap<Series, D>();

/**
 * A row whose total is summed when first read: the statements' readers (the wire, the term sheet, a
 * portfolio) read it, the decision tools never do. Summing every row's total is about a tenth of an
 * evaluation's decimal arithmetic.
 */
export function createRow(key: string, no: string, zh: string, en: string, values: Series): StatementRow {
  return {
    key, no, zh, en, values,
    get total() {
      let total = totals.get(values);
      if (total === undefined) totals.set(values, (total = totalOf(values)));
      return total;
    },
  };
}

/** A row of balances or running sums: no total. */
export function createBalanceRow(key: string, no: string, zh: string, en: string, values: Series): StatementRow {
  return { key, no, zh, en, values, total: null };
}

/** A row of yearly ratios (资产负债率): no total, printed as a rate. */
export function createRatioRow(key: string, no: string, zh: string, en: string, values: Series): StatementRow {
  return { key, no, zh, en, values, total: null, unit: 'ratio' };
}

export function findRow(statement: Statement, key: string): StatementRow {
  const row = statement.rows.find((r) => r.key === key);
  if (!row) throw new Error(`statement ${statement.key} has no row ${key}`);
  return row;
}
