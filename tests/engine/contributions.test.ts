import { describe, expect, it } from 'vitest';
import { scheduleCapex } from '../../src/engine/capex.js';
import { allocateContributions, levelOf, PARTY_ZH, partyOf } from '../../src/engine/contributions.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { fundCapex } from '../../src/engine/fund-capex.js';
import { buildTimeline } from '../../src/engine/timeline.js';
import type { Deal } from '../../src/deal/deal-schema.js';
import type { FundingSource } from '../../src/deal/funding-schema.js';
import { buildDeal } from '../helpers/build-deal.js';

/**
 * A small funded deal whose contributions are worked by hand (methodology §5.5). Two construction
 * years, discount rate 10%, so a 元 of year 1 is worth 1/1.1 and a 元 of year 2 1/1.21 at the start
 * of year 1. Capex 6,500,000:
 *   road     基础类  1,000,000  all in year 1
 *   pipes    基础类  2,000,000  all in year 2, water pipeline split 30/70: city grant 600,000, water company 1,400,000
 *   centre   完善类  3,000,000  1,500,000 a year
 *   cameras  提升类    500,000  all in year 2, residents pay 20% = 100,000 (200 households × 500)
 * The fill, in order: the central grant (1,000,000) pays the road; the provincial special bond
 * (1,500,000) pays half of the centre each year (750,000 + 750,000); the bank loan (1,000,000) pays
 * 2/3 of the centre's remaining 750,000 a year (500,000 + 500,000); the investor's equity the rest:
 * centre 250,000 + 250,000 and cameras 400,000, i.e. 250,000 in year 1 and 650,000 in year 2.
 */
function buildContributionDeal() {
  return buildDeal({
    timeline: { startYear: 2027, constructionYears: 2, operatingYears: 3 },
    discountRate: '0.1',
    scope: { households: 200, floorAreaM2: '13000', parkingSpaces: 0 },
    capex: [
      { id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '1000000', owner: 'community', phasing: ['1', '0'] },
      { id: 'pipes', name: '供水管网', category: 'basic', kind: 'pipeline', utility: 'water', amount: '2000000', owner: 'utility', phasing: ['0', '1'] },
      { id: 'centre', name: '邻里中心', category: 'improvement', kind: 'neighbourhood-centre', amount: '3000000', owner: 'investor', phasing: ['0.5', '0.5'] },
      { id: 'cameras', name: '智能安防', category: 'enhancement', kind: 'smart-security', amount: '500000', owner: 'investor', phasing: ['0', '1'] },
    ],
    funding: {
      sources: [
        { id: 'central', name: '中央预算内投资', kind: 'central-budget', amount: '1000000' },
        { id: 'city', name: '市级补助', kind: 'municipal-grant', amount: '600000' },
        { id: 'water-co', name: '自来水公司', kind: 'utility', utility: 'water' },
        { id: 'residents', name: '居民出资', kind: 'residents', perHousehold: '500' },
        { id: 'bond', name: '省级专项债', kind: 'special-bond', level: 'provincial', amount: '1500000', couponRate: '0.03', tenorYears: 3, principal: { kind: 'bullet' } },
        { id: 'loan', name: '项目贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '1000000' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 5, repayment: { kind: 'equal-principal' } },
        { id: 'soe', name: '区属国企资本金', kind: 'investor-equity', investor: '区属国企' },
      ],
      rules: [
        { kind: 'utility-split', basis: 'percentage', utilityShare: '0.7', governmentSource: 'city' },
        { kind: 'share', source: 'residents', items: ['cameras'], share: '0.2' },
      ],
      fill: [
        { source: 'central', categories: ['basic'] },
        { source: 'bond', items: ['centre'] },
        { source: 'loan', items: ['centre'] },
        { source: 'soe' },
      ],
    },
  });
}

const deal = buildContributionDeal();
// Contributions distribute 建设投资 as funded: the funding of the capex is all they read.
const fundingOf = (d: Deal) => fundCapex(d, scheduleCapex(d, buildTimeline(d)));
const funding = fundingOf(deal);
// Allocated inside each test, not once at import, so that a mutation run sees every test reach the code.
const allocate = () => allocateContributions(deal, funding);
const fen = (v: { toFixed(n: number): string }) => v.toFixed(2);

describe('contributions on a small funded deal, worked by hand', () => {
  it('funds each source as the rules and the fill say', () => {
    const c = allocate();
    const nominal = Object.fromEntries(c.bySource.map((r) => [r.sourceId, fen(r.nominal)]));
    expect(nominal).toEqual({
      central: '1000000.00', city: '600000.00', 'water-co': '1400000.00', residents: '100000.00',
      bond: '1500000.00', loan: '1000000.00', soe: '900000.00',
    });
    expect(fen(c.total.nominal)).toBe('6500000.00');
  });

  it('counts a bank loan as the investor\'s money and a special bond as its government\'s', () => {
    const c = allocate();
    // government = central 1,000,000 + city 600,000 + bond 1,500,000 = 3,100,000;
    // investor = loan 1,000,000 + equity 900,000 = 1,900,000.
    expect(partyOf(deal.funding.sources.find((s) => s.id === 'loan')!)).toBe('investor');
    expect(partyOf(deal.funding.sources.find((s) => s.id === 'bond')!)).toBe('government');
    expect(c.byParty.map((r) => [r.party, fen(r.nominal)])).toEqual([
      ['government', '3100000.00'], ['utility', '1400000.00'], ['property-rights-unit', '0.00'],
      ['residents', '100000.00'], ['investor', '1900000.00'], ['donor', '0.00'],
    ]);
  });

  it('puts a special bond at its own level of government and each grant at its kind\'s', () => {
    const c = allocate();
    // central: the central grant 1,000,000; provincial: the bond 1,500,000; municipal: the city 600,000.
    expect(levelOf(deal.funding.sources.find((s) => s.id === 'bond')!)).toBe('provincial');
    expect(levelOf(deal.funding.sources.find((s) => s.id === 'loan')!)).toBeNull();
    expect(c.byLevel.map((r) => [r.level, fen(r.nominal)])).toEqual([
      ['central', '1000000.00'], ['provincial', '1500000.00'], ['municipal', '600000.00'], ['district', '0.00'],
    ]);
    expect(c.bySource.map((r) => r.level)).toEqual(['central', 'municipal', null, null, 'provincial', null, null]);
  });

  it('discounts each source at the deal\'s rate from the start of year 1', () => {
    const c = allocate();
    // Exact PVs at 10% (f1 = 1/1.1, f2 = 1/1.21):
    //   central   1,000,000 f1                 =   909,090.909…  (floor ….90, remainder 0.909)
    //   city        600,000 f2                 =   495,867.768…  (….76, 0.860)
    //   water-co  1,400,000 f2                 = 1,157,024.793…  (….79, 0.339)
    //   residents   100,000 f2                 =    82,644.628…  (….62, 0.810)
    //   bond        750,000 f1 + 750,000 f2    = 1,301,652.892…  (….89, 0.256)
    //   loan        500,000 f1 + 500,000 f2    =   867,768.595…  (….59, 0.504)
    //   soe         250,000 f1 + 650,000 f2    =   764,462.809…  (….80, 0.992)
    // Total = 2,500,000 f1 + 4,000,000 f2 = 5,578,512.3966… → 5,578,512.40. The floors add up to
    // 5,578,512.35, so the 5 分 left go to the five largest remainders: soe, central, city,
    // residents, loan.
    expect(fen(c.total.pv)).toBe('5578512.40');
    expect(c.bySource.map((r) => fen(r.pv))).toEqual([
      '909090.91', '495867.77', '1157024.79', '82644.63', '1301652.89', '867768.60', '764462.81',
    ]);
  });

  it('sums the PVs of a group\'s sources, not their nominal amounts', () => {
    const c = allocate();
    // government 909,090.91 + 495,867.77 + 1,301,652.89 = 2,706,611.57; investor 867,768.60 + 764,462.81 = 1,632,231.41.
    expect(c.byParty.map((r) => fen(r.pv))).toEqual(['2706611.57', '1157024.79', '0.00', '82644.63', '1632231.41', '0.00']);
    expect(c.byLevel.map((r) => fen(r.pv))).toEqual(['909090.91', '1301652.89', '495867.77', '0.00']);
  });

  it('gives shares to the millionth that add up to exactly 1', () => {
    const c = allocate();
    // nominal / 6,500,000 in millionths: 153846.15, 92307.69, 215384.62 (8/13), 15384.62 (8/13),
    // 230769.23, 153846.15, 138461.54; the floors add up to 999,997, and the 3 left go to city
    // (0.692) and the two tied at 8/13, water-co and residents.
    expect(c.bySource.map((r) => r.share.toFixed(6))).toEqual(['0.153846', '0.092308', '0.215385', '0.015385', '0.230769', '0.153846', '0.138461']);
    // government 0.153846 + 0.092308 + 0.230769; investor 0.153846 + 0.138461.
    expect(c.byParty.map((r) => r.share.toFixed(6))).toEqual(['0.476923', '0.215385', '0.000000', '0.015385', '0.292307', '0.000000']);
    expect(c.byLevel.map((r) => r.share.toFixed(6))).toEqual(['0.153846', '0.230769', '0.092308', '0.000000']);
    expect(c.bySource.reduce((s, r) => s.plus(r.share), c.total.pv.minus(c.total.pv)).toString()).toBe('1');
  });

  it('splits each capex category by who paid for its items', () => {
    const c = allocate();
    // 基础类: road (central) + pipes (city 600,000, water company 1,400,000); 完善类: centre (bond
    // 1,500,000, loan 1,000,000 + equity 500,000); 提升类: cameras (residents 100,000, equity 400,000).
    const byCategory = c.byCategory.map((k) => ({
      category: k.category, total: fen(k.total),
      parties: Object.fromEntries(k.byParty.filter((p) => !p.nominal.isZero()).map((p) => [p.party, fen(p.nominal)])),
    }));
    expect(byCategory).toEqual([
      { category: 'basic', total: '3000000.00', parties: { government: '1600000.00', utility: '1400000.00' } },
      { category: 'improvement', total: '3000000.00', parties: { government: '1500000.00', investor: '1500000.00' } },
      { category: 'enhancement', total: '500000.00', parties: { residents: '100000.00', investor: '400000.00' } },
    ]);
  });

  it('gives per-household and per-㎡ amounts by party that add up to the total per unit', () => {
    const c = allocate();
    // 6,500,000 / 200 households = 32,500.00, in proportion 31 : 14 : 1 : 19 → 15,500, 7,000, 500, 9,500.
    expect(c.perHousehold!.map((r) => [r.party, fen(r.amount)])).toEqual([
      ['government', '15500.00'], ['utility', '7000.00'], ['property-rights-unit', '0.00'],
      ['residents', '500.00'], ['investor', '9500.00'], ['donor', '0.00'],
    ]);
    // 6,500,000 / 13,000 ㎡ = 500.00: government 238.4615…, utility 107.6923…, residents 7.6923…,
    // investor 146.1538…; the floors add up to 499.99 and the 分 left goes to the investor (0.385).
    expect(c.perM2!.map((r) => fen(r.amount))).toEqual(['238.46', '107.69', '0.00', '7.69', '146.16', '0.00']);
  });

  it('are what the evaluation reports for the deal', () => {
    const c = allocate();
    const evaluation = evaluateDeal(deal, { asOf: '2026-11-23' });
    if (!evaluation.ok) throw new Error(JSON.stringify(evaluation.problems));
    expect(funding.problems).toEqual([]);
    expect(evaluation.contributions.byParty.map((r) => fen(r.pv))).toEqual(c.byParty.map((r) => fen(r.pv)));
    expect(evaluation.contributions.bySource.map((r) => r.share.toFixed(6))).toEqual(c.bySource.map((r) => r.share.toFixed(6)));
  });
});

describe('parties, levels and labels of every kind of source', () => {
  // partyOf and levelOf read the kind (and a bond's level) only.
  const kind = (k: string, extra: object = {}) => ({ id: k, name: k, kind: k, ...extra }) as unknown as FundingSource;

  it('gives each kind its payer (methodology §5.5)', () => {
    expect(partyOf(kind('property-rights-unit'))).toBe('property-rights-unit');
    expect(partyOf(kind('donation'))).toBe('donor');
    expect(partyOf(kind('residents'))).toBe('residents');
    expect(partyOf(kind('utility'))).toBe('utility');
    expect(partyOf(kind('investor-equity'))).toBe('investor');
    expect(partyOf(kind('district-grant'))).toBe('government');
  });

  it('puts grants at their level, a bond at its own, and other money at none', () => {
    expect(levelOf(kind('district-grant'))).toBe('district');
    expect(levelOf(kind('central-special-fund'))).toBe('central');
    expect(levelOf(kind('special-bond', { level: 'municipal' }))).toBe('municipal');
    expect(levelOf(kind('donation'))).toBeNull();
    expect(levelOf(kind('residents'))).toBeNull();
  });

  it('names each party in Chinese as the term sheet prints it', () => {
    expect(PARTY_ZH).toEqual({
      government: '政府', utility: '管线专营单位', 'property-rights-unit': '产权单位', residents: '居民', investor: '社会资本（投资方）', donor: '捐赠',
    });
  });
});

describe('contributions with nothing to share', () => {
  it('with no source at all: zero totals, zero shares, no per-unit figure to divide', () => {
    const c = allocateContributions(deal, { ...funding, sources: [] });
    expect(fen(c.total.nominal)).toBe('0.00');
    expect(fen(c.total.pv)).toBe('0.00');
    expect(c.bySource).toEqual([]);
    expect(c.byParty.map((r) => fen(r.nominal))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    // 0 / 200 households = 0.00 for every party: nothing is allocated over all-zero weights.
    expect(c.perHousehold!.map((r) => fen(r.amount))).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('with works of 0 元: every source at 0, every share 0, without dividing by zero', () => {
    const zero = buildDeal({
      funding: { sources: [{ id: 'gov', name: '区级补助', kind: 'district-grant' }], rules: [], fill: [{ source: 'gov' }] },
      capex: [{ id: 'works', name: '改造工程', category: 'basic', kind: 'road', amount: '0', owner: 'community' }],
    });
    const c = allocateContributions(zero, fundingOf(zero));
    expect(c.bySource.map((r) => [r.sourceId, fen(r.nominal), fen(r.pv), r.share.toFixed(6)])).toEqual([['gov', '0.00', '0.00', '0.000000']]);
    expect(c.byLevel.map((r) => r.share.toFixed(6))).toEqual(['0.000000', '0.000000', '0.000000', '0.000000']);
  });

  it('without a floor area, with 0 ㎡ or with no households: no per-unit figure', () => {
    const noArea = buildDeal({ scope: { households: 200, parkingSpaces: 0 } });
    expect(allocateContributions(noArea, fundingOf(noArea)).perM2).toBeNull();
    const zeroArea = buildDeal({ scope: { households: 0, floorAreaM2: '0', parkingSpaces: 0 } });
    const c = allocateContributions(zeroArea, fundingOf(zeroArea));
    expect(c.perM2).toBeNull();
    expect(c.perHousehold).toBeNull();
    // The one-item test deal (1,000,000 of works, 10,000 ㎡, 200 households): 100.00 per ㎡, 5,000.00 a household, all the investor's.
    const one = buildDeal();
    const u = allocateContributions(one, fundingOf(one));
    expect(u.perM2!.find((r) => r.party === 'investor')!.amount.toFixed(2)).toBe('100.00');
    expect(u.perHousehold!.find((r) => r.party === 'investor')!.amount.toFixed(2)).toBe('5000.00');
  });
});
