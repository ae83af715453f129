import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isEntityMoney } from '../../src/engine/project-scope.js';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';
import { evaluateInput, evaluateTemplate } from '../helpers/evaluate-input.js';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));
const fen = (values: D[]) => values.map((v) => v.toFixed(2));

/*
 * The hand-worked parking deal (evaluate-deal.test.ts) plus a 200,000 road the community owns, paid by
 * a municipal 投资补助; the same subsidy pays 100,000 of the investor's car park (depreciation left
 * deductible here, so the tax is the hand-worked deal's); investor equity pays the other 990,000.
 * Project entity scope (methodology §9): the car park is the entity's; the road is others' (they pay
 * for and own it). Entity pre-tax flow: t1 −1,090,000 + 100,000 subsidy = −990,000, then 332,400,
 * 332,400, 324,336, 296,112, 296,112 (unchanged). Programme: t1 −1,090,000 − 200,000 = −1,290,000, the
 * rest the same. Programme − entity = −(200,000 road + 100,000 subsidy) in t1, 0 afterwards.
 */
function scopedDeal() {
  const input = parking();
  input.capex.push({ id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '200000', owner: 'community' });
  input.funding = {
    sources: [
      { id: 'subsidy', name: '市级投资补助', kind: 'municipal-grant', depreciationDeductible: true },
      { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
    ],
    rules: [
      { kind: 'amount', source: 'subsidy', item: 'car-park', amount: '100000' },
      { kind: 'amount', source: 'subsidy', item: 'road', amount: '200000' },
    ],
    fill: [{ source: 'soe' }],
  };
  return evaluateInput(input);
}

describe('two scopes of the 项目投资现金流量表 (methodology §9)', () => {
  const e = scopedDeal();
  const pcf = e.statements.projectCashFlow;
  const programme = e.statements.programmeCashFlow;

  it('puts the entity\'s works in its table, with others\' money in them as an inflow', () => {
    expect(pcf.zh).toBe('项目投资现金流量表（项目法人口径）');
    expect(fen(findRow(pcf, 'constructionInvestment').values)).toEqual(['1090000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(pcf, 'othersInEntityWorks').values)).toEqual(['100000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(pcf, 'netCashFlowPreTax').values)).toEqual(['-990000.00', '332400.00', '332400.00', '324336.00', '296112.00', '296112.00']);
    expect(fen(findRow(pcf, 'netCashFlowAfterTax').values)).toEqual(['-990000.00', '307400.00', '307400.00', '299552.00', '272084.00', '272084.00']);
  });

  it('puts every work in the programme table and no subsidy inflow', () => {
    expect(programme.zh).toBe('项目投资现金流量表（全口径）');
    expect(fen(findRow(programme, 'constructionInvestment').values)).toEqual(['1290000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(programme, 'othersWorks').values)).toEqual(['200000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(programme, 'netCashFlowPreTax').values)).toEqual(['-1290000.00', '332400.00', '332400.00', '324336.00', '296112.00', '296112.00']);
  });

  it('reports both scopes\' indicators, labelled: the entity NPV gains 100,000/1.06, the programme\'s loses 200,000/1.06', () => {
    const m = e.metrics;
    // The hand-worked deal alone: after-tax FNPV 135,780.703873 (evaluate-deal.test.ts).
    expect(m.projectNpvAfterTax.minus('135780.703873').toNumber()).toBeCloseTo(100000 / 1.06, 5);
    expect(m.programmeNpvAfterTax.minus('135780.703873').toNumber()).toBeCloseTo(-200000 / 1.06, 5);
    expect(m.programmeIrrAfterTax!.lt(m.projectIrrAfterTax!)).toBe(true);
    expect(e.metricNotes.projectIrrAfterTax).toContain('项目法人口径');
    expect(e.metricNotes.programmeIrrAfterTax).toContain('全口径');
  });

  it('keeps the equity table on the investors\' money: the subsidy is funding, not an equity inflow', () => {
    const equity = findRow(e.statements.equityCashFlow, 'netCashFlow').values;
    expect(equity[0]!.toFixed(2)).toBe('-990000.00');
  });
});

describe('the scopes reconcile to the 分 on every template', () => {
  it.each(['fuzhou-gulou-25y', 'xiangtan-heping', 'lugu-package', 'baoding-utility-split', 'beijing-jinsong-20y', 'shenzhen-elevator', 'xiangtan-bond-card', 'gulou-bond-cdb-combined'])(
    '%s: programme − entity = −(others\' works + others\' money in the entity\'s works), which is all the money others pay',
    (id) => {
      const e = evaluateTemplate(id);
      const p = e.projection;
      const T = p.timeline.T;
      const othersMoney = new Array(T).fill(null).map((_, t) =>
        e.financing.funding.sources.filter((s) => !isEntityMoney(s.source)).reduce((sum, s) => sum.plus(s.total[t]!), new D(0)),
      );
      for (let t = 0; t < T; t++) {
        const others = p.scope.othersWorks[t]!.plus(p.scope.othersInEntityWorks[t]!);
        expect(others.toFixed(2)).toBe(othersMoney[t]!.toFixed(2));
        expect(p.programme.preTaxFlow[t]!.minus(p.preTaxFlow[t]!).toFixed(2)).toBe(others.negated().toFixed(2));
        expect(p.programme.afterTaxFlow[t]!.minus(p.afterTaxFlow[t]!).toFixed(2)).toBe(others.negated().toFixed(2));
        // Every work is in one scope or the other.
        expect(p.scope.entityWorks[t]!.plus(p.scope.othersWorks[t]!).toFixed(2)).toBe(p.capex.total[t]!.toFixed(2));
      }
    },
  );
});
