import { describe, expect, it } from 'vitest';
import { sumStatementRows } from '../../../src/analysis/portfolio/sum-statement-rows.js';
import { D, ZERO } from '../../../src/finance/decimal.js';

// Two sources on the years 2027–2029; each lists rows by key with its values from its own first year.
const sources = [
  { start: 0, rows: [{ key: 'revenue', zh: '营业收入', en: 'Revenue', values: ['100.10', '200.20'], flow: true }, { key: 'cash', zh: '现金', en: 'Cash', values: ['5.00', '7.00'], flow: false }] },
  { start: 1, rows: [{ key: 'opex', zh: '经营成本', en: 'Opex', values: ['30.03', '40.04'], flow: true }, { key: 'revenue', zh: '收入（另一写法）', en: 'Rev', values: ['0.90', '0.80'], flow: false }] },
];

describe('sumStatementRows: a statement summed by row key (methodology §10.10)', () => {
  it('adds each row where it falls, in the order rows first appear, with the first source\'s labels and kind', () => {
    const rows = sumStatementRows(
      sources,
      (s) => s.rows,
      (row) => row.flow,
      (sums, s, row) => row.values.forEach((v, i) => (sums[s.start + i] = sums[s.start + i]!.plus(v))),
      () => [ZERO, ZERO, ZERO],
    );
    expect([...rows.keys()]).toEqual(['revenue', 'cash', 'opex']);
    // revenue: 2027 100.10; 2028 200.20 + 0.90 = 201.10; 2029 0.80
    expect(rows.get('revenue')!.values.map((v) => v.toFixed(2))).toEqual(['100.10', '201.10', '0.80']);
    expect(rows.get('revenue')).toMatchObject({ zh: '营业收入', en: 'Revenue', isFlow: true });
    expect(rows.get('cash')!.values.map((v) => v.toFixed(2))).toEqual(['5.00', '7.00', '0.00']);
    expect(rows.get('cash')!.isFlow).toBe(false);
    // opex starts a year later: 2028 30.03, 2029 40.04
    expect(rows.get('opex')!.values.map((v) => v.toFixed(2))).toEqual(['0.00', '30.03', '40.04']);
  });

  it('gives each row its own zeros (no row shares another\'s sums)', () => {
    const rows = sumStatementRows([sources[0]!], (s) => s.rows, () => true, (sums) => (sums[0] = sums[0]!.plus(new D(1))), () => [ZERO, ZERO]);
    expect([...rows.values()].map((r) => r.values[0]!.toFixed(0))).toEqual(['1', '1']);
  });
});
