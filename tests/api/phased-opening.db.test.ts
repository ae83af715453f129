import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTwoPhaseDealInput } from '../engine/phased-opening.fixture.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Phased opening over HTTP (methodology §10.11): the two-phase deal of tests/engine/phased-opening.test.ts. */
describe('phased opening through the API', () => {
  it('evaluates a deal whose first phase opens during construction, both shown in the overlap years', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { key: 'modeler', body: buildTwoPhaseDealInput() });
    expect(reply.status).toBe(200);
    expect(reply.body.years.map((y: { phase: string }) => y.phase)).toEqual(['construction-and-operation', 'construction-and-operation', 'operation', 'operation', 'operation']);
    expect(reply.body.years[0].opening).toEqual(['parking', 'park', 'attendant']);
    const rows = reply.body.statements.projectCashFlow.rows as { key: string; values: string[] }[];
    const row = (key: string) => rows.find((r) => r.key === key)!.values;
    // 2026: 218,000 of works and 120,000 of parking revenue (hand-worked in the engine test).
    expect(row('constructionInvestment').slice(0, 2)).toEqual(['218000.00', '109000.00']);
    expect(row('operatingRevenue').slice(0, 2)).toEqual(['120000.00', '240000.00']);
  });

  it('stores the opening years in the revision, unchanged', async () => {
    const created = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: buildTwoPhaseDealInput() });
    expect(created.status).toBe(201);
    const revision = await t.call('GET', `/api/v1/deals/${created.body.id}/revisions/1`, { key: 'reviewer' });
    expect(revision.body.deal.revenue[0].openingYear).toBe(2026);
    expect(revision.body.deal.capex[0].openingYear).toBe(2026);
    expect(revision.body.deal.opex.fixed[0].openingYear).toBe(2026);
    const evaluated = await t.call('POST', `/api/v1/deals/${created.body.id}/evaluate?asOf=2026-01-01`, { key: 'reviewer' });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.years[1].phase).toBe('construction-and-operation');
  });

  it('answers 422 naming each bad opening year, in English when asked', async () => {
    const input = buildTwoPhaseDealInput();
    input.revenue![1] = { ...input.revenue![1]!, openingYear: 2027 };
    input.capex[0] = { ...input.capex[0]!, openingYear: 2031 };
    const reply = await t.call('POST', '/api/v1/evaluate', { key: 'modeler', body: input, headers: { 'Accept-Language': 'en' } });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    const errors = reply.body.errors as { path: string; code: string; message: string }[];
    expect(errors.find((e) => e.path === 'revenue[1].openingYear')?.code).toBe('OPENING_BEFORE_WORKS_IN_SERVICE');
    expect(errors.find((e) => e.path === 'capex[0].openingYear')).toMatchObject({ code: 'OPENING_YEAR_OUT_OF_RANGE' });
    expect(errors.find((e) => e.path === 'capex[0].openingYear')!.message).toContain('2026–2027');
  });
});
