import { describe, expect, it } from 'vitest';
import { scheduleCapex } from '../../src/engine/capex.js';
import { projectOpex } from '../../src/engine/opex.js';
import { projectRevenue } from '../../src/engine/revenue.js';
import { buildTimeline } from '../../src/engine/timeline.js';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { buildDeal } from '../helpers/build-deal.js';

function project(overrides: Partial<DealInput>) {
  const deal = buildDeal(overrides);
  const timeline = buildTimeline(deal);
  const revenue = projectRevenue(deal, timeline);
  const capex = scheduleCapex(deal, timeline);
  return projectOpex(deal, timeline, revenue, capex);
}
const fen = (values: { toFixed(n: number): string }[]) => values.map((v) => v.toFixed(2));

describe('projectOpex', () => {
  it('splits entered costs into net cost and input VAT, with stepped escalation', () => {
    // 106,000 a year containing 6% VAT → 100,000 net + 6,000 VAT; +10% every 2 years from year 3.
    const opex = project({ opex: { escalation: { kind: 'step', rate: '0.1', everyYears: 2 }, fixed: [{ id: 'svc', name: '外包服务', annualAmount: '106000', inputVatRate: '0.06' }] } });
    const line = opex.lines[0]!;
    expect(fen(line.gross)).toEqual(['0.00', '106000.00', '106000.00', '116600.00']);
    expect(fen(line.net)).toEqual(['0.00', '100000.00', '100000.00', '110000.00']);
    expect(fen(line.inputVat)).toEqual(['0.00', '6000.00', '6000.00', '6600.00']);
  });

  it('charges canteen food as a share of net revenue; its VAT is a cost while meals are VAT-exempt', () => {
    // 100 meals × 360 days × 15 = 540,000 a year, exempt in 2027 only. Food = 50% of net revenue.
    // 2027: 270,000 + 9% VAT not creditable = 294,300 of cost. 2028: 50% × 540,000/1.06 = 254,716.98 net
    // + 22,924.53 creditable VAT.
    const opex = project({ revenue: [{ id: 'meals', name: '助餐', driver: 'canteen', mealsPerDay: 100, averagePrice: '15', foodCostShare: '0.5', taxIncentive: 'community-care' }] });
    const food = opex.lines.find((l) => l.kind === 'food-cost')!;
    expect(food.id).toBe('meals-food');
    expect(fen(food.net)).toEqual(['0.00', '294300.00', '254716.98', '254716.98']);
    expect(fen(food.inputVat)).toEqual(['0.00', '0.00', '22924.53', '22924.53']);
    expect(fen(food.gross)).toEqual(['0.00', '294300.00', '277641.51', '277641.51']);
  });

  it('bases percent-of-capex costs on investor-owned works unless told otherwise', () => {
    const capex: DealInput['capex'] = [
      { id: 'centre', name: '中心', category: 'enhancement', kind: 'neighbourhood-centre', amount: '2000000', owner: 'investor' },
      { id: 'pipes', name: '管网', category: 'basic', kind: 'pipeline', utility: 'gas', amount: '8000000', owner: 'utility' },
    ];
    const opex = project({
      capex,
      opex: {
        percentOfCapex: [
          { id: 'own', name: '自有维护', share: '0.01' },
          { id: 'all', name: '全部维护', share: '0.01', basis: 'all' },
        ],
      },
    });
    expect(opex.lines[0]!.gross[1]!.toFixed(2)).toBe('20000.00');
    expect(opex.lines[1]!.gross[1]!.toFixed(2)).toBe('100000.00');
  });

  it('keeps major maintenance treated as sustaining capex out of operating cost', () => {
    const opex = project({
      opex: {
        majorMaintenance: [
          { id: 'paint', name: '粉刷', amount: '50000', operatingYears: [2] },
          { id: 'lifts', name: '设备更新', amount: '300000', operatingYears: [3], treatment: 'sustaining-capex' },
        ],
      },
    });
    expect(opex.lines.map((l) => l.id)).toEqual(['paint']);
    expect(fen(opex.net)).toEqual(['0.00', '0.00', '50000.00', '0.00']);
    expect(fen(opex.sustainingGross)).toEqual(['0.00', '0.00', '0.00', '300000.00']);
  });
});
