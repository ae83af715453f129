import type { DealInput } from '../../src/deal/deal-schema.js';
import { buildDealInput } from '../helpers/build-deal.js';

/**
 * Two phases, 2026–2027 construction, 2028–2030 operation (C = 2, N = 3, T = 5):
 * phase A, a car park (109,000 元 incl. 9% VAT, all spent in 2026, life 5) opens in 2026 with its
 * parking stream (50 spaces, occupancy 50% then 100%, 436 元/month incl. VAT, +10% a year from the
 * first operating year) and its attendant (20,000 元 a year, no VAT); phase B, a neighbourhood centre
 * (218,000 元 incl. 9% VAT, half in each construction year, life 10 > the 3 years left) opens after construction with its
 * lease (500 ㎡ × 21.8 元/㎡·month incl. 9% VAT) and its staff (30,000 元 a year). Investor equity pays all.
 */
export function buildTwoPhaseDealInput(overrides: Partial<DealInput> = {}): DealInput {
  return buildDealInput({
    timeline: { startYear: 2026, constructionYears: 2, operatingYears: 3 },
    scope: { households: 200, floorAreaM2: '10000', parkingSpaces: 50 },
    capex: [
      { id: 'park', name: '停车场', category: 'improvement', kind: 'parking', amount: '109000', owner: 'investor', depreciationYears: 5, phasing: ['1', '0'], openingYear: 2026, servesStreams: ['parking'] },
      { id: 'centre', name: '邻里中心', category: 'enhancement', kind: 'building', amount: '218000', owner: 'investor', depreciationYears: 10, servesStreams: ['lease'] },
    ],
    revenue: [
      { id: 'parking', name: '停车', driver: 'parking', occupancy: ['0.5', '1'], monthlyFee: '436', openingYear: 2026, escalation: { kind: 'annual', rate: '0.1' } },
      { id: 'lease', name: '邻里中心租赁', driver: 'space-leasing', areaM2: '500', monthlyRentPerM2: '21.8' },
    ],
    opex: {
      fixed: [
        { id: 'attendant', name: '停车管理', annualAmount: '20000', openingYear: 2026 },
        { id: 'staff', name: '中心人员', annualAmount: '30000' },
      ],
    },
    funding: {
      sources: [{ id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企' }],
      fill: [{ source: 'soe' }],
    },
    ...overrides,
  });
}
