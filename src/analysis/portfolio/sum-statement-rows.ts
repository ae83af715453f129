import type { D } from '../../finance/decimal.js';

/** A statement row summed over several members or parts: its labels, whether it is a flow, its sums by year (Decimals, or whole 分). */
export interface SummedRow<V = D> {
  zh: string;
  en: string;
  isFlow: boolean;
  values: V[];
}

/**
 * Sum the rows of one statement over `sources` (members of a part, or parts of a portfolio) by row key,
 * keeping the rows in the order they first appear and each row's labels and flow-or-balance kind as its
 * first source has them; `addRow` adds one source's row into the sums (placing it on the common calendar
 * years), `zeros` gives a fresh row of zeros on those years (methodology §10.10).
 */
export function sumStatementRows<S, R extends { key: string; zh: string; en: string }, V = D>(
  sources: readonly S[],
  rowsOf: (source: S) => readonly R[],
  isFlowOf: (row: R) => boolean,
  addRow: (sums: V[], source: S, row: R, isFlow: boolean) => void,
  zeros: () => V[],
): Map<string, SummedRow<V>> {
  const rows = new Map<string, SummedRow<V>>();
  for (const source of sources) {
    for (const row of rowsOf(source)) {
      let entry = rows.get(row.key);
      if (!entry) rows.set(row.key, (entry = { zh: row.zh, en: row.en, isFlow: isFlowOf(row), values: zeros() }));
      addRow(entry.values, source, row, entry.isFlow);
    }
  }
  return rows;
}
