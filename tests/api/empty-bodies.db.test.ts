import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solveRequestSchema } from '../../src/analysis/goal-seek-request.js';
import { simulationRequestSchema } from '../../src/analysis/simulation/simulation-request.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const createDeal = async (template: string) => (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template } })).body.id as string;

describe('the decision tools take an empty body as their documented defaults', () => {
  it('reads {} for solve as "the yearly district subsidy for a 6% equity IRR"', () => {
    expect(solveRequestSchema.parse({})).toEqual({
      input: { kind: 'new-operating-subsidy', level: 'district', taxable: true },
      target: { indicator: 'equityIrr', value: '0.06' },
      maxEvaluations: 60,
    });
  });

  it('reads {} for simulate as the four default variables, 1000 draws, seed 1, a 6% IRR target', () => {
    expect(simulationRequestSchema.parse({})).toEqual({
      variables: [
        { driver: { driver: 'revenue' }, distribution: { kind: 'normal', mean: '0', sd: '0.1' } },
        { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
        { driver: { driver: 'opex' }, distribution: { kind: 'uniform', min: '-0.1', max: '0.1' } },
        { driver: { driver: 'interest-rate' }, distribution: { kind: 'lognormal', mu: '0', sigma: '0.1' } },
      ],
      draws: 1000,
      seed: 1,
      irrTarget: '0.06',
    });
    // The default is a fresh copy each time: a parsed request changed by one caller never changes the next one's.
    const first = simulationRequestSchema.parse({});
    (first.variables[0]!.distribution as { sd: string }).sd = '0.5';
    expect((simulationRequestSchema.parse({}).variables[0]!.distribution as { sd: string }).sd).toBe('0.1');
  });

  it('POST …/solve with {} and with no body at all answers the same as the explicit request (北京劲松\'s yearly subsidy, the figure the README prints)', async () => {
    const id = await createDeal('beijing-jinsong-20y');
    const explicit = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'new-operating-subsidy', level: 'district' }, target: { indicator: 'equityIrr', value: '0.06' } } });
    const empty = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: {} });
    const none = await t.call('POST', `/api/v1/deals/${id}/solve`);
    expect(empty.status).toBe(200);
    expect(none.status).toBe(200);
    expect(empty.body.result).toEqual(explicit.body.result);
    expect(none.body.result).toEqual(explicit.body.result);
    expect(empty.body.result.status).toBe('solved');
    // The README's decision-tools example prints this answer ("solved: … 元/年 → equityIrr …"): it must stay true.
    const printed = /solved: ([\d.]+) 元\/年 → equityIrr/.exec(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));
    expect(printed).not.toBeNull();
    expect(Number(empty.body.result.solution.input)).toBeCloseTo(Number(printed![1]), 1);
    expect(Math.abs(Number(empty.body.result.solution.indicator) - 0.06)).toBeLessThanOrEqual(1e-5);
  }, 120_000);

  it('POST …/simulate without variables draws the default ones, the same answer as naming them', async () => {
    const id = await createDeal('shenzhen-elevator');
    const defaults = simulationRequestSchema.parse({});
    const implicit = await t.call('POST', `/api/v1/deals/${id}/simulate`, { body: { draws: 12, seed: 7 } });
    const explicit = await t.call('POST', `/api/v1/deals/${id}/simulate`, { body: { variables: defaults.variables, draws: 12, seed: 7 } });
    expect(implicit.status).toBe(200);
    expect(implicit.body.result.draws).toBe(12);
    expect(implicit.body.result).toEqual(explicit.body.result);
  }, 120_000);
});
