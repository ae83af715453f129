import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, listErrors, readTemplate, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ bodyLimitBytes: 2 * 1024 * 1024 });
});
afterEach(() => t.close());

const PROBLEM_JSON = 'application/problem+json; charset=UTF-8';
const json = { 'Content-Type': 'application/json' };

describe('malformed requests get 4xx problem+json, never a 500', () => {
  it('malformed JSON: 400 on every kind of route', async () => {
    for (const path of ['/api/v1/evaluate', '/api/v1/deals', '/api/v1/deals/x/scenarios']) {
      const reply = await t.call('POST', path, { rawBody: '{"name": "未闭合', headers: json });
      expect({ path, status: reply.status, code: reply.body.code, type: reply.headers.get('content-type') }).toEqual({ path, status: 400, code: 'MALFORMED_JSON', type: PROBLEM_JSON });
    }
    const empty = await t.call('POST', '/api/v1/evaluate', { rawBody: '', headers: { ...json, 'Accept-Language': 'en' } });
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toBe('The request body is not valid JSON: the body is empty.');
  });

  it('a body that is not JSON: 415', async () => {
    for (const path of ['/api/v1/evaluate', '/api/v1/deals']) {
      const reply = await t.call('POST', path, { rawBody: 'name=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
      expect(reply.status).toBe(415);
      expect(reply.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    const deal = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'lugu-package' } });
    const scenario = await t.call('POST', `/api/v1/deals/${deal.body.id}/scenarios`, { rawBody: '{"name":"x","overrides":{}}', headers: { 'Content-Type': 'text/plain' } });
    expect(scenario.status).toBe(415);
  });

  it('JSON that is not an object: 422 at the root', async () => {
    for (const body of ['[]', 'null', '"deal"', '42']) {
      const reply = await t.call('POST', '/api/v1/evaluate', { rawBody: body, headers: json });
      expect(reply.status).toBe(422);
      expect(reply.body.errors[0]).toMatchObject({ path: '', code: 'INVALID_TYPE' });
    }
  });

  it('wrong types and absurd values: 422 naming every field, in Chinese by default', async () => {
    const deal = readTemplate('fuzhou-gulou-25y');
    deal.name = 42;
    deal.timeline = { ...deal.timeline, startYear: -2026, constructionYears: -1, operatingYears: 1e9 };
    deal.capex[0].amount = 1e30;
    deal.capex[1].amount = '-5';
    deal.discountRate = 'six percent';
    deal.scope.households = 1.5;
    const reply = await t.call('POST', '/api/v1/evaluate', { body: deal });
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ title: '校验未通过', code: 'VALIDATION_FAILED', type: '/problems/validation-failed' });
    expect(listErrors(reply)).toEqual([
      'capex[0].amount OUT_OF_RANGE',
      'capex[1].amount OUT_OF_RANGE',
      'discountRate INVALID_FORMAT',
      'name INVALID_TYPE',
      'scope.households INVALID_TYPE',
      'timeline.constructionYears TOO_SMALL',
      'timeline.operatingYears TOO_BIG',
      'timeline.startYear TOO_SMALL',
    ]);
    const amount = reply.body.errors.find((e: { path: string }) => e.path === 'capex[0].amount');
    expect(amount.message).toBe(`应在 0 与 1000000000000 之间，实际为 1${'0'.repeat(30)}`);
    const years = reply.body.errors.find((e: { path: string }) => e.path === 'timeline.constructionYears');
    expect(years.message).toBe('应为 1 到 5 之间的整数（must be a number of construction years: a whole number from 1 to 5）');
  });

  it('the same problems in English with Accept-Language: en', async () => {
    const deal = { ...readTemplate('lugu-package'), discountRate: 6, colour: 'red' };
    const reply = await t.call('POST', '/api/v1/evaluate', { body: deal, headers: { 'Accept-Language': 'en-GB,en;q=0.9,zh;q=0.5' } });
    expect(reply.headers.get('content-language')).toBe('en');
    expect(reply.body.title).toBe('Validation failed');
    expect(reply.body.errors).toEqual([
      { code: 'OUT_OF_RANGE', path: 'discountRate', message: 'must be between 0 and 1; got 6' },
      { code: 'UNKNOWN_FIELD', path: 'colour', message: 'unknown field "colour"' },
    ]);
  });

  it('numbers beyond a double (1e400) are refused, not turned into Infinity', async () => {
    const text = `{"discountRate":1e400,${JSON.stringify(readTemplate('lugu-package')).slice(1)}`;
    const reply = await t.call('POST', '/api/v1/evaluate', { rawBody: text, headers: json });
    expect(reply.status).toBe(422);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toEqual(['discountRate']);
  });

  it('10,000 capex items: 422 saying the list is too long, promptly', async () => {
    const deal = readTemplate('fuzhou-gulou-25y');
    deal.capex = Array.from({ length: 10_000 }, (_, i) => ({ ...deal.capex[0], id: `item-${i}` }));
    const started = Date.now();
    const reply = await t.call('POST', '/api/v1/evaluate', { body: deal, headers: { 'Accept-Language': 'en' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reply.status).toBe(422);
    // Refused on the length alone, before any item is parsed (issue 12).
    expect(reply.body.errors).toEqual([{ code: 'TOO_BIG', path: 'capex', message: 'has 10000 elements; at most 500 are allowed' }]);
  });

  it('a 50 MB body: 413 whether it announces its length or streams without one', async () => {
    const huge = `{"name":"${'x'.repeat(50 * 1024 * 1024)}"}`;
    const announced = await t.call('POST', '/api/v1/evaluate', { rawBody: huge, headers: { ...json, 'Content-Length': String(huge.length) } });
    expect(announced.status).toBe(413);
    expect(announced.body).toMatchObject({ code: 'BODY_TOO_LARGE', detail: '请求体超过 2097152 字节的上限。' });

    const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 50) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await t.app.request('/api/v1/deals', { method: 'POST', body: stream, headers: { ...json, Authorization: `Bearer ${t.keys.admin}` }, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(50);
  });

  it('JSON nested 100,000 deep: 400 JSON_TOO_DEEP before parsing, in a deal and in scenario overrides', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const asDeal = await t.call('POST', '/api/v1/evaluate', { rawBody: `{"name":${deep}}`, headers: json });
    expect(asDeal.status).toBe(400);
    expect(asDeal.body.code).toBe('JSON_TOO_DEEP');
    const deal = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'lugu-package' } });
    const overrides = await t.call('POST', `/api/v1/deals/${deal.body.id}/scenarios`, { rawBody: `{"name":"deep","overrides":{"meta":${deep}}}`, headers: json });
    expect(overrides.status).toBe(400);
    expect(overrides.body.errors[0].code).toBe('JSON_TOO_DEEP');
  });

  it('bad query values: 400 naming each', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-13-45', { body: readTemplate('lugu-package') });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'INVALID_REQUEST', errors: [{ path: 'asOf', code: 'INVALID_FORMAT' }] });
  });
});

describe('unknown routes and unexpected failures', () => {
  it('unknown routes and methods: 404 problem+json', async () => {
    for (const [method, path] of [['GET', '/nowhere'], ['GET', '/api/v1/nowhere'], ['PATCH', '/api/v1/deals'], ['GET', '/problems/no-such-problem']] as const) {
      const reply = await t.call(method, path);
      expect({ path, status: reply.status, code: reply.body.code, type: reply.headers.get('content-type') }).toEqual({ path, status: 404, code: 'ROUTE_NOT_FOUND', type: PROBLEM_JSON });
    }
  });

  it('a failure inside: 500 problem+json that tells nothing internal, and a log line', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    t.close();
    const reply = await t.call('GET', '/api/v1/deals', { key: null, headers: { Authorization: 'Bearer rcp_whatever', 'Accept-Language': 'en' } });
    expect(reply.status).toBe(500);
    expect(reply.body).toEqual({
      type: '/problems/internal-error', title: 'Internal server error', status: 500, code: 'INTERNAL_ERROR',
      detail: 'The service failed to answer; the error has been logged.', instance: '/api/v1/deals', errors: [],
    });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    t = await createTestApp();
  });
});
