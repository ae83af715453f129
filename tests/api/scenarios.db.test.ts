import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, listErrors, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let dealId: string;
let deal: Record<string, any>;
beforeEach(async () => {
  t = await createTestApp();
  const created = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } });
  dealId = created.body.id;
  deal = created.body.deal;
});
afterEach(() => t.close());

const scenarios = () => `/api/v1/deals/${dealId}/scenarios`;

describe('scenarios: named overrides of a revision', () => {
  it('evaluates a scenario as its revision with the overrides merged in', async () => {
    const created = await t.call('POST', scenarios(), { key: 'modeler', body: { name: '折现率 8%', overrides: { discountRate: '0.08' } } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ dealId, name: '折现率 8%', revision: 1, overrides: { discountRate: '0.08' } });
    expect(created.headers.get('location')).toBe(`${scenarios()}/${created.body.id}`);

    const base = await t.call('POST', `/api/v1/deals/${dealId}/evaluate`, { key: 'reviewer' });
    const scenario = await t.call('POST', `${scenarios()}/${created.body.id}/evaluate`, { key: 'reviewer' });
    expect(scenario.status).toBe(200);
    expect(scenario.body.source).toMatchObject({ dealId, revision: 1, scenarioId: created.body.id });
    expect(scenario.body.source.contentHash).not.toBe(base.body.source.contentHash);
    expect(scenario.body.metrics.discountRate).toBe('0.0800000000');
    // Same flows, higher rate: the FIRR is unchanged and the FNPV lower.
    expect(scenario.body.metrics.projectIrrAfterTax).toBe(base.body.metrics.projectIrrAfterTax);
    expect(Number(scenario.body.metrics.projectNpvAfterTax)).toBeLessThan(Number(base.body.metrics.projectNpvAfterTax));
  });

  it('gives the same result as the deal edited the same way (one cache entry for equal content)', async () => {
    const { body } = await t.call('POST', scenarios(), { body: { name: 'break-even at 5%', overrides: { indicators: { breakEvenRate: '0.05' } } } });
    const scenario = await t.call('POST', `${scenarios()}/${body.id}/evaluate`);
    expect(scenario.status).toBe(200);
    const edited = { ...deal, indicators: { ...deal.indicators, breakEvenRate: '0.05' } };
    await t.call('PUT', `/api/v1/deals/${dealId}`, { body: edited, headers: { 'If-Match': '"1"' } });
    const revised = await t.call('POST', `/api/v1/deals/${dealId}/evaluate`);
    expect(revised.headers.get('evaluation-cache')).toBe('hit');
    expect(revised.body.metrics).toEqual(scenario.body.metrics);
    expect(revised.body.source.contentHash).toBe(scenario.body.source.contentHash);
  });

  it('stays on its revision when the deal is revised, unless moved', async () => {
    const { body } = await t.call('POST', scenarios(), { body: { name: 'base', overrides: {} } });
    await t.call('PUT', `/api/v1/deals/${dealId}`, { body: { ...deal, discountRate: '0.07' }, headers: { 'If-Match': '"1"' } });
    const kept = await t.call('POST', `${scenarios()}/${body.id}/evaluate`);
    expect(kept.body.source.revision).toBe(1);
    expect(kept.body.metrics.discountRate).toBe('0.0600000000');
    const moved = await t.call('PUT', `${scenarios()}/${body.id}`, { body: { name: 'base', revision: 2, overrides: {} } });
    expect(moved.status).toBe(200);
    expect(moved.body.revision).toBe(2);
    expect((await t.call('POST', `${scenarios()}/${body.id}/evaluate`)).body.metrics.discountRate).toBe('0.0700000000');
  });

  it('answers 422 with each bad override at its path in the deal', async () => {
    const reply = await t.call('POST', scenarios(), {
      body: { name: 'bad', overrides: { discountRate: 7, timeline: { operatingYears: 0 }, scope: { households: -5 }, parking: true } },
      headers: { 'Accept-Language': 'en' },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.detail).toBe('The scenario (its overrides applied to the deal) has 4 problems; each is listed in "errors" by path.');
    expect(listErrors(reply)).toEqual(['discountRate OUT_OF_RANGE', 'parking UNKNOWN_FIELD', 'scope.households TOO_SMALL', 'timeline.operatingYears TOO_SMALL']);
    const shortened = await t.call('POST', scenarios(), { body: { name: 'short', overrides: { timeline: { operatingYears: 20 } } } });
    // A cross-field problem the overrides cause elsewhere in the deal; no Chinese for its code, so English.
    expect(shortened.body.errors[0]).toEqual({ code: 'YEAR_OUT_OF_RANGE', path: 'opex.majorMaintenance[1].operatingYears[4]', message: 'operating year 21 is after the end of operation (year 20)' });
    const shape = await t.call('POST', scenarios(), { body: { overrides: 'cheaper', revision: 9 } });
    expect(listErrors(shape)).toEqual(['name REQUIRED', 'overrides INVALID_VALUE']); // neither a merge patch (object) nor a JSON Patch (array)
    const missingRevision = await t.call('POST', scenarios(), { body: { name: 'x', revision: 9, overrides: {} } });
    expect(listErrors(missingRevision)).toEqual(['revision UNKNOWN_REVISION']);
    expect((await t.call('GET', scenarios())).body.items).toEqual([]);
  });

  it('keeps names unique per deal (409), lists, reads, replaces and deletes', async () => {
    const a = await t.call('POST', scenarios(), { body: { name: 'A', overrides: {} } });
    t.advanceClock(1_000);
    const b = await t.call('POST', scenarios(), { body: { name: 'B', overrides: { discountRate: '0.05' } } });
    const taken = await t.call('POST', scenarios(), { body: { name: 'A', overrides: {} } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('NAME_TAKEN');
    expect((await t.call('PUT', `${scenarios()}/${b.body.id}`, { body: { name: 'A', overrides: {} } })).status).toBe(409);

    // Oldest first.
    expect((await t.call('GET', scenarios(), { key: 'budget' })).body.items.map((s: { name: string }) => s.name)).toEqual(['A', 'B']);
    expect((await t.call('GET', `${scenarios()}/${b.body.id}`, { key: 'reviewer' })).body.overrides).toEqual({ discountRate: '0.05' });

    expect((await t.call('DELETE', `${scenarios()}/${a.body.id}`, { key: 'reviewer' })).status).toBe(403);
    expect((await t.call('DELETE', `${scenarios()}/${a.body.id}`, { key: 'modeler' })).status).toBe(204);
    expect((await t.call('GET', `${scenarios()}/${a.body.id}`)).status).toBe(404);
    expect((await t.call('POST', `${scenarios()}/${a.body.id}/evaluate`)).status).toBe(404);
    expect((await t.call('DELETE', `${scenarios()}/${a.body.id}`)).status).toBe(404);
    // The name is free again once its scenario is deleted.
    expect((await t.call('POST', scenarios(), { body: { name: 'A', overrides: {} } })).status).toBe(201);
  });

  it('lets the organisation a deal is shared with evaluate its scenarios', async () => {
    const { body } = await t.call('POST', scenarios(), { body: { name: 'stress', overrides: { discountRate: '0.1' } } });
    await t.call('POST', `/api/v1/deals/${dealId}/shares`, { body: { organisation: 'policy-bank' } });
    const reply = await t.call('POST', `${scenarios()}/${body.id}/evaluate?asOf=2026-06-30`, { key: 'bankReviewer' });
    expect(reply.status).toBe(200);
    expect(reply.body.asOf).toBe('2026-06-30');
    expect((await t.call('POST', `${scenarios()}/${body.id}/evaluate`, { key: 'strangerAdmin' })).status).toBe(404);
  });
});
