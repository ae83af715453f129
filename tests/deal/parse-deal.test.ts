import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { buildDealInput } from '../helpers/build-deal.js';

const readBad = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/bad/${name}.json`, import.meta.url), 'utf8'));

function problemsOf(input: unknown) {
  const result = parseDeal(input);
  if (result.ok) throw new Error('expected problems');
  return result.problems.map((p) => `${p.path} ${p.code}`);
}

describe('parseDeal', () => {
  it('applies the documented defaults', () => {
    const result = parseDeal(buildDealInput());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.deal.timeline.operatingYears).toBe(3);
    expect(result.deal.discountRate).toBe('0.06');
    expect(result.deal.tax).toMatchObject({ incomeTaxRate: '0.25', urbanMaintenanceRate: '0.07', lossCarryForwardYears: 5, communityCareIncentiveUntilYear: 2027 });
    expect(result.deal.capex[0]!.inputVatRate).toBe('0.09');
    const { operatingYears: _omitted, ...timeline } = buildDealInput().timeline;
    const defaulted = parseDeal(buildDealInput({ timeline }));
    expect(defaulted.ok && defaulted.deal.timeline.operatingYears).toBe(25);
  });

  it('normalises numbers to decimal strings without binary-float noise', () => {
    const result = parseDeal(buildDealInput({ discountRate: 0.07 }));
    expect(result.ok && result.deal.discountRate).toBe('0.07');
    const amounts = parseDeal(buildDealInput({ capex: [{ id: 'a', name: 'a', category: 'basic', kind: 'road', amount: 1234.56, owner: 'community' }] }));
    expect(amounts.ok && amounts.deal.capex[0]!.amount).toBe('1234.56');
  });

  it('reports every shape problem of a bad deal at once, each with its path', () => {
    expect(problemsOf(readBad('many-problems'))).toEqual(
      expect.arrayContaining([
        'name TOO_SMALL',
        'place.city REQUIRED',
        'timeline.constructionYears TOO_SMALL',
        'timeline.operatingYear UNKNOWN_FIELD',
        'scope.households TOO_SMALL',
        'capex[0].category INVALID_VALUE',
        'capex[0].amount OUT_OF_RANGE',
        'capex[1].amount INVALID_FORMAT',
        'revenue[0].occupancy[0] OUT_OF_RANGE',
        'revenue[0].occupancy[1] OUT_OF_RANGE',
        'revenue[1].driver INVALID_VALUE',
        'discountRate OUT_OF_RANGE',
      ]),
    );
  });

  it('says "decimal, not percent" when a rate is given as a percent number', () => {
    const result = parseDeal(buildDealInput({ discountRate: 6 }));
    if (result.ok) throw new Error('expected a problem');
    expect(result.problems).toEqual([{ code: 'OUT_OF_RANGE', path: 'discountRate', message: 'must be between 0 and 1; got 6' }]);
    const share = parseDeal(buildDealInput({ revenue: [{ id: 'p', name: 'p', driver: 'parking', occupancy: [90], monthlyFee: 1 }] }));
    expect(!share.ok && share.problems[0]!.path).toBe('revenue[0].occupancy[0]');
  });

  it('reports every cross-field problem at once', () => {
    expect(problemsOf(readBad('cross-field-problems')).sort()).toEqual(
      [
        'timeline.capexPhasing PHASING_SUM',
        'capex DUPLICATE_ID',
        'capex[0].utility REQUIRED',
        'capex[1].phasing PHASING_LENGTH',
        'revenue[0].spaces REQUIRED',
        'revenue[0].startOperatingYear YEAR_OUT_OF_RANGE',
        'revenue[1].formula FORMULA_NOT_ALLOWED',
        'opex.percentOfRevenue[0].streams[0] UNKNOWN_REFERENCE',
        'opex.majorMaintenance[0].operatingYears[0] YEAR_OUT_OF_RANGE',
        'handBack.residualValue OUT_OF_RANGE',
        // The fixture's only investor asset is written off before hand-back (methodology §9.4).
        'handBack.residualValue NO_ASSET_AT_HAND_BACK',
      ].sort(),
    );
  });

  it('reports cross-field problems of the sound sections together with shape problems elsewhere', () => {
    const input = {
      ...buildDealInput({ timeline: { startYear: 2026, constructionYears: 2, operatingYears: 10, capexPhasing: ['0.5', '0.4'] } }),
      discountRate: 6,
      revenue: [
        { id: 'p', name: '停车', driver: 'parking', occupancy: ['0.6'], monthlyFee: '150', startOperatingYear: 12 },
        { id: 'q', name: '坏', driver: 'advertising', panels: -1, annualRentPerPanel: '1' },
      ],
    };
    expect(problemsOf(input).sort()).toEqual(
      [
        'discountRate OUT_OF_RANGE',
        'revenue[1].panels TOO_SMALL',
        'timeline.capexPhasing PHASING_SUM',
        'revenue[0].startOperatingYear YEAR_OUT_OF_RANGE',
      ].sort(),
    );
  });

  it('refuses formula inputs that would hide a built-in name', () => {
    const result = parseDeal(buildDealInput({ revenue: [{ id: 'v', name: '公式', driver: 'custom', formula: 'n * 1000', inputs: { n: 5, min: 1 } }] }));
    expect(!result.ok && result.problems.map((p) => `${p.path} ${p.code}`)).toEqual(['revenue[0].inputs.n RESERVED_NAME', 'revenue[0].inputs.min RESERVED_NAME']);
  });

  it('caps the residual value at the VAT-exclusive cost of investor-owned assets', () => {
    // 1,090,000 incl. 9% VAT → a cost basis of 1,000,000: 1,000,000 is the most that can be left undepreciated.
    const capex: DealInput['capex'] = [{ id: 'park', name: '停车场', category: 'improvement', kind: 'parking', amount: '1090000', owner: 'investor' }];
    expect(parseDeal(buildDealInput({ capex, handBack: { residualValue: '1000000' } })).ok).toBe(true);
    const over = parseDeal(buildDealInput({ capex, handBack: { residualValue: '1000000.01' } }));
    expect(!over.ok && over.problems[0]!.message).toContain('1000000.00');
  });

  it('says what is wrong with a name: not a text, empty, or too long', () => {
    const messagesFor = (name: unknown) => {
      const result = parseDeal({ ...buildDealInput(), name });
      if (result.ok) throw new Error('expected problems');
      return result.problems.map((p) => `${p.path} ${p.code} ${p.message}`);
    };
    expect(messagesFor(42)).toEqual(['name INVALID_TYPE must be a text']);
    expect(messagesFor('  ')).toEqual(['name TOO_SMALL must not be empty']);
    expect(messagesFor('名'.repeat(201))).toEqual(['name TOO_BIG must be at most 200 characters']);
  });

  it('rejects input that is not an object', () => {
    expect(problemsOf('not a deal')).toEqual([' INVALID_TYPE']);
    expect(problemsOf(null)).toEqual([' INVALID_TYPE']);
  });
});
