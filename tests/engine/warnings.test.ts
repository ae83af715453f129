import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { buildDeal } from '../helpers/build-deal.js';

function warningsOf(overrides: Partial<DealInput>, asOf = '2026-01-01') {
  const outcome = evaluateDeal(buildDeal(overrides), { asOf });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.warnings;
}

const cameras: DealInput['capex'] = [{ id: 'cctv', name: '监控', category: 'enhancement', kind: 'smart-security', amount: '500000', owner: 'investor' }];
const timeline = { startYear: 2026, constructionYears: 1, operatingYears: 10 };

describe('collectWarnings', () => {
  it('flags investor assets that wear out before the end of operation, unless a renewal is planned', () => {
    const unplanned = warningsOf({ timeline, capex: cameras });
    expect(unplanned).toContainEqual(expect.objectContaining({ code: 'ASSET_LIFE_SHORTER_THAN_OPERATION', path: 'capex[0].depreciationYears' }));
    const planned = warningsOf({
      timeline,
      capex: cameras,
      opex: { majorMaintenance: [{ id: 'renew', name: '监控更新', amount: '500000', operatingYears: [6], treatment: 'sustaining-capex', replacesCapex: ['cctv'] }] },
    });
    expect(planned.map((w) => w.code)).not.toContain('ASSET_LIFE_SHORTER_THAN_OPERATION');
  });

  it('says when a project never earns back its outlay and has no IRR', () => {
    const codes = warningsOf({ timeline, capex: cameras }).map((w) => `${w.code} ${w.path}`);
    expect(codes).toEqual(expect.arrayContaining(['NO_IRR metrics.projectIrrAfterTax', 'PAYBACK_NOT_REACHED metrics.paybackStaticYears']));
  });

  it('lists the calendar years with a loss', () => {
    const losses = warningsOf({
      timeline: { startYear: 2026, constructionYears: 1, operatingYears: 3 },
      capex: cameras,
      revenue: [{ id: 'ads', name: '广告', driver: 'advertising', panels: 1, annualRentPerPanel: '1000' }],
    }).find((w) => w.code === 'LOSS_YEARS');
    expect(losses?.years).toEqual([2027, 2028, 2029]);
  });

  it('explains when the community-care incentive ends before a stream earns', () => {
    const warning = warningsOf({
      timeline: { startYear: 2030, constructionYears: 1, operatingYears: 3 },
      revenue: [{ id: 'meals', name: '助餐', driver: 'canteen', mealsPerDay: 10, averagePrice: '10', foodCostShare: '0.5', taxIncentive: 'community-care' }],
    }).find((w) => w.code === 'TAX_INCENTIVE_ENDS');
    expect(warning?.message).toContain('before this stream earns (2031)');
  });

  it('notes a construction start before the as-of date', () => {
    expect(warningsOf({}, '2027-06-30').map((w) => w.code)).toContain('STARTS_BEFORE_AS_OF');
    expect(warningsOf({}, '2026-01-01').map((w) => w.code)).not.toContain('STARTS_BEFORE_AS_OF');
  });
});

describe('evaluateDeal as-of date', () => {
  it.each(['2026-13-01', '2026-02-30', '26-01-01', ''])('refuses %s', (asOf) => {
    const outcome = evaluateDeal(buildDeal({}), { asOf });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]!.code).toBe('INVALID_AS_OF');
  });
});
