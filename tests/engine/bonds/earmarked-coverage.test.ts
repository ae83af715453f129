import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildBondDealInput, evaluateBondDeal } from '../../helpers/bond-deal.js';

const evaluate = evaluateBondDeal;
const parkOnly = { earmark: { streams: [{ stream: 'park' }] } };

describe('a bond earmarked to its car park (自求平衡)', () => {
  // Car park: 500 spaces × 400 元 × 12 × 100% = 2,400,000 a year; ads 100 × 6,000 = 600,000; VAT 0%, so no surcharges.
  // Staff 300,000 is shared: the car park's share of revenue is 2.4 / 3.0 = 0.8, so 240,000 is charged to the bond.
  // Earmarked net income 2,160,000 in each operating year 2028–2033; nothing in construction (2027).
  // Service (see repayment-account.test.ts): 72,000 · 204,000 · 264,000 × 3 · 6,192,000 · 4,060,000; Σ 11,320,000.
  const e = evaluate(buildBondDealInput({}, parkOnly));
  const bond = e.bonds.find((b) => b.id === 'bond')!;

  it('counts only the earmarked stream and its share of the shared cost', () => {
    const y2029 = bond.table.find((r) => r.year === 2029)!;
    expect(y2029.revenue.toFixed(2)).toBe('2400000.00');
    expect(y2029.costs.toFixed(2)).toBe('240000.00');
    expect(y2029.netIncome.toFixed(2)).toBe('2160000.00');
    expect(y2029.revenueByStream).toEqual([{ id: 'park', value: expect.anything() }]);
  });

  it('runs the repayment account year by year, repaying both bullets from the balance', () => {
    // 2027: no income, the issuer pays the 72,000 coupon. 2028: 2,160,000 − 204,000 = 1,956,000.
    // 2029: +1,896,000 → 3,852,000 · 2030: 5,748,000 · 2031: 7,644,000 · 2032: 9,804,000 − 6,192,000 = 3,612,000
    // 2033: 3,612,000 + 2,160,000 − 4,060,000 = 1,712,000.
    expect(bond.table.map((r) => [r.year, r.accountBalance.toFixed(2), r.issuerTopUp.toFixed(2)])).toEqual([
      [2027, '0.00', '72000.00'], [2028, '1956000.00', '0.00'], [2029, '3852000.00', '0.00'], [2030, '5748000.00', '0.00'],
      [2031, '7644000.00', '0.00'], [2032, '3612000.00', '0.00'], [2033, '1712000.00', '0.00'],
    ]);
    expect(bond.totals.issuerTopUp.toFixed(2)).toBe('72000.00');
    expect(e.fiscal.levels.find((l) => l.level === 'district')!.bondAccountTopUp[0]!.toFixed(2)).toBe('72000.00');
  });

  it('reports coverage cumulative over the bond life, with the yearly ratio beside it', () => {
    // Net: 6 × 2,160,000 = 12,960,000 / 11,320,000 = 1.144876…; gross: 14,400,000 / 11,320,000 = 1.272084…
    expect(bond.coverageNet!.toFixed(6)).toBe('1.144876');
    expect(bond.coverageGross!.toFixed(6)).toBe('1.272085');
    const y2029 = bond.table.find((r) => r.year === 2029)!;
    // Yearly 2029: 2,160,000 / 264,000 = 8.181818…; cumulative to 2029: 4,320,000 / 540,000 = 8.
    expect(y2029.yearlyCoverage!.toFixed(6)).toBe('8.181818');
    expect(y2029.cumulativeCoverage!.toFixed(6)).toBe('8.000000');
    // 2032, the year of A's bullet: 2,160,000 / 6,192,000 = 0.348837… below 1 though the cumulative test passes.
    expect(bond.table.find((r) => r.year === 2032)!.yearlyCoverage!.toFixed(6)).toBe('0.348837');
    // The deal's coverage is the bond's own, and 1.1449 passes the 1.1 floor.
    expect(e.debt.coverage.bondNet!.eq(bond.coverageNet!)).toBe(true);
    expect(e.warnings.map((w) => w.code)).not.toContain('BOND_COVERAGE_BELOW_MINIMUM');
  });

  it('changes coverage by exactly the net income of a stream it stops earmarking', () => {
    const both = evaluate(buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }, { stream: 'ads' }] } })).bonds[0]!;
    // Ads: 600,000 less its 20% share of staff (60,000) = 540,000 a year, × 6 = 3,240,000.
    const adsNet = both.totals.netIncome.minus(bond.totals.netIncome);
    expect(adsNet.toFixed(2)).toBe('3240000.00');
    expect(both.coverageNet!.minus(bond.coverageNet!).toFixed(12)).toBe(adsNet.div(bond.totals.service).toFixed(12));
  });

  it('flags coverage below the floor, on the threshold given', () => {
    const strict = evaluate(buildBondDealInput({ covenants: { bondCoverage: '1.2' } } as never, parkOnly));
    expect(strict.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'BOND_COVERAGE_BELOW_MINIMUM', path: 'metrics.bondCoverageNet' })]));
  });

  it('warns that an unearmarked bond is not a 自求平衡 test and keeps the pooled coverage', () => {
    const pooled = evaluate(buildBondDealInput());
    expect(pooled.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'BOND_NOT_EARMARKED', path: 'funding.sources[0].earmark' })]));
    expect(pooled.bonds[0]!.coverageNet!.eq(pooled.debt.coverage.bondNet!)).toBe(true);
  });

  it('with every stream earmarked, equals the pooled coverage of the same single-batch bond (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 900 }), fc.integer({ min: 1000, max: 20000 }), fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom('0', '0.06', '0.09'), (fee, rent, staff, vat) => {
        const input = buildBondDealInput(
          {
            revenue: [
              { id: 'park', name: '停车', driver: 'parking', spaces: 500, occupancy: ['0.6', '0.9'], monthlyFee: String(fee), vat: { rate: vat } },
              { id: 'ads', name: '广告', driver: 'advertising', panels: 100, annualRentPerPanel: String(rent) },
            ],
            opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: String(staff), inputVatRate: '0.06' }], percentOfRevenue: [{ id: 'platform', name: '平台', share: '0.03', streams: ['park'] }] },
          } as never,
          { batches: [{ id: 'A', issueYear: 2027, issueMonth: 6, amount: '10000000', couponRate: '0.024', tenorYears: 5 }] },
        );
        const pooled = evaluate(input);
        const all = evaluate({ ...input, funding: { ...input.funding!, sources: input.funding!.sources.map((s) => (s.kind === 'special-bond' ? { ...s, earmark: { streams: [{ stream: 'park' }, { stream: 'ads' }] } } : s)) } });
        expect(all.bonds[0]!.coverageNet!.toFixed(20)).toBe(pooled.debt.coverage.bondNet!.toFixed(20));
        expect(all.bonds[0]!.coverageGross!.toFixed(20)).toBe(pooled.debt.coverage.bondGross!.toFixed(20));
      }),
      { numRuns: 12 },
    );
  });
});
