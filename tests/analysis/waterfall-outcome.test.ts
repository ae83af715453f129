import { describe, expect, it } from 'vitest';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { applyChanges } from '../../src/analysis/drivers.js';
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { runStressPack } from '../../src/analysis/stress-pack.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

const AS_OF = '2026-03-01';

/*
 * The senior/junior deal (tests/helpers/two-loan-deal.ts) with a lock-up at a DSCR of 1.3 and
 * distributions on. Project-level DSCR = CFADS / (senior + junior service): 2027 284,900 / 236,000 =
 * 1.2072, 2028 282,900 / 228,000 = 1.2408, 2029 280,252 / 220,000 = 1.2739, 2030 275,984 / 12,000 = 23.0,
 * 2031 275,984 / 212,000 = 1.3018. So 2027–2029 are locked up and, profit being positive, their
 * distributions are blocked; 2030 pays the catch-up. With revenue −20% (parking 360,000 → 288,000 net,
 * about 72,000 less EBITDA and 54,000 less CFADS after tax), 2031 falls to about 222,000 / 212,000 = 1.05:
 * locked up too.
 */
const deal = (() => {
  const input = buildTwoLoanDeal();
  input.waterfall = { lockUp: { minDscr: '1.3' }, distributions: { enabled: true } };
  const parsed = parseDeal(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.deal;
})();

describe('stress cases and sensitivity report the waterfall (methodology §11)', () => {
  const outcome = runStressPack(deal, AS_OF, [{ id: 'revenue-20', name: 'revenue −20%', changes: [{ driver: { driver: 'revenue' }, change: -0.2 }] }]);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  const { base, cases } = outcome.result;

  it('gives the base case\'s lock-up and blocked years as worked by hand', () => {
    expect(base.waterfall!.lockUpYears).toEqual([2027, 2028, 2029]);
    expect(base.waterfall!.blockedYears).toEqual([2027, 2028, 2029]);
    expect(base.waterfall!.facilities.map((f) => [f.sourceId, f.minDscr?.slice(0, 8), f.minDscrYear])).toEqual([['senior', '1.271875', 2027], ['junior', '1.301811', 2031]]);
  });

  it('locks 2031 up as well when revenue falls 20%, as a direct evaluation of the changed deal says', () => {
    const stressed = cases[0]!.waterfall!;
    expect(stressed.lockUpYears).toEqual([2027, 2028, 2029, 2031]);
    const direct = evaluateVariant(applyChanges(deal, [{ driver: { driver: 'revenue' }, change: -0.2 }]), AS_OF);
    if (!direct.ok) throw new Error('invalid');
    expect(stressed.blockedYears).toEqual(direct.evaluation.waterfall.blockedYears);
    expect(stressed.dsraDrawYears).toEqual(direct.evaluation.waterfall.dsraDrawYears);
    // 2027 and 2028 now make losses (EBIT about 100,000 − 72,000 less 利息 36,000 / 28,000 and the 3,600
    // write-off), so the years locked up before 2031 owe no 可供分配利润: only 2031 has a distribution blocked.
    expect(stressed.blockedYears).toEqual([2031]);
  });

  it('gives each tornado point and the base of a sensitivity their waterfall', () => {
    const request = sensitivityRequestSchema.parse({ drivers: [{ driver: 'revenue' }], steps: ['-0.2', '0.2'], delaySteps: [1], indicators: ['minDscr'], switching: null });
    const result = analyseSensitivity(deal, request, AS_OF);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.result.baseWaterfall.lockUpYears).toEqual([2027, 2028, 2029]);
    const points = new Map(result.result.tornado[0]!.points.map((p) => [p.change, p.waterfall!]));
    expect(points.get('-0.2')!.lockUpYears).toEqual(cases[0]!.waterfall!.lockUpYears);
    // Revenue +20% (about 54,000 more CFADS) lifts 2027 to about 338,900 / 236,000 = 1.44: no lock-up at all.
    expect(points.get('0.2')!.lockUpYears).toEqual([]);
    expect(points.get('0.2')!.blockedYears).toEqual([]);
  });
});
