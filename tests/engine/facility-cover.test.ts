import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';
import { evaluateInput, evaluateTemplate } from '../helpers/evaluate-input.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

/* The senior/junior deal and its CFADS are worked by hand in tests/helpers/two-loan-deal.ts. */
const fixed = (v: { toFixed(n: number): string } | null, n = 6) => (v === null ? null : v.toFixed(n));

describe('cover per facility (methodology §11.9)', () => {
  const e = evaluateInput(buildTwoLoanDeal());
  const [senior, junior] = e.debt.facilities;

  it('starts from CFADS as worked by hand', () => {
    expect(e.financing.cfads.slice(1).map((v) => v.toFixed(2))).toEqual(['284900.00', '282900.00', '280252.00', '275984.00', '275984.00']);
  });

  it('serves the senior loan first (the deal\'s order): its DSCR is CFADS / its own service', () => {
    expect(senior!.sourceId).toBe('senior');
    expect(senior!.rank).toBe(1);
    // 284,900 / 224,000 = 1.271875; 282,900 / 216,000 = 1.309722; 280,252 / 208,000 = 1.347365.
    expect(senior!.dscr.map((v) => fixed(v))).toEqual([null, '1.271875', '1.309722', '1.347365', null, null]);
    expect(fixed(senior!.minDscr)).toBe('1.271875');
    expect(senior!.minDscrYear).toBe(2027);
    expect(senior!.finalMaturityYear).toBe(2029);
  });

  it('gives the junior loan what is left after the senior\'s service', () => {
    // Available: 60,900, 66,900, 72,252, 275,984, 275,984; / 12,000 ×4 and 212,000.
    expect(junior!.available.slice(1).map((v) => v.toFixed(2))).toEqual(['60900.00', '66900.00', '72252.00', '275984.00', '275984.00']);
    expect(junior!.dscr.map((v) => fixed(v))).toEqual([null, '5.075000', '5.575000', '6.021000', '22.998667', '1.301811']);
    expect(fixed(junior!.minDscr)).toBe('1.301811');
    expect(junior!.minDscrYear).toBe(2031);
  });

  it('discounts at each facility\'s own rate: LLCR to its last maturity, PLCR to the end of operation', () => {
    // Senior at 4% from the start of 2027: (284,900/1.04 + 282,900/1.04² + 280,252/1.04³) / 600,000 = 1.307737;
    // PLCR adds 275,984/1.04⁴ + 275,984/1.04⁵ → 2.078989.
    expect(fixed(senior!.llcr)).toBe('1.307737');
    expect(fixed(senior!.plcr)).toBe('2.078989');
    expect([senior!.llcrYear, senior!.plcrYear]).toEqual([2027, 2027]);
    // Junior at 6%: Σ available / 1.06^k, k = 1…5, / 200,000 = 3.012471; it matures at the end, so PLCR = LLCR.
    expect(fixed(junior!.llcr)).toBe('3.012471');
    expect(fixed(junior!.plcr)).toBe('3.012471');
  });

  it('keeps the project-level figures over all debt beside them, labelled', () => {
    // 284,900 / (224,000 + 12,000) = 1.207203.
    expect(fixed(e.debt.minDscr)).toBe(fixed(e.debt.dscr[1]!));
    expect(fixed(e.debt.dscr[1]!)).toBe('1.207203');
    expect(e.metricNotes.minDscr ?? e.debt.notes.minDscr).toContain('project level');
  });

  it('follows waterfall.facilityOrder: with the junior loan first, the senior gets CFADS less 12,000', () => {
    const r = evaluateInput(buildTwoLoanDeal(['junior']));
    const [first, second] = r.debt.facilities;
    expect([first!.sourceId, second!.sourceId]).toEqual(['junior', 'senior']);
    // Junior: 284,900 / 12,000 = 23.741667 … 275,984 / 212,000 = 1.301811 (the senior takes nothing in 2031).
    expect(fixed(first!.dscr[1]!)).toBe('23.741667');
    expect(fixed(first!.minDscr)).toBe('1.301811');
    // Senior: 272,900 / 224,000 = 1.218304; 270,900 / 216,000 = 1.254167; 268,252 / 208,000 = 1.289673.
    expect(second!.dscr.slice(1, 4).map((v) => fixed(v))).toEqual(['1.218304', '1.254167', '1.289673']);
    // LLCR at 4%: (272,900/1.04 + 270,900/1.04² + 268,252/1.04³) / 600,000 = 1.252235.
    expect(fixed(second!.llcr)).toBe('1.252235');
    // The cash is the same: the order changes who is covered first, not what is paid.
    expect(r.financing.cfads.map(String)).toEqual(e.financing.cfads.map(String));
  });

  it('puts each facility\'s cover on the wire under debt.facilities', () => {
    const wire = serializeEvaluation(e);
    const w = wire.debt.facilities.find((f) => f.sourceId === 'junior')!;
    expect(w).toMatchObject({ id: 'junior', sourceId: 'junior', rank: 2, minDscrYear: 2031, llcrYear: 2027, plcrYear: 2027, finalMaturityYear: 2031 });
    expect(w.minDscr).toBe(junior!.minDscr!.toFixed(10));
    expect(w.llcr).toBe(junior!.llcr!.toFixed(10));
    expect(w.plcr).toBe(junior!.plcr!.toFixed(10));
  });

  it('names each bad entry of the facility order', () => {
    const parsed = parseDeal(buildTwoLoanDeal(['senior', 'soe', 'nope', 'senior']));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => [p.path, p.code])).toEqual([
      ['waterfall.facilityOrder[1]', 'WRONG_SOURCE_KIND'],
      ['waterfall.facilityOrder[2]', 'UNKNOWN_REFERENCE'],
      ['waterfall.facilityOrder[3]', 'DUPLICATE_ID'],
    ]);
  });
});

describe('cover per facility on 福州鼓楼 (bond and 国开 loan)', () => {
  const e = evaluateTemplate('fuzhou-gulou-25y');
  const [bond, loan] = e.debt.facilities;

  it('serves the bond first from CFADS, then the loan from what the project paid the bond', () => {
    expect([bond!.kind, loan!.kind]).toEqual(['special-bond', 'bank-loan']);
    const C = e.projection.timeline.C;
    e.financing.cfads.forEach((cfads, t) => {
      expect(bond!.available[t]!.eq(cfads)).toBe(true);
      expect(loan!.available[t]!.eq(cfads.minus(e.financing.bond.coveredByProject[t]!))).toBe(true);
      if (t >= C && !loan!.service[t]!.isZero()) expect(loan!.dscr[t]!.eq(loan!.available[t]!.div(loan!.service[t]!))).toBe(true);
    });
    // The pooled LLCR blends the bond's 2.25% and the loan's 3.2%; the loan's own is discounted at 3.2% on what the bond leaves.
    expect(loan!.rate.toFixed(4)).toBe('0.0320');
    expect(loan!.llcr!.gt(0)).toBe(true);
    expect(loan!.plcr!.gte(loan!.llcr!)).toBe(true);
  });
});
