import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRow } from '../../src/engine/statement.js';
import { computeStatutoryReserve } from '../../src/engine/project-deal.js';
import { D } from '../../src/finance/decimal.js';
import { evaluateInput } from '../helpers/evaluate-input.js';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));
const fen = (values: D[]) => values.map((v) => v.toFixed(2));
const total = (values: D[]) => values.reduce((s, v) => s.plus(v), new D(0));

/*
 * The hand-worked parking deal (tests/engine/evaluate-deal.test.ts) plus a 200,000 road the community
 * owns, funded (rules, whole amounts) by:
 *   inject  区级资本金注入 (district grant, 资本金注入)   100,000 of the car park
 *   bond    专项债券 300,000 (its amount) of the car park in the fill, 30% used as capital → 90,000
 *   subsidy 市级投资补助 (投资补助, the default)         200,000, the road
 *   soe     investor equity fills the rest of the car park: 1,090,000 − 100,000 − 300,000 = 690,000.
 * 项目资本金 (methodology §9) = 690,000 + 100,000 + 90,000 = 880,000; 总投资 = 1,290,000 (no loan, no
 * construction interest) → equity ratio 880,000 / 1,290,000 = 0.682170542636 (to 12 places).
 * The old definition (everything not debt) would have read (1,290,000 − 210,000) / 1,290,000 = 0.837.
 */
function capitalDeal() {
  const input = parking();
  input.capex.push({ id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '200000', owner: 'community' });
  input.funding = {
    sources: [
      { id: 'inject', name: '区级资本金注入', kind: 'district-grant', amount: '100000', grantType: 'capital-injection' },
      { id: 'subsidy', name: '市级投资补助', kind: 'municipal-grant', amount: '200000' },
      { id: 'bond', name: '专项债券', kind: 'special-bond', level: 'municipal', amount: '300000', couponRate: '0.03', tenorYears: 5, principal: { kind: 'bullet' }, capitalShare: '0.3' },
      { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
    ],
    rules: [
      { kind: 'amount', source: 'inject', item: 'car-park', amount: '100000' },
      { kind: 'amount', source: 'subsidy', item: 'road', amount: '200000' },
    ],
    fill: [{ source: 'bond', items: ['car-park'] }, { source: 'soe' }],
  };
  return evaluateInput(input);
}

describe('项目资本金 (methodology §9)', () => {
  const e = capitalDeal();
  const plan = e.statements.investmentPlan;

  it('counts investor equity, 资本金注入 and the bond part used as capital, and nothing else', () => {
    expect(e.financing.capital.amount.toFixed(2)).toBe('880000.00');
    expect(e.metrics.equityRatio!.toFixed(12)).toBe('0.682170542636');
    expect(e.metricNotes.equityRatio).toContain('投资补助');
  });

  it('shows the same split in the 资金筹措表, sources still equal to uses', () => {
    const totalOf = (key: string) => findRow(plan, key).total!.toFixed(2);
    expect(totalOf('equity')).toBe('880000.00');
    expect(totalOf('source.soe')).toBe('690000.00');
    expect(totalOf('source.inject')).toBe('100000.00');
    expect(totalOf('capital.bond')).toBe('90000.00');
    // Debt is the bond's 70% not used as capital; grants only the 投资补助.
    expect(totalOf('debt')).toBe('210000.00');
    expect(totalOf('source.bond')).toBe('210000.00');
    expect(totalOf('grants')).toBe('200000.00');
    expect(fen(findRow(plan, 'totalFunding').values)).toEqual(fen(findRow(plan, 'totalInvestment').values));
    expect(findRow(plan, 'source.inject').no.startsWith('2.1.')).toBe(true);
  });

  it('divides ROE by the same 项目资本金', () => {
    const N = e.projection.timeline.N;
    const averageNetProfit = total(e.financing.netProfit).div(N);
    expect(e.metrics.roe!.toFixed(12)).toBe(averageNetProfit.div(880000).toFixed(12));
  });

  it('flags a structure whose 项目资本金 is below the minimum', () => {
    const input = parking();
    input.funding = {
      sources: [
        { id: 'subsidy', name: '市级投资补助', kind: 'municipal-grant', amount: '900000' },
        { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
      ],
      fill: [{ source: 'subsidy' }, { source: 'soe' }],
    };
    // 190,000 / 1,090,000 = 17.4% < 20%: a 投资补助 is not capital, so this structure is flagged.
    const low = evaluateInput(input);
    expect(low.metrics.equityRatio!.toFixed(6)).toBe('0.174312');
    expect(low.warnings.map((w) => w.code)).toContain('EQUITY_BELOW_MINIMUM');
    // The same 900,000 given as 资本金注入 is capital: (900,000 + 190,000) / 1,090,000 = 100%.
    input.funding.sources[0].grantType = 'capital-injection';
    const injected = evaluateInput(input);
    expect(injected.metrics.equityRatio!.toFixed(6)).toBe('1.000000');
    expect(injected.warnings.map((w) => w.code)).not.toContain('EQUITY_BELOW_MINIMUM');
  });
});

describe('statutory reserve (法定盈余公积) stops at 50% of registered capital', () => {
  it('takes 10% of net profit until the reserve reaches half the registered capital', () => {
    /*
     * The hand-worked deal's net profit is 75,000, 75,000, 74,352, 72,084, 72,084 → 10% is 7,500, 7,500,
     * 7,435.20, 7,208.40, 7,208.40. With registered capital 60,000 the reserve stops at 30,000: after four
     * years it holds 29,643.60, so year five takes only 356.40.
     */
    const input = parking();
    input.tax = { registeredCapital: '60000' };
    const e = evaluateInput(input);
    expect(fen(findRow(e.statements.profitAndLoss, 'statutoryReserve').values)).toEqual(['0.00', '7500.00', '7500.00', '7435.20', '7208.40', '356.40']);
    expect(total(e.financing.statutoryReserve).toFixed(2)).toBe('30000.00');
  });

  it('defaults the registered capital to the 项目资本金', () => {
    // Net profits 100 a year at 10%, 项目资本金 130 → stop 65: 10 × 6, then 5, then nothing.
    const np = new Array(9).fill(new D(100));
    expect(fen(computeStatutoryReserve(np, new D('0.1'), new D(65)))).toEqual(['10.00', '10.00', '10.00', '10.00', '10.00', '10.00', '5.00', '0.00', '0.00']);
    // In the evaluation: capital 1,090,000 (all equity) → stop 545,000, far above the 37,000 reserved.
    const e = evaluateInput(parking());
    expect(e.financing.capital.amount.toFixed(2)).toBe('1090000.00');
    expect(total(e.financing.statutoryReserve).toFixed(2)).toBe('36852.00');
  });

  it('makes good earlier losses first', () => {
    // −50 then +80: the reserve base of year 2 is min(80, 30) = 30 → 3.
    expect(fen(computeStatutoryReserve([new D(-50), new D(80), new D(10)], new D('0.1'), new D(1000)))).toEqual(['0.00', '3.00', '1.00']);
  });
});
