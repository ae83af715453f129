import { describe, expect, it } from 'vitest';
import { scheduleCapex } from '../../src/engine/capex.js';
import { scheduleDepreciation } from '../../src/engine/depreciation.js';
import { projectOpex } from '../../src/engine/opex.js';
import { projectRevenue } from '../../src/engine/revenue.js';
import { buildTimeline } from '../../src/engine/timeline.js';
import { buildDeal } from '../helpers/build-deal.js';

describe('scheduleDepreciation', () => {
  /*
   * One construction year, three operating years.
   * A: 1,090,000 incl. 9% VAT → base 1,000,000, life 2; B: 218,000 → base 200,000, life 20 → 3 (operation).
   * Residual 120,000 shared by base: A 100,000, B 20,000. A: (1,000,000 − 100,000)/2 = 450,000 in years 1–2;
   * B: (200,000 − 20,000)/3 = 60,000 in years 1–3. Sustaining capex 109,000 (9% VAT) in operating year 2:
   * 100,000 over the 2 remaining years = 50,000. The community's road is not the investor's: no charge.
   */
  const deal = buildDeal({
    capex: [
      { id: 'a', name: 'A', category: 'improvement', kind: 'smart-security', amount: '1090000', owner: 'investor', depreciationYears: 2 },
      { id: 'b', name: 'B', category: 'improvement', kind: 'parking', amount: '218000', owner: 'investor' },
      { id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '500000', owner: 'community' },
    ],
    opex: { majorMaintenance: [{ id: 'renew', name: '更新', amount: '109000', operatingYears: [2], treatment: 'sustaining-capex', inputVatRate: '0.09' }] },
    handBack: { residualValue: '120000' },
  });
  const timeline = buildTimeline(deal);
  const capex = scheduleCapex(deal, timeline);
  const opex = projectOpex(deal, timeline, projectRevenue(deal, timeline), capex);
  const schedule = scheduleDepreciation(deal, timeline, capex, opex);
  const fen = (values: { toFixed(n: number): string }[]) => values.map((v) => v.toFixed(2));

  it('writes each asset down to its share of the residual over min(life, operation)', () => {
    expect(schedule.lines.map((l) => [l.id, l.residual.toFixed(2), l.years])).toEqual([
      ['a', '100000.00', 2],
      ['b', '20000.00', 3],
      ['renew', '0.00', 3],
    ]);
    expect(fen(schedule.lines[0]!.charge)).toEqual(['0.00', '450000.00', '450000.00', '0.00']);
    expect(fen(schedule.lines[1]!.charge)).toEqual(['0.00', '60000.00', '60000.00', '60000.00']);
  });

  it('depreciates sustaining capex over the remaining operating years', () => {
    expect(fen(schedule.lines[2]!.charge)).toEqual(['0.00', '0.00', '50000.00', '50000.00']);
  });

  it('recovers the residual value in the last year and charges exactly base − residual in all', () => {
    expect(fen(schedule.residualRecovery)).toEqual(['0.00', '0.00', '0.00', '120000.00']);
    const charged = schedule.total.reduce((s, v) => s.plus(v));
    // 1,000,000 + 200,000 + 100,000 − 120,000.
    expect(charged.toFixed(2)).toBe('1180000.00');
  });
});

describe('concession amortisation', () => {
  it('amortises handed-over works the investor pays for over the operating period, VAT and all', () => {
    // A 600,000 road handed to the community, amortised as a concession right over 3 operating years.
    const deal = buildDeal({
      capex: [{ id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '600000', owner: 'community', amortiseAsConcession: true }],
    });
    const timeline = buildTimeline(deal);
    const capex = scheduleCapex(deal, timeline);
    const schedule = scheduleDepreciation(deal, timeline, capex, projectOpex(deal, timeline, projectRevenue(deal, timeline), capex));
    expect(schedule.lines.map((l) => [l.id, l.years, l.base.toFixed(2)])).toEqual([['road', 3, '600000.00']]);
    expect(schedule.total.map((v) => v.toFixed(2))).toEqual(['0.00', '200000.00', '200000.00', '200000.00']);
  });

  it('leaves the residual value on investor-owned assets only: handed-over works reach zero', () => {
    const deal = buildDeal({
      capex: [
        { id: 'park', name: '停车场', category: 'improvement', kind: 'parking', amount: '1090000', owner: 'investor' },
        { id: 'pipe', name: '管网', category: 'basic', kind: 'pipeline', utility: 'water', amount: '1000000', owner: 'utility', amortiseAsConcession: true },
      ],
      handBack: { residualValue: '500000' },
    });
    const timeline = buildTimeline(deal);
    const capex = scheduleCapex(deal, timeline);
    const schedule = scheduleDepreciation(deal, timeline, capex, projectOpex(deal, timeline, projectRevenue(deal, timeline), capex));
    expect(schedule.lines.map((l) => [l.id, l.residual.toFixed(2)])).toEqual([['park', '500000.00'], ['pipe', '0.00']]);
    const pipeCharged = schedule.lines[1]!.charge.reduce((s, v) => s.plus(v));
    expect(pipeCharged.toFixed(2)).toBe('1000000.00');
  });
});

