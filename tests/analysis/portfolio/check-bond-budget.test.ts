import { describe, expect, it } from 'vitest';
import { evaluatePortfolio, type EvaluatedMember } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import type { Evaluation } from '../../../src/engine/evaluate-deal.js';
import { buildBondDealInput, evaluateBondDeal } from '../../helpers/bond-deal.js';

const evaluate = evaluateBondDeal;

/**
 * The two-batch bond deal of tests/helpers/bond-deal.ts (A 6,000,000 issued 2027-06, B 4,000,000 issued 2028-03,
 * district bonds) with a 1,000,000 district grant paying the garage first, in `province`, the bond's capitalShare
 * as given (the deal's own cap raised where the test needs it).
 */
function bondDeal(province: string, capitalShare: string, dealCap = '0.3'): Evaluation {
  const input = buildBondDealInput({ place: { province, city: '某市' }, covenants: { bondCapitalCap: dealCap } } as never, { capitalShare }) as { funding: { sources: unknown[]; fill: unknown[] } };
  input.funding.sources.push({ id: 'grant', name: '区级补助', kind: 'district-grant', amount: '1000000' });
  input.funding.fill = [{ source: 'grant' }, { source: 'bond' }, { source: 'soe' }];
  return evaluate(input);
}
const member = (label: string, evaluation: Evaluation): EvaluatedMember => ({ label, dealId: label, revision: 1, evaluation });

describe('the PPP 10% test counts the general budget only (methodology §10.7)', () => {
  const e = bondDeal('甲省', '0');
  const portfolio = portfolioSchema.parse({
    name: '片区', members: [{ dealId: 'a' }],
    budget: { kind: 'by-year', years: [{ year: 2027, expenditure: '10000000' }] },
  });
  const result = evaluatePortfolio(portfolio, [member('a', e)]);

  it('leaves the bond coupon the issuer pays out of PPP-type spending', () => {
    // 2027 for the district: the grant 1,000,000 (一般公共预算) and A's December coupon 72,000 (6,000,000 × 2.4% / 2),
    // which no project income covers in the construction year: 财政补足 from the 政府性基金预算, with no issuance cost.
    const fiscal = e.fiscal.levels.find((l) => l.level === 'district')!;
    expect([fiscal.grants[0]!.toFixed(2), fiscal.bondShortfall[0]!.toFixed(2), fiscal.outflows[0]!.toFixed(2)]).toEqual(['1000000.00', '72000.00', '1072000.00']);
    // PPP-type spending = 1,000,000, exactly 10% of 10,000,000: not above the limit. Counting the coupon (1,072,000,
    // 10.72%) would have breached.
    const y2027 = result.affordability!.years.find((y) => y.year === 2027)!;
    expect([y2027.pppSpending, y2027.pppRatio]).toEqual(['1000000.00', '0.100000']);
    expect(result.affordability!.pppBreaches).toEqual([]);
  });

  it('shows the bonds against the fund budget and the quota instead', () => {
    const withFund = evaluatePortfolio(
      portfolioSchema.parse({
        name: '片区', members: [{ dealId: 'a' }],
        fundBudget: { kind: 'by-year', years: [{ year: 2027, expenditure: '1000000' }] },
        bondQuota: [{ year: 2027, available: '9000000' }, { year: 2028, available: '9000000' }],
      }),
      [member('a', e)],
    ).fundBudget;
    expect(withFund.level).toBe('district');
    const [y2027, y2028] = withFund.years;
    // 2027: service 72,000, none paid by the project, all 72,000 the issuer's: 72,000 / 1,000,000 = 7.2% of the fund budget.
    // Outstanding: A's 6,000,000; 9,000,000 − 6,000,000 = 3,000,000 of quota left.
    expect(y2027).toMatchObject({ year: 2027, bondService: '72000.00', coveredByProjects: '0.00', shortfall: '72000.00', fundExpenditure: '1000000.00', fundBudgetRatio: '0.072000', bondsOutstanding: '6000000.00', quotaHeadroom: '3000000.00' });
    // 2028: B is issued, 10,000,000 outstanding > 9,000,000: a breach by 1,000,000; no fund budget stated for 2028.
    // Service 2028: A's two coupons 144,000 + B's September coupon 60,000 = 204,000, paid from the car park's income.
    expect(y2028).toMatchObject({ year: 2028, bondService: '204000.00', coveredByProjects: '204000.00', shortfall: '0.00', fundExpenditure: null, fundBudgetRatio: null, bondsOutstanding: '10000000.00', quotaHeadroom: '-1000000.00' });
    expect(withFund.quotaBreaches).toEqual([2028]);
    // After the bullets (A 2032, B 2033) nothing is outstanding.
    expect(withFund.years.at(-1)!.bondsOutstanding).toBe('0.00');
  });

  it('refuses a quota year given twice, naming it', () => {
    const parsed = portfolioSchema.safeParse({ name: '片区', members: [{ dealId: 'a' }], bondQuota: [{ year: 2027, available: '1' }, { year: 2027, available: '2' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues).toEqual([expect.objectContaining({ path: ['bondQuota', 1, 'year'], message: '2027 is listed more than once' })]);
  });
});

describe('the 30% cap on special bonds used as 项目资本金, by province (国办发〔2024〕52号)', () => {
  // Each deal's bond is 10,000,000. 甲省: 0.3 and 0.35 (that deal's own cap raised to 0.4) → 3,000,000 + 3,500,000 =
  // 6,500,000 of 20,000,000 = 32.5% > 30%, over by 6,500,000 − 6,000,000 = 500,000. 乙省: 0.2 → 20%, within.
  const members = [member('甲一', bondDeal('甲省', '0.3')), member('甲二', bondDeal('甲省', '0.35', '0.4')), member('乙一', bondDeal('乙省', '0.2'))];
  const portfolio = portfolioSchema.parse({ name: '两省', members: members.map((m) => ({ dealId: m.dealId })) });
  const check = evaluatePortfolio(portfolio, members).bondCapital;

  it('sums each province\'s bonds and their capital parts', () => {
    expect(check.cap).toBe('0.3');
    expect(check.provinces.map((p) => [p.province, p.bondAmount, p.capitalAmount, p.share, p.breach])).toEqual([
      ['甲省', '20000000.00', '6500000.00', '0.325000', true],
      ['乙省', '10000000.00', '2000000.00', '0.200000', false],
    ]);
  });

  it('names the breaching province, its share, the excess and the largest capital bonds', () => {
    expect(check.breaches).toEqual([{
      code: 'BOND_CAPITAL_OVER_CAP', path: 'bondCapitalCap', province: '甲省',
      message: '甲省: special bonds used as 项目资本金 are 6500000.00 元 of 20000000.00 元 (32.50%), above the 30% cap (国办发〔2024〕52号) by 500000.00 元; largest: 甲二 bond 3500000.00 元, 甲一 bond 3000000.00 元',
    }]);
  });

  it('passes when the cap is the portfolio\'s to raise, and each deal within its own cap can still breach together', () => {
    expect(evaluatePortfolio({ ...portfolio, bondCapitalCap: '0.35' }, members).bondCapital.breaches).toEqual([]);
    // Two deals at exactly 0.3 each: 30% is not above 30%.
    const atCap = [member('甲一', bondDeal('甲省', '0.3')), member('甲三', bondDeal('甲省', '0.3'))];
    expect(evaluatePortfolio(portfolio, atCap).bondCapital.provinces[0]!.share).toBe('0.300000');
    expect(evaluatePortfolio(portfolio, atCap).bondCapital.breaches).toEqual([]);
  });
});
