import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTwoLoanDeal } from '../../helpers/two-loan-deal.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/* The senior/junior deal (tests/helpers/two-loan-deal.ts): the senior loan's own DSCR is 1.271875 in 2027. */
describe('covenants per facility over HTTP (methodology §11.9)', () => {
  it('warns of the facility below its floor, naming its source and the years', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { body: buildTwoLoanDeal() });
    expect(reply.status).toBe(200);
    const flagged = reply.body.warnings.filter((w: { code: string }) => w.code.startsWith('FACILITY_'));
    expect(flagged.map((w: { code: string; path: string; years: number[] }) => [w.code, w.path, w.years])).toEqual([['FACILITY_DSCR_BELOW_MINIMUM', 'funding.sources[0]', [2027]]]);
  });

  it('names a bad covenant field of a facility in a 4xx problem, never a 500', async () => {
    const body = buildTwoLoanDeal();
    body.funding.sources[0].covenants = { minDscr: 'high' };
    const reply = await t.call('POST', '/api/v1/evaluate', { body });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain('funding.sources[0].covenants.minDscr');
  });
});
