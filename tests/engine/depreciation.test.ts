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
   * The deal-level residual 50,000 is per asset (methodology §9): A is written off after 2 years and has
   * no book value at hand-back, so the whole residual sits on B, the only asset in service then.
   * A: 1,000,000 / 2 = 500,000 in years 1–2; B: (200,000 − 50,000) / 3 = 50,000 in years 1–3.
   * Sustaining capex 109,000 (9% VAT) in operating year 2, replacing nothing and without a life of its
   * own: 100,000 over the 2 years left = 50,000. The community's road is not the investor's: no charge.
   */
  const deal = buildDeal({
    capex: [
      { id: 'a', name: 'A', category: 'improvement', kind: 'smart-security', amount: '1090000', owner: 'investor', depreciationYears: 2 },
      { id: 'b', name: 'B', category: 'improvement', kind: 'parking', amount: '218000', owner: 'investor' },
      { id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '500000', owner: 'community' },
    ],
    opex: { majorMaintenance: [{ id: 'renew', name: '更新', amount: '109000', operatingYears: [2], treatment: 'sustaining-capex', inputVatRate: '0.09' }] },
    handBack: { residualValue: '50000' },
  });
  const timeline = buildTimeline(deal);
  const capex = scheduleCapex(deal, timeline);
  const opex = projectOpex(deal, timeline, projectRevenue(deal, timeline), capex);
  const schedule = scheduleDepreciation(deal, timeline, capex, opex);
  const fen = (values: { toFixed(n: number): string }[]) => values.map((v) => v.toFixed(2));

  it('puts the deal-level residual only on assets still in service at hand-back', () => {
    expect(schedule.lines.map((l) => [l.id, l.residual.toFixed(2), l.years])).toEqual([
      ['a', '0.00', 2],
      ['b', '50000.00', 3],
      ['renew', '0.00', 3],
    ]);
    expect(fen(schedule.lines[0]!.charge)).toEqual(['0.00', '500000.00', '500000.00', '0.00']);
    expect(fen(schedule.lines[1]!.charge)).toEqual(['0.00', '50000.00', '50000.00', '50000.00']);
  });

  it('depreciates sustaining capex without a life over the operating years left', () => {
    expect(fen(schedule.lines[2]!.charge)).toEqual(['0.00', '0.00', '50000.00', '50000.00']);
  });

  it('recovers the residual value in the last year and charges exactly base − residual in all', () => {
    expect(fen(schedule.residualRecovery)).toEqual(['0.00', '0.00', '0.00', '50000.00']);
    const charged = schedule.total.reduce((s, v) => s.plus(v));
    // 1,000,000 + 200,000 + 100,000 − 50,000.
    expect(charged.toFixed(2)).toBe('1250000.00');
  });
});

describe('per-asset residual values', () => {
  /*
   * One construction year, four operating years. P: 1,090,000 incl. 9% VAT → base 1,000,000, life 10 → 4,
   * its own residual 200,000: (1,000,000 − 200,000) / 4 = 200,000 a year. Q: 545,000 → base 500,000, life 20 → 4,
   * no residual of its own and no deal-level residual: 125,000 a year, zero at hand-back.
   * Recovered at hand-back: 200,000, P's own book value, never spread over Q.
   */
  const deal = buildDeal({
    timeline: { startYear: 2026, constructionYears: 1, operatingYears: 4 },
    capex: [
      { id: 'p', name: 'P', category: 'improvement', kind: 'elderly-care', amount: '1090000', owner: 'investor', residualValue: '200000' },
      { id: 'q', name: 'Q', category: 'improvement', kind: 'parking', amount: '545000', owner: 'investor' },
    ],
  });
  const timeline = buildTimeline(deal);
  const capex = scheduleCapex(deal, timeline);
  const schedule = scheduleDepreciation(deal, timeline, capex, projectOpex(deal, timeline, projectRevenue(deal, timeline), capex));

  it('leaves each asset its own residual and recovers their sum', () => {
    expect(schedule.lines.map((l) => [l.id, l.residual.toFixed(2), l.charge[1]!.toFixed(2)])).toEqual([
      ['p', '200000.00', '200000.00'],
      ['q', '0.00', '125000.00'],
    ]);
    expect(schedule.residualRecovery.map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', '200000.00']);
  });
});

describe('renewals (维持运营投资)', () => {
  /*
   * One construction year, ten operating years. Security equipment S (life 3) is renewed in operating
   * years 4 and 7 at 109,000 (9% VAT → 100,000 net each). The renewal takes S's life, 3 years
   * (methodology §9): year 4's spend is 100,000 / 3 = 33,333.33… in years 4–6 and year 7's in years 7–9;
   * nothing in year 10. Under the old rule (over the years left) year 4's would have run 7 years.
   * A second event R with its own life 5 in operating year 8 has only 3 years left: 109,000 → 100,000 / 3.
   */
  const deal = buildDeal({
    timeline: { startYear: 2026, constructionYears: 1, operatingYears: 10 },
    capex: [{ id: 's', name: 'S', category: 'enhancement', kind: 'smart-security', amount: '327000', owner: 'investor', depreciationYears: 3, inputVatRate: '0.09' }],
    opex: {
      majorMaintenance: [
        { id: 'renew-s', name: '安防更新', amount: '109000', operatingYears: [4, 7], treatment: 'sustaining-capex', replacesCapex: ['s'], inputVatRate: '0.09' },
        { id: 'late', name: '末期更新', amount: '109000', operatingYears: [8], treatment: 'sustaining-capex', depreciationYears: 5, inputVatRate: '0.09' },
      ],
    },
  });
  const timeline = buildTimeline(deal);
  const capex = scheduleCapex(deal, timeline);
  const schedule = scheduleDepreciation(deal, timeline, capex, projectOpex(deal, timeline, projectRevenue(deal, timeline), capex));
  const line = (id: string) => schedule.lines.find((l) => l.id === id)!;

  it('writes a renewal off over the life of what it replaces', () => {
    const third = '33333.33';
    expect(line('renew-s').charge.map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', third, third, third, third, third, third, '0.00']);
    expect(line('renew-s').years).toBe(3);
    // Each spend is written off in full: 2 × 100,000.
    expect(line('renew-s').charge.reduce((s, v) => s.plus(v)).toFixed(2)).toBe('200000.00');
  });

  it('stops at the end of operation when the life is longer than the years left', () => {
    const third = '33333.33';
    expect(line('late').charge.map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', third, third, third]);
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

