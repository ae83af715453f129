import { describe, expect, it } from 'vitest';
import { solveGoal } from '../../src/analysis/goal-seek.js';
import { solveRequestSchema } from '../../src/analysis/goal-seek-request.js';
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import type { Deal } from '../../src/deal/deal-schema.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

const AS_OF = '2026-03-01';
const twoLoans = (): Deal => {
  const parsed = parseDeal(buildTwoLoanDeal());
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.deal;
};

describe('goal seek on one facility\'s own cover (methodology §11.9)', () => {
  /*
   * The senior/junior deal (tests/helpers/two-loan-deal.ts): the senior loan's lowest DSCR is 2027's
   * 284,900 / 224,000 = 1.271875. For 1.30 its CFADS must reach 1.3 × 224,000 = 291,200, 6,300 more. A
   * taxable yearly operating subsidy S adds S to EBITDA and 25% of it to income tax: 0.75 S = 6,300 →
   * S = 8,400 元 a year. 2028 then has (282,900 + 6,300) / 216,000 = 1.3389 and 2029 1.3777, so 2027
   * stays the minimum. The pooled DSCR there is only 291,200 / 236,000 = 1.2339: the target is the loan's.
   */
  it('finds the subsidy that makes the senior loan\'s min DSCR 1.30: 8,400 元 a year', () => {
    const outcome = solveGoal(twoLoans(), solveRequestSchema.parse({ input: { kind: 'new-operating-subsidy', level: 'district' }, target: { indicator: 'minDscr', value: '1.3', facility: 'senior' } }), AS_OF);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const r = outcome.result;
    expect(r.status).toBe('solved');
    expect(r.target).toMatchObject({ indicator: 'minDscr', facility: 'senior' });
    expect(r.base.indicator).toBe('1.2718750000');
    expect(Math.abs(Number(r.solution!.input) - 8400)).toBeLessThan(1);
    expect(Math.abs(Number(r.solution!.indicator) - 1.3)).toBeLessThan(1e-4);
  });

  it('names a target facility that is not a loan or bond, and an indicator a facility does not have', () => {
    const outcome = solveGoal(twoLoans(), solveRequestSchema.parse({ input: { kind: 'new-operating-subsidy' }, target: { indicator: 'equityIrr', value: '0.06', facility: 'soe' } }), AS_OF);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => [p.path, p.code])).toEqual([['target.facility', 'WRONG_SOURCE_KIND'], ['target.indicator', 'NOT_APPLICABLE']]);
    const unknown = solveGoal(twoLoans(), solveRequestSchema.parse({ target: { indicator: 'minDscr', value: '1.2', facility: 'nope' } }), AS_OF);
    expect(unknown.ok ? [] : unknown.problems.map((p) => [p.path, p.code])).toEqual([['target.facility', 'UNKNOWN_REFERENCE']]);
  });

  it('gives switching values of one facility\'s cover: revenue −x% takes the junior loan\'s min DSCR to 1.0', () => {
    const request = sensitivityRequestSchema.parse({
      drivers: [{ driver: 'revenue' }], steps: ['0.1'], delaySteps: [1], indicators: ['minDscr'],
      switching: { drivers: [{ driver: 'revenue' }], targets: [{ indicator: 'minDscr', value: '1', facility: 'junior' }] },
    });
    const outcome = analyseSensitivity(twoLoans(), request, AS_OF);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const [s] = outcome.result.switching;
    expect(s!.target).toMatchObject({ indicator: 'minDscr', facility: 'junior' });
    expect(Math.abs(Number(s!.indicator) - 1)).toBeLessThan(1e-3);
    expect(Number(s!.change)).toBeLessThan(0);
  });
});
