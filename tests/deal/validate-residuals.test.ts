import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { buildDealInput } from '../helpers/build-deal.js';

function problemsOf(input: unknown) {
  const result = parseDeal(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path} ${p.code}`);
}

describe('residual values per asset (methodology §9)', () => {
  it('accepts an item residual up to its VAT-exclusive cost: 1,090,000 at 9% → 1,000,000', () => {
    const item = { id: 'p', name: 'P', category: 'improvement', kind: 'parking', amount: '1090000', owner: 'investor' } as const;
    expect(problemsOf(buildDealInput({ capex: [{ ...item, residualValue: '1000000' }] }))).toEqual([]);
    expect(problemsOf(buildDealInput({ capex: [{ ...item, residualValue: '1000000.01' }] }))).toEqual(['capex[0].residualValue OUT_OF_RANGE']);
  });

  it('refuses a residual on an asset the investor does not own', () => {
    const road = { id: 'r', name: '道路', category: 'basic', kind: 'road', amount: '100000', owner: 'community', residualValue: '1' } as const;
    expect(problemsOf(buildDealInput({ capex: [road] }))).toEqual(['capex[0].residualValue NOT_APPLICABLE']);
  });

  it('refuses a deal-level residual when no asset is in service at hand-back', () => {
    // Three operating years; a 2-year asset is written off before hand-back and has no book value left.
    const short = { id: 's', name: 'S', category: 'improvement', kind: 'smart-security', amount: '109000', owner: 'investor', depreciationYears: 2 } as const;
    expect(problemsOf(buildDealInput({ capex: [short], handBack: { residualValue: '1000' } }))).toEqual(['handBack.residualValue NO_ASSET_AT_HAND_BACK']);
    expect(problemsOf(buildDealInput({ capex: [{ ...short, depreciationYears: 3 }], handBack: { residualValue: '1000' } }))).toEqual([]);
  });
});
