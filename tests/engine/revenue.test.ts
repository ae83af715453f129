import { describe, expect, it } from 'vitest';
import type { DealInput } from '../../src/deal/deal-schema.js';
import { projectRevenue } from '../../src/engine/revenue.js';
import { buildTimeline } from '../../src/engine/timeline.js';
import { buildDeal } from '../helpers/build-deal.js';

type StreamInput = NonNullable<DealInput['revenue']>[number];

/** Gross (VAT-inclusive) amounts of the only stream in operating years 1…3, to the 分. */
function projectStream(stream: StreamInput) {
  const deal = buildDeal({ revenue: [stream] });
  const timeline = buildTimeline(deal);
  const revenue = projectRevenue(deal, timeline);
  const line = revenue.lines[0]!;
  return {
    gross: line.net.slice(1).map((n, i) => n.plus(line.outputVat[i + 1]!).toFixed(2)),
    net: line.net.slice(1).map((n) => n.toFixed(2)),
    vat: line.outputVat.slice(1).map((n) => n.toFixed(2)),
    relieved: line.relievedNet.slice(1).map((n) => n.toFixed(2)),
    construction: line.net[0]!.toFixed(2),
  };
}

const common = { escalation: { kind: 'none' as const } };

describe('projectRevenue drivers', () => {
  it('parking: spaces × occupancy ramp × monthly fee × 12, escalated yearly', () => {
    // 50 × 0.6 × 100 × 12 = 36,000; 50 × 0.8 × 1,200 × 1.1 = 52,800; × 1.21 = 58,080 (last occupancy holds).
    const r = projectStream({ id: 'p', name: '停车', driver: 'parking', occupancy: ['0.6', '0.8'], monthlyFee: '100', escalation: { kind: 'annual', rate: '0.1' } });
    expect(r.construction).toBe('0.00');
    expect(r.gross).toEqual(['36000.00', '52800.00', '58080.00']);
    // 9% VAT inside: 36,000 / 1.09 = 33,027.52…
    expect(r.net[0]).toBe('33027.52');
    expect(r.vat[0]).toBe('2972.48');
  });

  it('canteen: meals × days × price, VAT-exempt with 90% income while the community-care incentive lasts', () => {
    // 100 × 360 × 15 = 540,000 a year; operation 2027–2029; incentive until 2027.
    const r = projectStream({ id: 'c', name: '助餐', driver: 'canteen', mealsPerDay: 100, averagePrice: '15', foodCostShare: '0.5', taxIncentive: 'community-care', ...common });
    expect(r.gross).toEqual(['540000.00', '540000.00', '540000.00']);
    expect(r.vat).toEqual(['0.00', '30566.04', '30566.04']);
    expect(r.relieved).toEqual(['540000.00', '0.00', '0.00']);
  });

  it('advertising: panels × annual rent, 6% VAT by default', () => {
    const r = projectStream({ id: 'a', name: '广告', driver: 'advertising', panels: 10, annualRentPerPanel: '5300' });
    expect(r.gross).toEqual(['53000.00', '53000.00', '53000.00']);
    expect(r.net).toEqual(['50000.00', '50000.00', '50000.00']);
  });

  it('EV charging: chargers × kWh a day × days × service fee, 13% VAT', () => {
    // 4 × 50 × 365 × 0.6 = 43,800; net 43,800 / 1.13 = 38,761.06.
    const r = projectStream({ id: 'e', name: '充电', driver: 'ev-charging', chargers: 4, kwhPerChargerPerDay: '50', serviceFeePerKwh: '0.6' });
    expect(r.gross[0]).toBe('43800.00');
    expect(r.net[0]).toBe('38761.06');
  });

  it('express lockers: sites × annual fee, from a later start year', () => {
    const r = projectStream({ id: 'x', name: '快递柜', driver: 'express-lockers', sites: 3, annualFeePerSite: '2000', startOperatingYear: 2 });
    expect(r.gross).toEqual(['0.00', '6000.00', '6000.00']);
  });

  it('property service on floor area: ㎡ × monthly fee × 12 × collection rate', () => {
    // 10,000 ㎡ × 1.2 × 12 × 0.8 = 115,200.
    const r = projectStream({ id: 's', name: '物业', driver: 'property-service', basis: 'floor-area', monthlyFee: '1.2', collectionRate: ['0.8'] });
    expect(r.gross).toEqual(['115200.00', '115200.00', '115200.00']);
  });

  it('space leasing: ㎡ × occupancy × monthly rent × 12, stepped escalation', () => {
    // 200 × 50 × 12 = 120,000 at full occupancy; 50% in year 1; +10% every 2 years from year 3.
    const r = projectStream({ id: 'l', name: '租赁', driver: 'space-leasing', areaM2: '200', monthlyRentPerM2: '50', occupancy: ['0.5', '1'], escalation: { kind: 'step', rate: '0.1', everyYears: 2 } });
    expect(r.gross).toEqual(['60000.00', '120000.00', '132000.00']);
  });

  it('custom: a formula over named inputs and the stream year, VAT added on top when prices exclude it', () => {
    // households × fee × 12 × min(1, 0.5 + 0.25 s): 18,000; 24,000; 24,000 — net; 6% VAT on top.
    const r = projectStream({
      id: 'v', name: '增值服务', driver: 'custom', formula: 'households * fee * 12 * min(1, 0.5 + 0.25 * s)',
      inputs: { households: 200, fee: '10' }, vat: { rate: '0.06', pricesIncludeVat: false },
    });
    expect(r.net).toEqual(['18000.00', '24000.00', '24000.00']);
    expect(r.vat).toEqual(['1080.00', '1440.00', '1440.00']);
  });

  it.each([
    ['min()', 'a function called with too few arguments'],
    ['round(n, 2.5)', 'an argument the function rejects'],
    ['10 ^ (10 ^ 6)', 'an astronomically large amount'],
    ['1 / (n - 1)', 'a division by zero'],
  ])('reports %s (%s) as a problem instead of failing', (formula) => {
    const deal = buildDeal({ revenue: [{ id: 'v', name: '坏公式', driver: 'custom', formula }] });
    const revenue = projectRevenue(deal, buildTimeline(deal));
    expect(revenue.problems).toEqual([expect.objectContaining({ code: 'FORMULA_RESULT_INVALID', path: 'revenue[0].formula' })]);
  });

  it('reports a formula that turns negative as a problem of the stream', () => {
    const deal = buildDeal({ revenue: [{ id: 'v', name: '坏公式', driver: 'custom', formula: '100 - 80 * n' }] });
    const revenue = projectRevenue(deal, buildTimeline(deal));
    expect(revenue.problems).toEqual([expect.objectContaining({ code: 'FORMULA_RESULT_INVALID', path: 'revenue[0].formula' })]);
  });
});
