import { describe, expect, it } from 'vitest';
import { addOperatingSubsidy, setLoanAmount } from '../../src/analysis/edits/funding-edits.js';
import { setStreamPrice } from '../../src/analysis/edits/revenue-edits.js';
import { setOperatingYears } from '../../src/analysis/edits/timeline-edits.js';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { solveGoal } from '../../src/analysis/goal-seek.js';
import { solveRequestSchema } from '../../src/analysis/goal-seek-request.js';
import { readIndicator, type Indicator } from '../../src/analysis/indicators.js';
import type { Deal } from '../../src/deal/deal-schema.js';
import { D } from '../../src/finance/decimal.js';
import { loadTemplate } from '../helpers/load-template.js';

const AS_OF = '2026-03-01';
const solve = (deal: Deal, request: unknown) => {
  const outcome = solveGoal(deal, solveRequestSchema.parse(request), AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.result;
};
/** The indicator of a deal changed independently of the solver (the re-evaluation the issue asks for). */
const reevaluate = (variant: Deal, indicator: Indicator) => {
  const outcome = evaluateVariant(variant, AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return readIndicator(outcome.evaluation, indicator)!.toNumber();
};

describe('solveGoal', () => {
  it('finds the minimum operating subsidy for a 6% equity IRR (北京劲松), and the deal with it has that IRR', () => {
    const deal = loadTemplate('beijing-jinsong-20y');
    const result = solve(deal, { input: { kind: 'new-operating-subsidy', level: 'district' }, target: { indicator: 'equityIrr', value: '0.06' } });
    expect(result.status).toBe('solved');
    expect(Number(result.base.indicator)).toBeLessThan(0.06);
    const subsidy = new D(result.solution!.input!);
    expect(subsidy.toNumber()).toBeGreaterThan(100_000);
    expect(subsidy.toNumber()).toBeLessThan(5_000_000);
    const irr = reevaluate(addOperatingSubsidy(deal, subsidy, { level: 'district', taxable: true }), 'equityIrr');
    expect(Math.abs(irr - 0.06)).toBeLessThanOrEqual(1e-5);
    expect(Number(result.solution!.indicator)).toBeCloseTo(irr, 10);
    // Minimum: one 元 less a year misses the hurdle.
    expect(reevaluate(addOperatingSubsidy(deal, subsidy.minus(1000), { level: 'district', taxable: true }), 'equityIrr')).toBeLessThan(0.06);
  });

  it('finds the parking fee at which the minimum DSCR is 1.3 (福州鼓楼)', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const result = solve(deal, { input: { kind: 'price', stream: 'fz-parking-community' }, target: { indicator: 'minDscr', value: '1.3' } });
    expect(result.status).toBe('solved');
    const fee = new D(result.solution!.input!);
    expect(fee.toNumber()).toBeGreaterThan(100);
    expect(fee.toNumber()).toBeLessThan(150);
    expect(Math.abs(reevaluate(setStreamPrice(deal, { stream: 'fz-parking-community' }, fee), 'minDscr') - 1.3)).toBeLessThanOrEqual(1e-4);
  });

  it('finds the operating years needed for payback within the term (鲁谷): the smallest whole number', () => {
    const deal = loadTemplate('lugu-package');
    const result = solve(deal, { input: { kind: 'operating-years' }, target: { indicator: 'cumulativeCashFlowAfterTax', value: '0' } });
    expect(result.status).toBe('solved');
    const years = Number(result.solution!.input);
    expect(Number.isInteger(years)).toBe(true);
    expect(reevaluate(setOperatingYears(deal, years), 'cumulativeCashFlowAfterTax')).toBeGreaterThanOrEqual(0);
    expect(reevaluate(setOperatingYears(deal, years - 1), 'cumulativeCashFlowAfterTax')).toBeLessThan(0);
    // Paid back within the term: the static payback exists and ends by the end of operation.
    const outcome = evaluateVariant(setOperatingYears(deal, years), AS_OF);
    expect(outcome.ok && outcome.evaluation.metrics.paybackStaticYears!.toNumber()).toBeLessThanOrEqual(deal.timeline.constructionYears + years);
  });

  it('solves a loan amount for a DSCR, and re-funding shrinks the loan while equity takes the rest', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const result = solve(deal, { input: { kind: 'loan-amount', source: 'fz-cdb-loan' }, target: { indicator: 'minDscr', value: '1.5' }, bounds: ['0', '200000000'] });
    expect(result.status).toBe('solved');
    expect(result.base.input).toBeNull();
    const amount = new D(result.solution!.input!);
    expect(Math.abs(reevaluate(setLoanAmount(deal, 'fz-cdb-loan', amount), 'minDscr') - 1.5)).toBeLessThanOrEqual(1e-4);
    const loan = result.solution!.funding.find((f) => f.source === 'fz-cdb-loan')!;
    expect(new D(loan.amount).eq(amount)).toBe(true);
  });

  it('says when there is no solution within the bounds, with the indicator at both', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    // The district grant may fund only roofs, fire safety and accessibility, which the grants already fill.
    const result = solve(deal, { input: { kind: 'grant', source: 'fz-district' }, target: { indicator: 'equityIrr', value: '0.12' } });
    expect(result.status).toBe('no-solution');
    expect(result.solution).toBeUndefined();
    expect(result.reason).toMatch(/no solution within bounds.*below the target 0.12 at both bounds/);
    expect(Number(result.bounds.lower.indicator)).toBeLessThan(0.12);
    expect(Number(result.bounds.upper.indicator)).toBeLessThan(0.12);
    expect(result.notes.join(' ')).toMatch(/fz-district is unused/);
  });

  it('reports a target already met at both bounds as no solution', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const result = solve(deal, { input: { kind: 'price', stream: 'fz-gate-ads' }, target: { indicator: 'equityIrr', value: '0.05' }, bounds: ['4000', '6000'] });
    expect(result.status).toBe('no-solution');
    expect(result.reason).toMatch(/above the target/);
  });

  it('names the input that does not exist in the deal', () => {
    const deal = loadTemplate('fuzhou-gulou-25y');
    const outcome = solveGoal(deal, solveRequestSchema.parse({ input: { kind: 'price', stream: 'no-such' }, target: { indicator: 'minDscr', value: '1.3' } }), AS_OF);
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_STREAM', path: 'input.stream' }] });
    const bounds = solveGoal(deal, solveRequestSchema.parse({ input: { kind: 'operating-years' }, target: { indicator: 'minDscr' }, bounds: [20, 10] }), AS_OF);
    expect(bounds).toMatchObject({ ok: false, problems: [{ code: 'INVALID_BOUNDS', path: 'bounds' }] });
  });
});

describe('goal seek of a cover ratio on a sculpted loan', () => {
  it('holds the loan at its agreed schedule, so the DSCR answers to the input (鲁谷, parking fee for DSCR 1.5)', () => {
    const outcome = solveGoal(loadTemplate('lugu-package'), solveRequestSchema.parse({ input: { kind: 'price', stream: 'lg-parking-surface' }, target: { indicator: 'minDscr', value: '1.5' } }), '2026-11-23');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.result.status).toBe('solved');
    expect(Number(outcome.result.solution!.indicator)).toBeGreaterThanOrEqual(1.5);
    expect(Number(outcome.result.solution!.input)).toBeGreaterThan(180);
    expect(outcome.result.notes[0]).toContain('held at its base-case amount');
  });
});
