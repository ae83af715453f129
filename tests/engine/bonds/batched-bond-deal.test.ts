import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { buildBondDealInput, evaluateBondDeal } from '../../helpers/bond-deal.js';

const evaluate = evaluateBondDeal;
const fixed = (row: { toFixed(n: number): string }[]) => row.map((v) => v.toFixed(2));

describe('a special bond entered as batches', () => {
  it('owes each batch on its own dates in the 借款还本付息计划表', () => {
    const e = evaluate(buildBondDealInput());
    const bond = e.financing.debts.find((d) => d.source.id === 'bond')!;
    // Issued: A 6,000,000 in 2027, B 4,000,000 in 2028.
    expect(fixed(bond.draw)).toEqual(['6000000.00', '4000000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    // A: 72,000 a half-year (6,000,000 × 2.4% / 2) from 2027-12 to 2032-06; B: 60,000 (4,000,000 × 3% / 2) from 2028-09 to 2033-03.
    // 2027: 72,000 · 2028: 144,000 + 60,000 · 2029–31: 144,000 + 120,000 · 2032: 72,000 + 120,000 · 2033: 60,000.
    expect(fixed(bond.interestPaid)).toEqual(['72000.00', '204000.00', '264000.00', '264000.00', '264000.00', '192000.00', '60000.00']);
    expect(fixed(bond.principal)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '6000000.00', '4000000.00']);
    expect(fixed(bond.closing)).toEqual(['6000000.00', '10000000.00', '10000000.00', '10000000.00', '10000000.00', '4000000.00', '0.00']);
    // The bond funds 10,000,000 of the 12,000,000 works; equity the rest.
    const funded = e.financing.funding.sources.find((s) => s.source.id === 'bond')!;
    expect(funded.total.reduce((s, v) => s.plus(v)).toFixed(2)).toBe('10000000.00');
  });

  it('rejects a bond that mixes the two forms or lacks both, naming the fields', () => {
    const mixed = parseDeal(buildBondDealInput({}, { amount: '10000000', couponRate: '0.02' }));
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) {
      expect(mixed.problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ code: 'CONFLICT', path: 'funding.sources[0].amount' }),
        expect.objectContaining({ code: 'CONFLICT', path: 'funding.sources[0].couponRate' }),
      ]));
    }
    const neither = parseDeal(buildBondDealInput({}, { batches: undefined }));
    expect(neither.ok).toBe(false);
    if (!neither.ok) expect(neither.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['funding.sources[0].amount', 'funding.sources[0].couponRate', 'funding.sources[0].tenorYears', 'funding.sources[0].principal']));
  });

  it('rejects a batch issued or repaid outside the deal years and duplicate batch ids', () => {
    const parsed = parseDeal(buildBondDealInput({}, {
      batches: [
        { id: 'A', issueYear: 2026, issueMonth: 6, amount: '6000000', couponRate: '0.024', tenorYears: 5 },
        { id: 'A', issueYear: 2030, issueMonth: 3, amount: '4000000', couponRate: '0.03', tenorYears: 5 },
      ],
    }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toEqual(expect.arrayContaining([
        expect.objectContaining({ code: 'YEAR_OUT_OF_RANGE', path: 'funding.sources[0].batches[0].issueYear' }),
        expect.objectContaining({ code: 'DUPLICATE_ID', path: 'funding.sources[0].batches[1].id' }),
        expect.objectContaining({ code: 'DEBT_OUTLIVES_OPERATION', path: 'funding.sources[0].batches[1].tenorYears' }),
      ]));
    }
  });
});
