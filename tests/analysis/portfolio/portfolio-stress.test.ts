import { describe, expect, it } from 'vitest';
import { answerPortfolioStress, evaluateMemberStress, mergeStressParts, type StressPart } from '../../../src/analysis/portfolio/portfolio-stress.js';
import { applyShock, DEFAULT_PORTFOLIO_SHOCKS, portfolioStressRequestSchema } from '../../../src/analysis/portfolio/portfolio-shocks.js';
import type { StressCase } from '../../../src/analysis/stress-pack.js';
import type { Deal } from '../../../src/deal/deal-schema.js';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { evaluateDeal } from '../../../src/engine/evaluate-deal.js';
import { D } from '../../../src/finance/decimal.js';
import { buildBondDealInput } from '../../helpers/bond-deal.js';
import { buildDealInput } from '../../helpers/build-deal.js';

const AS_OF = '2026-01-01';
const parse = (input: unknown): Deal => {
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.deal;
};
const stress = (deal: Deal, label: string, dealId: string, shocks: StressCase[]): StressPart => {
  const outcome = evaluateMemberStress({ label, dealId, deal }, shocks, AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.part;
};

// Member 1, 车库 (tests/helpers/bond-deal.ts, earmarked-coverage.test.ts): 2027 construction, 2028–2033 operation;
// car park 2,400,000 and ads 600,000 a year at 0% VAT, staff 300,000; a district bond of two bullets
// (A 6,000,000 at 2.4% from 2027-06, B 4,000,000 at 3.0% from 2028-03) earmarked to the car park.
// Σ service 11,320,000; base earmarked net income 2,160,000 a year (2.4M less its 0.8 share of staff).
const garage = parse(buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }] } }));
// Member 2, 道路: 1,000,000 of community works in 2026, half paid by a district grant (a rule of 50%), the rest by a SOE.
const road = parse(buildDealInput({
  funding: {
    sources: [{ id: 'grant', name: '区级补助', kind: 'district-grant' }, { id: 'soe', name: '区属国企', kind: 'investor-equity', investor: '区属国企' }],
    rules: [{ kind: 'share', source: 'grant', share: '0.5' }],
    fill: [{ source: 'soe' }],
  },
} as never));
const portfolio = portfolioSchema.parse({
  name: '片区压力测试',
  members: [{ dealId: 'garage' }, { dealId: 'road' }],
  budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '10000000', growthRate: '0' },
  affordability: { level: 'district', pppLimit: '0.1', governmentPayLimit: '0.05' },
});

describe('a portfolio under demand −20% (methodology §10.12), worked by hand', () => {
  const shocks: StressCase[] = [{ id: 'demand-20', name: '需求 −20%', changes: [{ driver: { driver: 'revenue' }, change: -0.2 }] }];
  const parts = [stress(garage, '车库', 'garage', shocks), stress(road, '道路', 'road', shocks)];
  const result = answerPortfolioStress(portfolio, shocks, mergeStressParts(parts));
  const shock = result.shocks[0]!;
  const district = shock.extraSubsidy.byLevel.find((l) => l.level === 'district')!;
  const year = (y: number) => district.years.find((r) => r.year === y)!;

  it('spans both members\' years and keeps only the level that pays more', () => {
    expect(result.years).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033]);
    expect(result.members).toBe(2);
    expect(shock.extraSubsidy.byLevel.map((l) => l.level)).toEqual(['district']);
  });

  it('measures the bond\'s coverage on its own income: 10,080,000 / 11,320,000 = 0.8905, below 1', () => {
    // Car park ×0.8 = 1,920,000; ads 480,000; the car park's share of revenue stays 0.8, so 240,000 of staff:
    // net 1,680,000 a year × 6 = 10,080,000 over the unchanged service 11,320,000 = 0.890459…
    // Base: 12,960,000 / 11,320,000 = 1.144876…
    expect(shock.bonds).toEqual([{ member: '车库', dealId: 'garage', bondId: 'bond', level: 'district', baseCoverage: '1.1449', coverage: '0.8905', belowOne: true }]);
    expect(shock.bondsBelowOne).toEqual([{ member: '车库', dealId: 'garage', bondId: 'bond', coverage: '0.8905' }]);
    expect(result.base.bondsBelowOne).toEqual([]);
  });

  it('tops up the repayment account by 1,168,000 in 2033 where the base needs nothing', () => {
    // Account with 1,680,000 a year: 2028 1,680,000 − 204,000 = 1,476,000; 2029 +1,416,000 = 2,892,000;
    // 2030 4,308,000; 2031 5,724,000; 2032 +1,680,000 − 6,192,000 (A's bullet) = 1,212,000;
    // 2033 1,212,000 + 1,680,000 − 4,060,000 (B's bullet) = −1,168,000 → the issuer's top-up.
    // The base ends 2033 at +1,712,000 (earmarked-coverage.test.ts); the 2027 coupon 72,000 is the issuer's in both.
    expect(district.years.map((r) => r.bondAccountTopUp)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '1168000.00']);
  });

  it('needs 450,000 more of 财政补足 in each bullet year: the revenue lost less the income tax on it', () => {
    // In 2032 and 2033 the year's CFADS cannot pay the bullet in the base either, so every 元 of CFADS lost is
    // the issuer's: revenue falls 3,000,000 × 0.2 = 600,000; both cases pay 25% income tax in those years
    // (checked below), so tax falls 150,000 and CFADS 450,000. In 2028–2031 CFADS still pays the coupons.
    for (const y of [2032, 2033]) {
      const taxes = [garage, applyShock(garage, shocks[0]!.changes)].map((d) => {
        const e = evaluateDeal(parse(d), { asOf: AS_OF, breakEven: false });
        if (!e.ok) throw new Error('does not evaluate');
        return e.financing.incomeTax.incomeTax[y - 2027]!;
      });
      expect(taxes[0]!.minus(taxes[1]!).toFixed(2), `${y}`).toBe('150000.00');
    }
    expect(district.years.map((r) => r.bondShortfall)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '450000.00', '450000.00']);
    // The road's grant is capex-driven: a demand shock leaves it; no operating support in either member.
    expect(district.years.every((r) => r.grants === '0.00' && r.operatingSupport === '0.00')).toBe(true);
    expect(year(2032).total).toBe('450000.00');
    expect(district.total).toBe('900000.00');
    expect(shock.extraSubsidy.total).toBe('900000.00');
  });

  it('names the members that breach, with the covenant and the value', () => {
    const garageBreaches = shock.breachingMembers.find((m) => m.dealId === 'garage')!.breaches.map((b) => b.covenant);
    expect(garageBreaches).toEqual(expect.arrayContaining(['minDscr', 'bondCoverage', 'negativeNpv']));
    expect(shock.breachingMembers.find((m) => m.dealId === 'garage')!.breaches.find((b) => b.covenant === 'bondCoverage')).toEqual({ covenant: 'bondCoverage', value: '0.8905', threshold: '1.1' });
    // The garage's coverage 1.1449 passes 1.1 in the base; the road earns nothing, so its NPV is negative in every case.
    expect(result.base.breachingMembers.find((m) => m.dealId === 'garage')!.breaches.map((b) => b.covenant)).not.toContain('bondCoverage');
    expect(shock.breachingMembers.find((m) => m.dealId === 'road')!.breaches.map((b) => b.covenant)).toEqual(['negativeNpv']);
  });

  it('checks the 10% and 5% limits in each year: 500,000 of grant in 2026 is 5% of 10,000,000', () => {
    const a = shock.affordability!;
    expect(a.years.find((r) => r.year === 2026)).toMatchObject({ pppSpending: '500000.00', pppRatio: '0.050000' });
    expect(a.pppBreaches).toEqual([]);
    expect(a.holds).toBe(true);
  });
});

describe('a capex shock moves a grant sized on need', () => {
  it('pays 50,000 more grant in 2026: 50% of the 100,000 more works', () => {
    const shocks: StressCase[] = [{ id: 'capex+10', name: '投资 +10%', changes: [{ driver: { driver: 'capex' }, change: 0.1 }] }];
    const result = answerPortfolioStress(portfolio, shocks, mergeStressParts([stress(road, '道路', 'road', shocks)]));
    const district = result.shocks[0]!.extraSubsidy.byLevel.find((l) => l.level === 'district')!;
    expect(district.years.find((r) => r.year === 2026)).toMatchObject({ total: '50000.00', grants: '50000.00' });
    expect(district.total).toBe('50000.00');
  });

  it('breaks the 10% limit once the grant is above it: 1,100,000 of 10,000,000 is 11%', () => {
    const big = parse({ ...buildDealInput({ capex: [{ id: 'works', name: '改造工程', category: 'basic', kind: 'road', amount: '2000000', owner: 'community' }] }), funding: road.funding });
    const shocks: StressCase[] = [{ id: 'capex+10', name: '投资 +10%', changes: [{ driver: { driver: 'capex' }, change: 0.1 }] }];
    const result = answerPortfolioStress(portfolio, shocks, mergeStressParts([stress(big, '道路', 'road', shocks)]));
    // Base: 50% of 2,000,000 = 1,000,000, exactly 10% (not above); shocked: 1,100,000, 11%.
    expect(result.base.affordability!.holds).toBe(true);
    expect(result.shocks[0]!.affordability).toMatchObject({ pppBreaches: [2026], holds: false });
    expect(result.shocks[0]!.affordability!.years[0]!.pppRatio).toBe('0.110000');
  });
});

describe('parts merge to one portfolio', () => {
  it('gives the same answer for members stressed one at a time as for one part of both', () => {
    const shocks = DEFAULT_PORTFOLIO_SHOCKS.slice(0, 2);
    const a = stress(garage, '车库', 'garage', shocks);
    const b = stress(road, '道路', 'road', shocks);
    expect(answerPortfolioStress(portfolio, shocks, mergeStressParts([mergeStressParts([a]), mergeStressParts([b])]))).toEqual(answerPortfolioStress(portfolio, shocks, mergeStressParts([a, b])));
  });

  it('adds the members\' fiscal rows year by year', () => {
    const shocks = DEFAULT_PORTFOLIO_SHOCKS.slice(3, 4);
    const a = stress(garage, '车库', 'garage', shocks);
    const b = stress(road, '道路', 'road', shocks);
    const merged = mergeStressParts([a, b]);
    // The garage starts 2027, the road 2026: the garage's first year lands in the merged second column.
    const sum = new D(a.cases[1]!.fiscal['district.outflows']![0]!).plus(b.cases[1]!.fiscal['district.outflows']![1]!);
    expect(merged.cases[1]!.fiscal['district.outflows']![1]).toBe(sum.toFixed(2));
  });
});

describe('a member whose shocked deal does not evaluate', () => {
  it('is listed among the failed members of that shock, with its problems, and counts at its base figures', () => {
    // Five construction years is the most a deal may have: a year's delay makes six.
    const long = parse({ ...buildDealInput({ timeline: { startYear: 2026, constructionYears: 5, operatingYears: 3 } }), funding: road.funding });
    const shocks: StressCase[] = [{ id: 'delay-1y', name: '延期一年', changes: [{ driver: { driver: 'construction-delay' }, change: 1 }] }];
    const result = answerPortfolioStress(portfolio, shocks, mergeStressParts([stress(long, '长工期', 'long', shocks), stress(road, '道路', 'road', shocks)]));
    const shock = result.shocks[0]!;
    expect(shock.failedMembers.map((m) => m.dealId)).toEqual(['long']);
    expect(shock.failedMembers[0]!.problems[0]!.path).toMatch(/^timeline/);
    // The long member counts at its base figures (its 500,000 of grant, 100,000 a year over 2026–2030 as its works
    // are phased evenly), so only the road moves: its 500,000 grant a year later, 2026 → 2027; nothing else changes.
    const district = shock.extraSubsidy.byLevel.find((l) => l.level === 'district')!;
    expect(district.years.filter((y) => y.grants !== '0.00').map((y) => [y.year, y.grants])).toEqual([[2026, '-500000.00'], [2027, '500000.00']]);
    expect(shock.affordability!.years.slice(0, 2).map((y) => y.pppSpending)).toEqual(['100000.00', '600000.00']);
  });
});

describe('rates +100bp reach every loan and bond', () => {
  it('moves each batch\'s coupon by 0.01', () => {
    const shocked = applyShock(garage, [{ driver: { driver: 'interest-rate-shift' }, change: 0.01 }]);
    const bond = shocked.funding.sources.find((s) => s.id === 'bond');
    expect(bond?.kind === 'special-bond' && bond.batches!.map((b) => b.couponRate)).toEqual(['0.034', '0.04']);
  });
});

describe('the request', () => {
  it('refuses a shock on one deal\'s stream, naming the path', () => {
    const parsed = portfolioStressRequestSchema.safeParse({ shocks: [{ id: 'p', name: 'p', changes: [{ driver: { driver: 'price', stream: 'park' }, change: '-0.1' }] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['shocks', 0, 'changes', 0, 'driver', 'driver']);
  });

  it('refuses the id "base" and a repeated id', () => {
    const shock = { name: 'x', changes: [{ driver: { driver: 'capex' }, change: '0.1' }] };
    expect(portfolioStressRequestSchema.safeParse({ shocks: [{ id: 'base', ...shock }] }).error!.issues[0]!.path).toEqual(['shocks', 0, 'id']);
    expect(portfolioStressRequestSchema.safeParse({ shocks: [{ id: 'a', ...shock }, { id: 'a', ...shock }] }).error!.issues[0]!.path).toEqual(['shocks', 1, 'id']);
  });
});
