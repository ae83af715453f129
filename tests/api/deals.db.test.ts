import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditLog } from '../../src/db/audit-log.js';
import { findPrincipalByKey } from '../../src/db/api-keys.js';
import { createTestApp, readTemplate, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function createFromTemplate(template = 'fuzhou-gulou-25y', name?: string) {
  const reply = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template, ...(name ? { name } : {}) } });
  expect(reply.status).toBe(201);
  return reply;
}

describe('POST /api/v1/deals', () => {
  it('creates revision 1 from a template, renamed, with ETag and Location', async () => {
    const reply = await createFromTemplate('fuzhou-gulou-25y', '鼓楼试点');
    expect(reply.headers.get('etag')).toBe('"1"');
    expect(reply.headers.get('location')).toBe(`/api/v1/deals/${reply.body.id}`);
    expect(reply.body).toMatchObject({ name: '鼓楼试点', owner: 'fuzhou-soe', access: 'owner', revision: 1, archivedAt: null });
    expect(reply.body.id).toMatch(/^deal_[0-9a-f]{16}$/);
    expect(reply.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(reply.body.deal.timeline.operatingYears).toBe(25);
    expect(reply.body.author).toBe((await findPrincipalByKey(t.db, t.keys.modeler, TEST_API_KEY_SECRET))?.keyId);
  });

  it('creates a deal from a body and stores it with defaults filled in', async () => {
    const input = readTemplate('xiangtan-heping');
    delete input.discountRate;
    const reply = await t.call('POST', '/api/v1/deals', { key: 'admin', body: input });
    expect(reply.status).toBe(201);
    expect(reply.body.deal.discountRate).toBe('0.06');
    expect(reply.body.name).toBe(input.name);
  });

  it('answers 422 naming the field for an unknown template or a bad template request', async () => {
    const unknown = await t.call('POST', '/api/v1/deals', { body: { template: 'atlantis' }, headers: { 'Accept-Language': 'en' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'template', code: 'UNKNOWN_TEMPLATE', message: 'no template "atlantis"; GET /api/v1/templates lists them' }]);
    const bad = await t.call('POST', '/api/v1/deals', { body: { template: 7, colour: 'red' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['colour UNKNOWN_FIELD', 'template INVALID_TYPE']);
  });
});

describe('GET /api/v1/deals', () => {
  it('pages the deals, most recently changed first, and leaves archived ones out unless asked', async () => {
    const ids: string[] = [];
    for (const template of ['lugu-package', 'shenzhen-elevator', 'xiangtan-heping']) {
      ids.push((await createFromTemplate(template)).body.id);
      t.advanceClock(60_000);
    }
    const all = await t.call('GET', '/api/v1/deals?limit=2', { key: 'reviewer' });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    const rest = await t.call('GET', '/api/v1/deals?limit=2&offset=2', { key: 'reviewer' });
    expect([...all.body.items, ...rest.body.items].map((d: { id: string }) => d.id)).toEqual([...ids].reverse());

    expect((await t.call('DELETE', `/api/v1/deals/${ids[0]}`, { key: 'modeler' })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/deals')).body.total).toBe(2);
    const withArchived = await t.call('GET', '/api/v1/deals?includeArchived=true');
    expect(withArchived.body.total).toBe(3);
    expect(withArchived.body.items.find((d: { id: string }) => d.id === ids[0]).archivedAt).toBe('2026-03-01T02:03:00.000Z');
  });

  it('answers 400 naming the parameter for a bad page', async () => {
    const reply = await t.call('GET', '/api/v1/deals?limit=1000&offset=-1&includeArchived=yes', { headers: { 'Accept-Language': 'en' } });
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe('INVALID_REQUEST');
    expect(reply.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['includeArchived', 'limit', 'offset']);
  });
});

describe('PUT /api/v1/deals/:id (versioned)', () => {
  it('makes revision 2 from If-Match "1", keeps revision 1 readable, and says 412 to a stale If-Match', async () => {
    const created = await createFromTemplate();
    const id = created.body.id;
    const edited = { ...created.body.deal, discountRate: '0.08' };
    const put = await t.call('PUT', `/api/v1/deals/${id}`, { key: 'modeler', body: edited, headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"2"');
    expect(put.body).toMatchObject({ revision: 2, deal: { discountRate: '0.08' } });
    expect(put.body.contentHash).not.toBe(created.body.contentHash);

    const stale = await t.call('PUT', `/api/v1/deals/${id}`, { key: 'modeler', body: { ...edited, discountRate: '0.05' }, headers: { 'If-Match': '"1"', 'Accept-Language': 'en' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json; charset=UTF-8');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(stale.body).toMatchObject({ code: 'STALE_REVISION', status: 412, title: 'Stale revision', type: '/problems/stale-revision' });
    expect(stale.body.detail).toContain('revision 2, not 1');
    // The precondition comes first: a stale edit is 412 even when its body is also invalid.
    expect((await t.call('PUT', `/api/v1/deals/${id}`, { key: 'modeler', body: {}, headers: { 'If-Match': '"1"' } })).status).toBe(412);

    const history = await t.call('GET', `/api/v1/deals/${id}/revisions`, { key: 'reviewer' });
    expect(history.body.items.map((r: { revision: number }) => r.revision)).toEqual([1, 2]);
    const first = await t.call('GET', `/api/v1/deals/${id}/revisions/1`, { key: 'reviewer' });
    expect(first.body).toMatchObject({ dealId: id, revision: 1, contentHash: created.body.contentHash, deal: { discountRate: '0.06' } });
    const second = await t.call('GET', `/api/v1/deals/${id}/revisions/2`, { key: 'reviewer' });
    expect(second.body.deal.discountRate).toBe('0.08');
    expect((await t.call('GET', `/api/v1/deals/${id}/revisions/3`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/deals/${id}`)).headers.get('etag')).toBe('"2"');
  });

  it('needs If-Match (428), a well-formed one (400), and a valid deal (422, every field)', async () => {
    const { body } = await createFromTemplate();
    const url = `/api/v1/deals/${body.id}`;
    const missing = await t.call('PUT', url, { body: body.deal });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
    const malformed = await t.call('PUT', url, { body: body.deal, headers: { 'If-Match': 'yesterday' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0]).toMatchObject({ path: 'If-Match', code: 'INVALID_FORMAT' });
    const invalid = await t.call('PUT', url, { body: { ...body.deal, discountRate: 6, timeline: { ...body.deal.timeline, constructionYears: -2 } }, headers: { 'If-Match': '"1"' } });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual(['discountRate OUT_OF_RANGE', 'timeline.constructionYears TOO_SMALL']);
    expect((await t.call('GET', `${url}/revisions`)).body.items).toHaveLength(1);
  });

  it('makes no revision when the body equals the current one', async () => {
    const { body } = await createFromTemplate();
    const put = await t.call('PUT', `/api/v1/deals/${body.id}`, { body: body.deal, headers: { 'If-Match': 'W/"1"' } });
    expect(put.status).toBe(200);
    expect(put.body.revision).toBe(1);
    expect((await t.call('GET', `/api/v1/deals/${body.id}/revisions`)).body.items).toHaveLength(1);
  });

  it('takes no change once archived (409), but still reads and evaluates it', async () => {
    const { body } = await createFromTemplate();
    const url = `/api/v1/deals/${body.id}`;
    expect((await t.call('DELETE', url)).status).toBe(204);
    expect((await t.call('DELETE', url)).status).toBe(204);
    const put = await t.call('PUT', url, { body: { ...body.deal, discountRate: '0.07' }, headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('DEAL_ARCHIVED');
    expect((await t.call('GET', url)).body.archivedAt).not.toBeNull();
    expect((await t.call('POST', `${url}/evaluate`)).status).toBe(200);
  });

  it('records every change in the audit log, readable by an admin', async () => {
    const { body } = await createFromTemplate();
    await t.call('PUT', `/api/v1/deals/${body.id}`, { body: { ...body.deal, discountRate: '0.07' }, headers: { 'If-Match': '"1"' } });
    await t.call('DELETE', `/api/v1/deals/${body.id}`);
    const log = await t.call('GET', '/api/v1/audit-log?limit=3');
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string; subjectId: string }) => `${e.action} ${e.subjectId === body.id}`)).toEqual(['deal.archived true', 'deal.revised true', 'deal.created true']);
    expect((await t.call('GET', '/api/v1/audit-log', { key: 'modeler' })).status).toBe(403);
    expect((await listAuditLog(t.db, (await findPrincipalByKey(t.db, t.keys.admin, TEST_API_KEY_SECRET))!.organisationId, { limit: 100, offset: 0 })).total).toBeGreaterThan(3);
  });
});

describe('POST /api/v1/deals/:id/evaluate', () => {
  it('evaluates the current revision or a named one, caching by content hash', async () => {
    const created = await createFromTemplate();
    const id = created.body.id;
    await t.call('PUT', `/api/v1/deals/${id}`, { body: { ...created.body.deal, discountRate: '0.08' }, headers: { 'If-Match': '"1"' } });

    const current = await t.call('POST', `/api/v1/deals/${id}/evaluate`, { key: 'reviewer' });
    expect(current.status).toBe(200);
    expect(current.headers.get('evaluation-cache')).toBe('miss');
    expect(current.body.source).toMatchObject({ dealId: id, revision: 2 });
    expect(current.body.asOf).toBe('2026-03-01');
    expect(current.body.metrics.discountRate).toBe('0.0800000000');
    for (const name of ['projectIrrPreTax', 'projectIrrAfterTax', 'projectNpvAfterTax', 'paybackStaticYears', 'paybackDynamicYears']) {
      expect(current.body.metrics).toHaveProperty(name);
    }
    expect(current.body.statements.projectCashFlow.rows[0].values).toHaveLength(27);
    expect(current.body.problems).toEqual([]);

    const first = await t.call('POST', `/api/v1/deals/${id}/evaluate?revision=1&asOf=2026-03-01`, { key: 'budget' });
    expect(first.body.source.revision).toBe(1);
    expect(first.body.metrics.discountRate).toBe('0.0600000000');
    expect(first.body.metrics.projectNpvAfterTax).not.toBe(current.body.metrics.projectNpvAfterTax);

    const again = await t.call('POST', `/api/v1/deals/${id}/evaluate`, { key: 'admin' });
    expect(again.headers.get('evaluation-cache')).toBe('hit');
    expect(again.body).toEqual(current.body);
    expect((await t.call('POST', `/api/v1/deals/${id}/evaluate?asOf=2027-01-01`)).headers.get('evaluation-cache')).toBe('miss');
  });

  it('answers 404 for a revision that does not exist and 400 for a bad one', async () => {
    const { body } = await createFromTemplate();
    expect((await t.call('POST', `/api/v1/deals/${body.id}/evaluate?revision=9`)).status).toBe(404);
    const bad = await t.call('POST', `/api/v1/deals/${body.id}/evaluate?revision=0&asOf=2026-02-30`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['asOf', 'revision']);
  });
});
