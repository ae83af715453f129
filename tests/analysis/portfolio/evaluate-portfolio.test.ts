import { describe, expect, it } from 'vitest';
import { evaluatePortfolio } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { evaluateDeal, type Evaluation } from '../../../src/engine/evaluate-deal.js';
import { D, roundToFen } from '../../../src/finance/decimal.js';
import { loadTemplate } from '../../helpers/load-template.js';

const AS_OF = '2026-03-01';
const evaluate = (deal: ReturnType<typeof loadTemplate>): Evaluation => {
  const outcome = evaluateDeal(deal, { asOf: AS_OF });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome;
};

describe('evaluatePortfolio', () => {
  const fuzhou = loadTemplate('fuzhou-gulou-25y');
  const xiangtan = loadTemplate('xiangtan-heping');
  // A later start, so members are aligned by calendar year, not by t.
  const lugu = structuredClone(loadTemplate('lugu-package'));
  lugu.timeline.startYear = 2029;
  const members = [
    { label: '福州', dealId: 'd1', revision: 1, evaluation: evaluate(fuzhou) },
    { label: '湘潭', dealId: 'd2', revision: 3, evaluation: evaluate(xiangtan) },
    { label: '鲁谷', dealId: 'd3', revision: 1, scenarioId: 's1', evaluation: evaluate(lugu) },
  ];
  const portfolio = portfolioSchema.parse({
    name: '片区打捆',
    members: members.map((m) => ({ dealId: m.dealId })),
    budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' },
    affordability: { level: 'district', pppLimit: '0.1', governmentPayLimit: '0.05' },
  });
  const result = evaluatePortfolio(portfolio, members);

  it('spans the members\' calendar years', () => {
    expect(result.years[0]).toBe(2027);
    expect(result.years.at(-1)).toBe(2027 + 2 + 25 - 1); // 福州 ends last
  });

  it('sums every statement cell to the 分: each portfolio cell is the sum of the members\' cells of that calendar year', () => {
    for (const key of ['projectCashFlow', 'fiscalView', 'equityCashFlow'] as const) {
      for (const row of result.statements[key].rows) {
        result.years.forEach((year, i) => {
          let expected = new D(0);
          for (const m of members) {
            const source = m.evaluation.statements[key].rows.find((r) => r.key === row.key);
            if (!source) continue;
            const t = year - m.evaluation.years[0]!.calendarYear;
            if (t >= 0 && t < source.values.length) expected = expected.plus(roundToFen(source.values[t]!));
            else if (t >= source.values.length && source.total === null) expected = expected.plus(roundToFen(source.values.at(-1)!));
          }
          expect(row.values[i], `${key}.${row.key} ${year}`).toBe(expected.toFixed(2));
        });
      }
    }
  });

  it('sums the contributions to the 分', () => {
    const nominal = members.reduce((s, m) => s.plus(roundToFen(m.evaluation.contributions.total.nominal)), new D(0));
    expect(result.contributions.total.nominal).toBe(nominal.toFixed(2));
    const byParty = result.contributions.byParty.reduce((s, p) => s.plus(p.nominal), new D(0));
    expect(byParty.toFixed(2)).toBe(nominal.toFixed(2));
    const byLevel = result.contributions.byLevel.reduce((s, p) => s.plus(p.nominal), new D(0));
    const governmentByLevel = members.reduce((s, m) => s.plus(m.evaluation.contributions.byLevel.reduce((a, l) => a.plus(roundToFen(l.nominal)), new D(0))), new D(0));
    expect(byLevel.toFixed(2)).toBe(governmentByLevel.toFixed(2));
  });

  it('checks affordability against the envelope and lists the breaching years', () => {
    const a = result.affordability!;
    expect(a.level).toBe('district');
    // PPP-type spending is the general budget's: grants + operating support, not the bond rows (methodology §10.7).
    const rowOf = (key: string) => result.statements.fiscalView.rows.find((r) => r.key === key)!.values;
    const [grants, support] = [rowOf('district.grants'), rowOf('district.operatingSupport')];
    const outflows = result.years.map((_, i) => new D(grants[i]!).plus(support[i]!).toFixed(2));
    result.years.forEach((year, i) => {
      const envelope = new D('50000000').times(new D('1.03').pow(year - 2027));
      const row = a.years[i]!;
      expect(row.expenditure).toBe(envelope.toFixed(2));
      expect(row.pppSpending).toBe(outflows[i]);
      expect(a.pppBreaches.includes(year)).toBe(new D(outflows[i]!).div(envelope).gt('0.1'));
    });
    // A 5000万 district budget: the district's grants to 福州 in 2027 are above 10% of it.
    expect(a.pppBreaches.length).toBeGreaterThan(0);
    const stricter = evaluatePortfolio({ ...portfolio, affordability: { ...portfolio.affordability, pppLimit: '1' } }, members);
    expect(stricter.affordability!.pppBreaches).toEqual([]);
  });

  it('has no affordability check without a budget envelope', () => {
    expect(evaluatePortfolio({ ...portfolio, budget: undefined }, members).affordability).toBeNull();
  });
});
