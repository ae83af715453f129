import type { Deal, DealInput } from '../../src/deal/deal-schema.js';
import { parseDeal } from '../../src/deal/parse-deal.js';

/** A minimal valid deal input: one year of construction, three of operation, from 2026. */
export function buildDealInput(overrides: Partial<DealInput> = {}): DealInput {
  return {
    name: '测试项目',
    place: { province: '测试省', city: '测试市' },
    timeline: { startYear: 2026, constructionYears: 1, operatingYears: 3 },
    scope: { households: 200, floorAreaM2: '10000', parkingSpaces: 50 },
    capex: [{ id: 'works', name: '改造工程', category: 'basic', kind: 'road', amount: '1000000', owner: 'community' }],
    ...overrides,
  };
}

/** Parse a deal input, failing the test with every problem when it does not parse. */
export function buildDeal(overrides: Partial<DealInput> = {}): Deal {
  const parsed = parseDeal(buildDealInput(overrides));
  if (!parsed.ok) throw new Error(`test deal does not parse: ${JSON.stringify(parsed.problems, null, 1)}`);
  return parsed.deal;
}
