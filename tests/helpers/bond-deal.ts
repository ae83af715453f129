import type { DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { buildDealInput } from './build-deal.js';

/**
 * A car park and an advertising stream, 2027–2033 (one construction year, six operating years),
 * funded by a district special bond of two semi-annual bullet batches issued in different years —
 * A: 6,000,000 at 2.4% issued 2027-06 for 5 years; B: 4,000,000 at 3.0% issued 2028-03 for 5 years —
 * and investor equity. Prices exclude VAT at 0% so that revenue is what is entered; no opex but staff.
 */
export function buildBondDealInput(overrides: Partial<DealInput> = {}, bond: Record<string, unknown> = {}): DealInput {
  return buildDealInput({
    timeline: { startYear: 2027, constructionYears: 1, operatingYears: 6 },
    scope: { households: 400, floorAreaM2: '30000', parkingSpaces: 300 },
    capex: [{ id: 'garage', name: '停车库', category: 'improvement', kind: 'parking', amount: '12000000', owner: 'investor', depreciationYears: 6 }],
    revenue: [
      { id: 'park', name: '公共停车场', driver: 'parking', spaces: 500, occupancy: ['1'], monthlyFee: '400', vat: { rate: '0', pricesIncludeVat: false } },
      { id: 'ads', name: '广告', driver: 'advertising', panels: 100, annualRentPerPanel: '6000', vat: { rate: '0', pricesIncludeVat: false } },
    ],
    opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '300000' }] },
    funding: {
      sources: [
        {
          id: 'bond', name: '专项债券', kind: 'special-bond', level: 'district',
          batches: [
            { id: 'A', issueYear: 2027, issueMonth: 6, amount: '6000000', couponRate: '0.024', tenorYears: 5, interestFrequency: 'semi-annual', principal: { kind: 'bullet' } },
            { id: 'B', issueYear: 2028, issueMonth: 3, amount: '4000000', couponRate: '0.03', tenorYears: 5, interestFrequency: 'semi-annual', principal: { kind: 'bullet' } },
          ],
          ...bond,
        },
        { id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企' },
      ],
      fill: [{ source: 'bond' }, { source: 'soe' }],
    },
    ...overrides,
  } as Partial<DealInput>);
}

/** Parse and evaluate a bond deal as of 2026-01-01, without break-even searches (fails the test on any problem). */
export function evaluateBondDeal(input: unknown): Evaluation {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const e = evaluateDeal(parsed.deal, { asOf: '2026-01-01', breakEven: false });
  if (!e.ok) throw new Error(JSON.stringify(e.problems));
  return e;
}
