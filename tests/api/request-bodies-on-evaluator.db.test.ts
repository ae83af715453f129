/**
 * Scenario, decision-tool and portfolio bodies are parsed and checked on the evaluator's worker
 * threads, not on the request thread (issue 12: nothing a client sends is parsed there beyond a cheap
 * shape check). Through a real worker pool, every bad body still answers the 4xx problem it answered
 * when the route parsed it, naming the field; and the pool is seen to have read each body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPoolEvaluator, type Evaluator } from '../../src/api/evaluation/evaluator.js';
import type { BodySchemaName } from '../../src/api/evaluation/read-request-body.js';
import { createTestApp, readTemplate, type TestApp } from './helpers/test-app.js';

const pool = createWorkerPoolEvaluator(1);
const bodiesRead: BodySchemaName[] = [];
const watched: Evaluator = { ...pool, readBody: (job) => (bodiesRead.push(job.schema), pool.readBody(job)) };
const paths = (reply: { body: { errors?: { path: string; code: string }[] } }) => (reply.body.errors ?? []).map((e) => `${e.path} ${e.code}`);

describe('request bodies read on the evaluator', () => {
  let t: TestApp;
  let dealId = '';
  beforeAll(async () => {
    t = await createTestApp({}, { evaluator: watched });
    dealId = (await t.call('POST', '/api/v1/deals', { body: { template: 'fuzhou-gulou-25y' } })).body.id;
  });
  afterAll(async () => {
    await pool.close();
    t.close();
  });

  it('scenario bodies: 400 for malformed JSON, 422 naming the missing name and an unknown field, 201 for a good one', async () => {
    const url = `/api/v1/deals/${dealId}/scenarios`;
    const malformed = await t.call('POST', url, { rawBody: '{"name": ', headers: { 'Content-Type': 'application/json' } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const invalid = await t.call('POST', url, { body: { overrides: {}, colour: 'red' } });
    expect(invalid.status).toBe(422);
    expect(paths(invalid)).toEqual(expect.arrayContaining(['name REQUIRED', 'colour UNKNOWN_FIELD']));
    const notJson = await t.call('POST', url, { rawBody: 'name=x', headers: { 'Content-Type': 'text/plain' } });
    expect(notJson.status).toBe(415);
    const created = await t.call('POST', url, { body: { name: '票价降低', overrides: { discountRate: '0.07' } } });
    expect(created.status).toBe(201);
    // The overrides came back from the worker as bytes (transferred) and are stored and shown as sent.
    expect(created.body.overrides).toEqual({ discountRate: '0.07' });
    expect((await t.call('GET', `${url}/${created.body.id}`)).body.overrides).toEqual({ discountRate: '0.07' });
    const replaced = await t.call('PUT', `${url}/${created.body.id}`, { body: { name: '票价降低', overrides: { discountRate: 7 } } });
    expect([replaced.status, ...paths(replaced)]).toEqual([422, 'discountRate OUT_OF_RANGE']);
  });

  it('decision-tool bodies: 400 malformed, 422 at the bad field, an empty body still the defaults', async () => {
    const malformed = await t.call('POST', `/api/v1/deals/${dealId}/sensitivity`, { rawBody: '[1,', headers: { 'Content-Type': 'application/json' } });
    expect([malformed.status, malformed.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const invalid = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { body: { draws: 0 } });
    expect([invalid.status, ...paths(invalid).map((p) => p.split(' ')[0])]).toEqual([422, 'draws']);
    const solve = await t.call('POST', `/api/v1/deals/${dealId}/solve`, { body: { target: { indicator: 'minDscr', value: 'high' } } });
    expect([solve.status, ...paths(solve).map((p) => p.split(' ')[0])]).toEqual([422, 'target.value']);
    const stress = await t.call('POST', `/api/v1/deals/${dealId}/stress`, { rawBody: '', headers: {} });
    expect(stress.status).toBe(200);
  });

  it('portfolio bodies: 422 naming the member field, and a saved portfolio evaluates with its members parsed on the worker', async () => {
    const invalid = await t.call('POST', '/api/v1/portfolios', { body: { name: '片区', members: [{ dealId: 7 }] } });
    expect([invalid.status, ...paths(invalid)]).toEqual([422, 'members[0].dealId INVALID_TYPE']);
    const saved = await t.call('POST', '/api/v1/portfolios', { body: { name: '片区', members: [{ dealId }, { dealId, label: '再算一次' }] } });
    expect(saved.status).toBe(201);
    const evaluated = await t.call('POST', `/api/v1/portfolios/${saved.body.id}/evaluate`);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.result.members.map((m: { label: string }) => m.label)[1]).toBe('再算一次');
    // The same deal twice: the programme's contributions are twice those of a portfolio of it once.
    const once = await t.call('POST', '/api/v1/portfolios', { body: { name: '单个', members: [{ dealId }] } });
    const single = await t.call('POST', `/api/v1/portfolios/${once.body.id}/evaluate`);
    const total = (reply: typeof single) => Number(reply.body.result.contributions.total.nominal);
    expect(total(single)).toBeGreaterThan(0);
    expect(total(evaluated)).toBeCloseTo(2 * total(single), 2);
  });

  it('deal bodies, handed over to the worker (not copied), still evaluate, save and export', async () => {
    const content = { ...readTemplate('fuzhou-gulou-25y'), name: '换手测试' };
    const created = await t.call('POST', '/api/v1/deals', { body: content });
    expect([created.status, created.body.name, paths(created)]).toEqual([201, '换手测试', []]);
    const replaced = await t.call('PUT', `/api/v1/deals/${created.body.id}`, { body: { ...content, discountRate: '0.07' }, headers: { 'If-Match': '"1"' } });
    expect([replaced.status, replaced.body.revision, replaced.body.deal?.discountRate]).toEqual([200, 2, '0.07']);
    const evaluated = await t.call('POST', '/api/v1/evaluate', { body: content });
    expect(evaluated.status).toBe(200);
    const sheet = await t.call('POST', '/api/v1/term-sheet', { body: content });
    expect(sheet.status).toBe(200);
  });

  it('read every one of those bodies on the pool', () => {
    expect(new Set(bodiesRead)).toEqual(new Set(['scenario', 'sensitivity', 'simulate', 'solve', 'stress', 'portfolio']));
  });
});
