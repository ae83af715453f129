import { describe, expect, it } from 'vitest';
import { combinePortfolioParts, evaluatePortfolio } from '../../../src/analysis/portfolio/evaluate-portfolio.js';
import { sumPortfolioPart, type PartInputMember } from '../../../src/analysis/portfolio/portfolio-parts.js';
import { portfolioSchema } from '../../../src/deal/portfolio-schema.js';
import { roundToFen, D, ZERO } from '../../../src/finance/decimal.js';
import { evaluateParsed } from '../../helpers/evaluate-input.js';
import { loadTemplate } from '../../helpers/load-template.js';

/**
 * A portfolio evaluated in parts (runs of members, each summed where a worker evaluated it) is the same
 * portfolio as summed at once (methodology §10.10): parts of different calendar spans, a part that ends
 * years before the portfolio (its balances held at their last value), special bonds of two levels.
 */
describe('combinePortfolioParts', () => {
  const lugu = structuredClone(loadTemplate('lugu-package'));
  lugu.timeline.startYear = 2029;
  const members: PartInputMember[] = [
    { label: '福州', dealId: 'd1', revision: 1, evaluation: evaluateParsed(loadTemplate('fuzhou-gulou-25y')) },
    { label: '湘潭', dealId: 'd2', revision: 3, evaluation: evaluateParsed(loadTemplate('xiangtan-heping')) },
    { label: '鲁谷', dealId: 'd3', revision: 1, scenarioId: 's1', evaluation: evaluateParsed(lugu) },
    { label: '湘潭债', dealId: 'd4', revision: 2, evaluation: evaluateParsed(loadTemplate('xiangtan-bond-card')) },
    { label: '鼓楼债', dealId: 'd5', revision: 1, evaluation: evaluateParsed(loadTemplate('gulou-bond-cdb-combined')) },
    { label: '深圳', dealId: 'd6', revision: 1, evaluation: evaluateParsed(loadTemplate('shenzhen-elevator')) },
  ];
  const portfolio = portfolioSchema.parse({
    name: '片区打捆',
    members: members.map((m) => ({ dealId: m.dealId })),
    budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '50000000', growthRate: '0.03' },
    fundBudget: { kind: 'growth', baseYear: 2027, baseExpenditure: '20000000', growthRate: '0.02' },
    bondQuota: [{ year: 2028, available: '1000000' }],
    bondCapitalCap: '0.1',
  });
  const whole = evaluatePortfolio(portfolio, members);

  it('gives the same answer, figure for figure, however the members are split into parts', () => {
    for (const cuts of [[1], [2, 3], [1, 2, 3, 4, 5], [4]]) {
      const bounds = [0, ...cuts, members.length];
      const parts = bounds.slice(1).map((end, i) => sumPortfolioPart(portfolio, members.slice(bounds[i], end)));
      expect(combinePortfolioParts(portfolio, parts)).toEqual(whole);
    }
  });

  it('holds a balance of a part that ended early at its last value: the last year is Σ each member\'s last balance to the 分', () => {
    // 湘潭 alone in the first part ends long before 福州 (the portfolio's last year).
    const parts = [sumPortfolioPart(portfolio, members.slice(1, 2)), sumPortfolioPart(portfolio, [members[0]!, ...members.slice(2)])];
    const combined = combinePortfolioParts(portfolio, parts);
    const last = combined.years.length - 1;
    let balances = 0;
    for (const row of combined.statements.financialPlan.rows.filter((r) => r.total === null)) {
      const expected = members.reduce((s, m) => {
        const own = m.evaluation.statements.financialPlan.rows.find((r) => r.key === row.key);
        return own ? s.plus(roundToFen(own.values.at(-1)!)) : s;
      }, ZERO);
      expect(row.values[last], row.key).toBe(expected.toFixed(2));
      balances++;
    }
    expect(balances).toBeGreaterThan(0);
    // Flows count 0 after a member's end: the last year's flows are 福州's alone if it is the only member running then.
    const running = members.filter((m) => m.evaluation.years.at(-1)!.calendarYear === combined.years[last]);
    for (const row of combined.statements.projectCashFlow.rows.filter((r) => r.total !== null)) {
      const expected = running.reduce((s, m) => s.plus(roundToFen(m.evaluation.statements.projectCashFlow.rows.find((r) => r.key === row.key)?.values.at(-1) ?? new D(0))), ZERO);
      expect(row.values[last], row.key).toBe(expected.toFixed(2));
    }
  });

  it('lists every special bond once, in member order, for the bonds-as-capital cap', () => {
    const parts = [sumPortfolioPart(portfolio, members.slice(0, 4)), sumPortfolioPart(portfolio, members.slice(4))];
    const bonds = combinePortfolioParts(portfolio, parts).bondCapital.provinces.flatMap((p) => p.bonds);
    const expected = members.flatMap((m) => m.evaluation.financing.debts.filter((d) => d.source.kind === 'special-bond').map((d) => `${m.dealId}/${d.source.id}`));
    expect(expected.length).toBeGreaterThan(0);
    expect(bonds.map((b) => `${b.dealId}/${b.bondId}`).sort()).toEqual(expected.sort());
  });
});
