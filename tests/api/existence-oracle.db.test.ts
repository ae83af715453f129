/**
 * No existence oracle across organisations (issue 12): a caller from another organisation cannot tell
 * an existing deal, scenario, portfolio or share from a missing one — not by status, not by body (the
 * same problem with its own id in it), not by the class of work done before the answer (measured as
 * the jobs the evaluator was given: a probe of an existing deal must not parse or evaluate it before
 * answering 404, which would show as a slower answer). And a share names an organisation without
 * telling whether it exists: an unknown name is answered exactly as a known one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInlineEvaluator, type Evaluator } from '../../src/api/evaluation/evaluator.js';
import { createKeyForOrganisation } from '../../src/db/create-key.js';
import { createTestApp, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

const inline = createInlineEvaluator();
let jobs = 0;
const counting = Object.fromEntries(Object.entries(inline).map(([name, fn]) => [name, (...args: unknown[]) => (jobs++, (fn as (...a: unknown[]) => unknown)(...args))])) as unknown as Evaluator;

/** Another id of the same form that names nothing: the last four characters changed. */
const missingLike = (id: string) => `${id.slice(0, -4)}${id.endsWith('0000') ? '1111' : '0000'}`;

let t: TestApp;
let dealId = '';
let scenarioId = '';
let portfolioId = '';
beforeAll(async () => {
  t = await createTestApp({}, { evaluator: counting });
  dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
  scenarioId = (await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key: 'modeler', body: { name: '低价', overrides: { discountRate: '0.07' } } })).body.id;
  portfolioId = (await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members: [{ dealId }] } })).body.id;
  expect((await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } })).status).toBe(201);
  expect((await t.call('POST', `/api/v1/portfolios/${portfolioId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } })).status).toBe(201);
});
afterAll(() => t.close());

/** A stranger's probe of `path` with the real id and with a missing one: status, body (its id masked), content type and the evaluator's jobs. */
async function probe(method: string, path: (id: string) => string, id: string, body?: unknown) {
  const answers = [];
  for (const which of [id, missingLike(id)]) {
    const before = jobs;
    const reply = await t.call(method, path(which), { key: 'strangerAdmin', body, headers: { 'If-Match': '"1"', 'Accept-Language': 'en' } });
    answers.push({ status: reply.status, type: reply.headers.get('content-type'), body: JSON.stringify(reply.body).replaceAll(which, '{id}'), jobs: jobs - before });
  }
  return answers;
}

describe('another organisation probing what exists', () => {
  const dealProbes: [string, (id: string) => string, unknown?][] = [
    ['GET', (id) => `/api/v1/deals/${id}`],
    ['PUT', (id) => `/api/v1/deals/${id}`, { name: 'x' }],
    ['PATCH', (id) => `/api/v1/deals/${id}`, { name: 'x' }],
    ['DELETE', (id) => `/api/v1/deals/${id}`],
    ['POST', (id) => `/api/v1/deals/${id}/evaluate`],
    ['GET', (id) => `/api/v1/deals/${id}/revisions`],
    ['GET', (id) => `/api/v1/deals/${id}/revisions/1`],
    ['GET', (id) => `/api/v1/deals/${id}/scenarios`],
    ['POST', (id) => `/api/v1/deals/${id}/scenarios`, { name: 's', overrides: {} }],
    ['GET', (id) => `/api/v1/deals/${id}/scenarios/${scenarioId}`],
    ['POST', (id) => `/api/v1/deals/${id}/scenarios/${scenarioId}/evaluate`],
    ['GET', (id) => `/api/v1/deals/${id}/shares`],
    ['POST', (id) => `/api/v1/deals/${id}/shares`, { organisation: 'another-soe' }],
    ['DELETE', (id) => `/api/v1/deals/${id}/shares/policy-bank`],
    ['POST', (id) => `/api/v1/deals/${id}/solve`, {}],
    ['POST', (id) => `/api/v1/deals/${id}/sensitivity`, {}],
    ['POST', (id) => `/api/v1/deals/${id}/stress`, {}],
    ['POST', (id) => `/api/v1/deals/${id}/simulate`, { draws: 10 }],
    ['GET', (id) => `/api/v1/deals/${id}/term-sheet.xlsx`],
  ];

  it.each(dealProbes)('%s a deal: the same 404 for one that exists and one that does not (%s)', async (method, path, body) => {
    const [existing, missing] = await probe(method, path, dealId, body);
    expect(existing!.status).toBe(404);
    expect(existing).toEqual(missing);
  });

  it('a scenario of a deal it cannot see: the same 404 whether the scenario exists or not', async () => {
    const [existing, missing] = await probe('GET', (id) => `/api/v1/deals/${dealId}/scenarios/${id}`, scenarioId);
    expect(existing!.status).toBe(404);
    expect(existing).toEqual(missing);
  });

  const portfolioProbes: [string, (id: string) => string, unknown?][] = [
    ['GET', (id) => `/api/v1/portfolios/${id}`],
    ['PUT', (id) => `/api/v1/portfolios/${id}`, { name: '片区', members: [{ dealId }] }],
    ['DELETE', (id) => `/api/v1/portfolios/${id}`],
    ['POST', (id) => `/api/v1/portfolios/${id}/evaluate`],
    ['GET', (id) => `/api/v1/portfolios/${id}/term-sheet.xlsx`],
    ['GET', (id) => `/api/v1/portfolios/${id}/shares`],
    ['POST', (id) => `/api/v1/portfolios/${id}/shares`, { organisation: 'another-soe' }],
    ['DELETE', (id) => `/api/v1/portfolios/${id}/shares/policy-bank`],
  ];

  it.each(portfolioProbes)('%s a portfolio: the same 404 for one that exists and one that does not (%s)', async (method, path, body) => {
    const [existing, missing] = await probe(method, path, portfolioId, body);
    expect(existing!.status).toBe(404);
    expect(existing).toEqual(missing);
  });
});

describe('a share naming an organisation', () => {
  const shareWith = async (organisation: string) => {
    const reply = await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation } });
    return { status: reply.status, keys: Object.keys(reply.body), organisation: reply.body.organisation };
  };

  it('answers an organisation that exists and one that does not the same way (201, the share)', async () => {
    expect(await shareWith('another-soe')).toEqual({ status: 201, keys: ['organisation', 'createdAt'], organisation: 'another-soe' });
    expect(await shareWith('not-yet-a-customer')).toEqual({ status: 201, keys: ['organisation', 'createdAt'], organisation: 'not-yet-a-customer' });
    // Again: 200 for both, the share already there.
    expect((await shareWith('another-soe')).status).toBe(200);
    expect((await shareWith('not-yet-a-customer')).status).toBe(200);
    const listed = await t.call('GET', `/api/v1/deals/${dealId}/shares`, { key: 'modeler' });
    expect(listed.body.items.map((s: { organisation: string }) => s.organisation).sort()).toEqual(['another-soe', 'not-yet-a-customer', 'policy-bank']);
  });

  it('lets the organisation so named see the deal once it has a key, and withdraws it for both alike', async () => {
    const { key } = await createKeyForOrganisation(t.db, { organisation: 'not-yet-a-customer', role: 'reviewer', at: new Date().toISOString(), apiKeySecret: TEST_API_KEY_SECRET });
    const seen = await t.app.request(`/api/v1/deals/${dealId}`, { headers: { Authorization: `Bearer ${key}` } });
    expect(seen.status).toBe(200);
    for (const name of ['not-yet-a-customer', 'another-soe']) expect((await t.call('DELETE', `/api/v1/deals/${dealId}/shares/${name}`, { key: 'modeler' })).status).toBe(204);
    // Unsharing a name never shared, known or not: the same 404.
    const unknown = await t.call('DELETE', `/api/v1/deals/${dealId}/shares/nobody-at-all`, { key: 'modeler' });
    const known = await t.call('DELETE', `/api/v1/deals/${dealId}/shares/another-soe`, { key: 'modeler' });
    expect([unknown.status, unknown.body.code]).toEqual([known.status, known.body.code]);
    expect(unknown.status).toBe(404);
  });

  it('refuses a name that could not be an organisation\'s (a "/", a lone surrogate) with 422 at organisation', async () => {
    for (const organisation of ['a/b', 'bad\ud800name']) {
      const reply = await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation } });
      expect([reply.status, reply.body.errors?.[0]?.path]).toEqual([422, 'organisation']);
    }
  });
});
