import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type KeyName, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let dealId: string;
let dealBody: Record<string, unknown>;
beforeEach(async () => {
  t = await createTestApp();
  const created = await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'shenzhen-elevator' } });
  dealId = created.body.id;
  dealBody = created.body.deal;
});
afterEach(() => t.close());

describe('keys', () => {
  it('answers 401 with a challenge without a key, or with an unknown one', async () => {
    const none = await t.call('GET', '/api/v1/deals', { key: null, headers: { 'Accept-Language': 'en' } });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="api"');
    expect(none.body).toMatchObject({ code: 'UNAUTHORIZED', title: 'Unauthorized' });
    const wrong = await t.call('GET', '/api/v1/deals', { key: null, headers: { Authorization: 'Bearer rcp_not-a-key' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe('API 密钥不存在、已被吊销或已过期。');
    const basic = await t.call('GET', '/api/v1/me', { key: null, headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
    expect(basic.status).toBe(401);
  });

  it('needs no key for /health, /openapi.json and /docs', async () => {
    for (const path of ['/health', '/openapi.json', '/docs']) expect((await t.call('GET', path, { key: null })).status).toBe(200);
  });

  it('tells a key its organisation and role', async () => {
    expect((await t.call('GET', '/api/v1/me', { key: 'bankReviewer' })).body).toMatchObject({ organisation: 'policy-bank', role: 'reviewer' });
  });
});

describe('roles (DESIGN.md "HTTP contract")', () => {
  it.each<[KeyName, number]>([
    ['admin', 201],
    ['modeler', 201],
    ['reviewer', 403],
    ['budget', 403],
  ])('lets %s create a deal: %i', async (key, status) => {
    const reply = await t.call('POST', '/api/v1/deals', { key, body: { template: 'lugu-package' }, headers: { 'Accept-Language': 'en' } });
    expect(reply.status).toBe(status);
    if (status === 403) expect(reply.body).toMatchObject({ code: 'FORBIDDEN_ROLE', detail: `This needs a key with the role admin or modeler; yours is ${key}.` });
  });

  it('lets reviewers and budget read and evaluate their organisation\'s deals but not change them', async () => {
    for (const key of ['reviewer', 'budget'] as const) {
      expect((await t.call('GET', `/api/v1/deals/${dealId}`, { key })).status).toBe(200);
      expect((await t.call('POST', `/api/v1/deals/${dealId}/evaluate`, { key })).status).toBe(200);
      expect((await t.call('POST', '/api/v1/evaluate', { key, body: dealBody })).status).toBe(200);
      expect((await t.call('PUT', `/api/v1/deals/${dealId}`, { key, body: dealBody, headers: { 'If-Match': '"1"' } })).status).toBe(403);
      expect((await t.call('DELETE', `/api/v1/deals/${dealId}`, { key })).status).toBe(403);
      expect((await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key, body: { name: 's', overrides: {} } })).status).toBe(403);
      expect((await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key, body: { organisation: 'policy-bank' } })).status).toBe(403);
    }
  });
});

describe('organisations', () => {
  const paths = () => [
    ['GET', `/api/v1/deals/${dealId}`],
    ['PUT', `/api/v1/deals/${dealId}`],
    ['DELETE', `/api/v1/deals/${dealId}`],
    ['POST', `/api/v1/deals/${dealId}/evaluate`],
    ['GET', `/api/v1/deals/${dealId}/revisions`],
    ['GET', `/api/v1/deals/${dealId}/revisions/1`],
    ['GET', `/api/v1/deals/${dealId}/scenarios`],
    ['POST', `/api/v1/deals/${dealId}/scenarios`],
    ['GET', `/api/v1/deals/${dealId}/shares`],
    ['POST', `/api/v1/deals/${dealId}/shares`],
  ] as const;

  it('hides another organisation\'s deal behind 404, even from its admin', async () => {
    for (const [method, path] of paths()) {
      const body = method === 'PUT' ? dealBody : method === 'POST' && path.endsWith('scenarios') ? { name: 's', overrides: {} } : method === 'POST' && path.endsWith('shares') ? { organisation: 'another-soe' } : undefined;
      const reply = await t.call(method, path, { key: 'strangerAdmin', body, headers: { 'If-Match': '"1"' } });
      expect({ method, path, status: reply.status, code: reply.body.code }).toEqual({ method, path, status: 404, code: 'NOT_FOUND' });
    }
    expect((await t.call('GET', '/api/v1/deals', { key: 'strangerAdmin' })).body.total).toBe(0);
  });

  it('shows a shared deal read-only to the organisation it is shared with, until unshared', async () => {
    const share = await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    expect(share.status).toBe(201);
    expect(share.body).toEqual({ organisation: 'policy-bank', createdAt: '2026-03-01T02:00:00.000Z' });
    expect((await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } })).status).toBe(200);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/shares`, { key: 'reviewer' })).body.items).toEqual([share.body]);

    const listed = await t.call('GET', '/api/v1/deals', { key: 'bankReviewer' });
    expect(listed.body.items).toEqual([expect.objectContaining({ id: dealId, access: 'shared', owner: 'fuzhou-soe' })]);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/revisions/1`, { key: 'bankReviewer' })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/deals/${dealId}/evaluate`, { key: 'bankReviewer' })).status).toBe(200);

    // Even a modeler of the bank may not change what was shared with it.
    const put = await t.call('PUT', `/api/v1/deals/${dealId}`, { key: 'bankModeler', body: dealBody, headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('READ_ONLY_SHARE');
    expect((await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key: 'bankModeler', body: { name: 's', overrides: {} } })).body.code).toBe('READ_ONLY_SHARE');
    expect((await t.call('GET', `/api/v1/deals/${dealId}/shares`, { key: 'bankModeler' })).status).toBe(403);
    expect((await t.call('GET', `/api/v1/deals/${dealId}`, { key: 'strangerAdmin' })).status).toBe(404);

    expect((await t.call('DELETE', `/api/v1/deals/${dealId}/shares/policy-bank`, { key: 'admin' })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/deals/${dealId}`, { key: 'bankReviewer' })).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/deals/${dealId}/shares/policy-bank`, { key: 'admin' })).status).toBe(404);
  });

  it('shares with an organisation not known yet as with any other (no existence oracle), and refuses the owner itself (422)', async () => {
    const unknown = await t.call('POST', `/api/v1/deals/${dealId}/shares`, { body: { organisation: 'nobody' } });
    expect(unknown.status).toBe(201);
    expect(unknown.body).toEqual({ organisation: 'nobody', createdAt: '2026-03-01T02:00:00.000Z' });
    const self = await t.call('POST', `/api/v1/deals/${dealId}/shares`, { body: { organisation: 'fuzhou-soe' } });
    expect(self.body.errors[0].code).toBe('OWN_ORGANISATION');
  });
});
