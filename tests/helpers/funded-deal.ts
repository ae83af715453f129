import type { DealInput } from '../../src/deal/deal-schema.js';
import { buildDealInput } from './build-deal.js';

/**
 * A small deal with every kind of funding: two construction years (60/40), a grant-funded road, a
 * water pipeline split 30/70 with the utility, residents paying 20% of the roofs, an investor-owned
 * parking garage funded by a district grant share, a bank loan (annuity) and investor equity.
 */
export function buildFundedDealInput(overrides: Partial<DealInput> = {}): DealInput {
  return buildDealInput({
    timeline: { startYear: 2027, constructionYears: 2, operatingYears: 10, capexPhasing: ['0.6', '0.4'] },
    scope: { households: 400, floorAreaM2: '30000', parkingSpaces: 300 },
    capex: [
      { id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '2000000', owner: 'community' },
      { id: 'water', name: '供水管网', category: 'basic', kind: 'pipeline', utility: 'water', amount: '1000000', owner: 'utility' },
      { id: 'roofs', name: '屋面', category: 'basic', kind: 'roof-and-stairwell', amount: '500000', owner: 'community' },
      { id: 'garage', name: '停车库', category: 'improvement', kind: 'parking', amount: '6000000', owner: 'investor', depreciationYears: 10 },
    ],
    revenue: [{ id: 'park', name: '停车', driver: 'parking', occupancy: ['0.9'], monthlyFee: '300' }],
    opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }] },
    funding: {
      sources: [
        { id: 'central', name: '中央预算内投资', kind: 'central-budget', amount: '1500000' },
        { id: 'district', name: '区级补助', kind: 'district-grant' },
        { id: 'water-co', name: '自来水公司', kind: 'utility', utility: 'water' },
        { id: 'residents', name: '居民出资', kind: 'residents', perHousehold: '250' },
        { id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '3000000' }, rate: { kind: 'lpr', lpr: '0.035', spread: '0.005' }, tenorYears: 10, graceYears: 1, repayment: { kind: 'annuity' } },
        { id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企' },
      ],
      rules: [
        { kind: 'utility-split', basis: 'percentage', utilityShare: '0.7', governmentSource: 'district' },
        { kind: 'share', source: 'residents', items: ['roofs'], share: '0.2' },
      ],
      fill: [
        { source: 'central', categories: ['basic'] },
        { source: 'district', categories: ['basic'] },
        { source: 'loan' },
        { source: 'soe' },
      ],
    },
    ...overrides,
  });
}
