import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveLinkSecret, readLinkGrant, signLinkGrant } from '../../src/api/term-sheet-links/link-token.js';
import { createTestApp, NOW, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HOUR_MS = 60 * 60 * 1000;
/** The test world's link secret: none configured, so derived from its key secret as createApp does. */
const LINK_SECRET = deriveLinkSecret(TEST_API_KEY_SECRET);

let t: TestApp;
let dealId: string;
beforeEach(async () => {
  t = await createTestApp();
  dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y', name: '鼓楼试点' } })).body.id;
});
afterEach(() => t.close());

/** Open a link as a browser would: no Authorization header, only the URL's path. */
async function open(url: string, headers: Record<string, string> = {}) {
  const response = await t.app.request(new URL(url).pathname, { headers });
  const type = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, type, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
}

const tokenOf = (url: string) => url.split('/').at(-1) as string;
const keyIdOf = async (key: 'reviewer' | 'modeler' | 'admin' | 'bankReviewer') => (await t.call('GET', '/api/v1/me', { key })).body.keyId as string;
const makeLink = async (key: 'reviewer' | 'modeler' | 'admin' | 'bankReviewer', body: Record<string, unknown> = {}) => {
  const made = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key, body });
  expect(made.status).toBe(201);
  return made.body as { id: string; url: string; expiresAt: string };
};
const auditOf = async (action: string) => ((await t.call('GET', '/api/v1/audit-log?limit=100', { key: 'admin' })).body.items as { action: string; subjectId: string; actorKeyId: string; detail: Record<string, unknown> }[]).filter((e) => e.action === action);

describe('DELETE /api/v1/term-sheet-links/{id}', () => {
  it('stops one link at once (410 LINK_REVOKED) while the key and its other links keep working, and records it once', async () => {
    const first = await makeLink('reviewer');
    const second = await makeLink('reviewer');
    expect(first.id).toMatch(/^lnk_[0-9a-f]{16}$/);
    expect(readLinkGrant(tokenOf(first.url), LINK_SECRET)?.linkId).toBe(first.id); // the id is inside what is signed
    expect((await open(first.url)).status).toBe(200);

    t.advanceClock(5 * 60 * 1000); // revoked at 02:05Z, five minutes after it was made
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${first.id}`, { key: 'reviewer' })).status).toBe(204);
    const revoked = await open(first.url);
    expect(revoked.status).toBe(410);
    expect(revoked.type).toContain('application/problem+json');
    expect(revoked.body).toMatchObject({ status: 410, code: 'LINK_REVOKED', type: '/problems/link-revoked' });
    expect(revoked.body.detail).toContain('2026-03-01T02:05:00.000Z');

    expect((await open(second.url)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', { key: 'reviewer' })).status).toBe(200);

    // Revoking again changes nothing and is no error.
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${first.id}`, { key: 'reviewer' })).status).toBe(204);
    const reviewerKeyId = await keyIdOf('reviewer');
    const entries = await auditOf('term-sheet-link.revoked');
    expect(entries).toEqual([expect.objectContaining({ subjectId: first.id, actorKeyId: reviewerKeyId, detail: { deal: dealId, revision: 1, scenario: null, createdBy: reviewerKeyId, expiresAt: first.expiresAt } })]);
    expect((await auditOf('term-sheet-link.created')).map((e) => e.detail.link).sort()).toEqual([first.id, second.id].sort());
  });

  it('takes the link\'s token (the last part of its URL) as well as its id', async () => {
    const link = await makeLink('reviewer');
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${tokenOf(link.url)}`, { key: 'admin' })).status).toBe(204);
    expect((await open(link.url)).body).toMatchObject({ code: 'LINK_REVOKED' });
  });

  it('lets only the key that made the link or an admin of its organisation revoke it; other organisations get 404', async () => {
    await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    const own = await makeLink('reviewer');
    const bank = await makeLink('bankReviewer');

    const colleague = await t.call('DELETE', `/api/v1/term-sheet-links/${own.id}`, { key: 'modeler' });
    expect(colleague.status).toBe(403);
    expect(colleague.body).toMatchObject({ code: 'LINK_OF_ANOTHER_KEY' });
    for (const key of ['admin', 'strangerAdmin', 'modeler'] as const) {
      const reply = await t.call('DELETE', `/api/v1/term-sheet-links/${bank.id}`, { key });
      expect(reply.status, key).toBe(404);
      expect(reply.body, key).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${tokenOf(bank.url)}`, { key: 'admin' })).status).toBe(404);
    expect((await open(bank.url)).status).toBe(200);
    expect((await open(own.url)).status).toBe(200);

    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${own.id}`, { key: 'admin' })).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${bank.id}`, { key: 'bankReviewer' })).status).toBe(204);
    expect((await open(bank.url)).body).toMatchObject({ code: 'LINK_REVOKED' });

    // Unknown ids, altered tokens and no key.
    expect((await t.call('DELETE', '/api/v1/term-sheet-links/lnk_0000000000000000', { key: 'admin' })).status).toBe(404);
    const token = tokenOf(own.url);
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${token.slice(0, -1)}${token.at(-1) === 'A' ? 'B' : 'A'}`, { key: 'admin' })).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${own.id}`, { key: null })).status).toBe(401);
  });

  it('says how to stop a link made before links had an id (409), and still opens it until then', async () => {
    const reviewerKeyId = await keyIdOf('reviewer');
    const expiresAtMs = NOW.getTime() + 24 * HOUR_MS;
    const legacy = signLinkGrant({ keyId: reviewerKeyId, dealId, revision: 1, asOf: '2026-03-01', expiresAtMs }, LINK_SECRET);
    expect((await open(`http://localhost/api/v1/term-sheet-links/${legacy}`)).status).toBe(200);
    const reply = await t.call('DELETE', `/api/v1/term-sheet-links/${legacy}`, { key: 'admin' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ code: 'LINK_NOT_REVOCABLE' });
    expect(reply.body.detail).toContain('2026-03-02T02:00:00.000Z');
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${legacy}`, { key: 'strangerAdmin' })).status).toBe(404);
  });

  it('binds the id to the key that made the link: a grant naming another key or an unknown id does not open', async () => {
    const link = await makeLink('reviewer');
    const grant = readLinkGrant(tokenOf(link.url), LINK_SECRET)!;
    const otherKey = signLinkGrant({ ...grant, keyId: await keyIdOf('modeler') }, LINK_SECRET);
    const unknownId = signLinkGrant({ ...grant, linkId: 'lnk_0000000000000000' }, LINK_SECRET);
    for (const token of [otherKey, unknownId]) expect((await open(`http://localhost/api/v1/term-sheet-links/${token}`)).body).toMatchObject({ status: 403, code: 'LINK_INVALID' });
  });
});

describe('GET /api/v1/term-sheet-links', () => {
  it('lists the organisation\'s live links for an admin, a key\'s own for others, never their URL', async () => {
    const a = await makeLink('reviewer', { expiresInSeconds: 3600 });
    t.advanceClock(1000);
    const b = await makeLink('modeler', { include: 'stress' });
    t.advanceClock(1000);
    const c = await makeLink('reviewer');
    const other = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
    t.advanceClock(1000);
    const d = (await t.call('POST', `/api/v1/deals/${other}/term-sheet-links`, { key: 'admin' })).body;

    const all = await t.call('GET', '/api/v1/term-sheet-links', { key: 'admin' });
    expect(all.status).toBe(200);
    expect(all.body.items.map((l: { id: string }) => l.id)).toEqual([d.id, c.id, b.id, a.id]); // newest first
    expect(all.body).toMatchObject({ total: 4, limit: 20, offset: 0 });
    expect(all.body.items[2]).toEqual({
      id: b.id, dealId, revision: 1, scenario: null, include: ['stress'], asOf: '2026-03-01',
      createdAt: '2026-03-01T02:00:01.000Z', createdByKeyId: await keyIdOf('modeler'), createdByLabel: null,
      expiresAt: '2026-03-02T02:00:01.000Z', revokedAt: null, status: 'active',
    });
    expect(JSON.stringify(all.body)).not.toContain('v1.'); // no token in the list

    const own = await t.call('GET', '/api/v1/term-sheet-links', { key: 'reviewer' });
    expect(own.body.items.map((l: { id: string }) => l.id)).toEqual([c.id, a.id]);
    expect((await t.call('GET', `/api/v1/term-sheet-links?deal=${other}`, { key: 'admin' })).body.items.map((l: { id: string }) => l.id)).toEqual([d.id]);
    expect((await t.call('GET', '/api/v1/term-sheet-links?limit=1&offset=1', { key: 'admin' })).body).toMatchObject({ total: 4, items: [{ id: c.id }] });
    expect((await t.call('GET', '/api/v1/term-sheet-links', { key: 'strangerAdmin' })).body).toMatchObject({ total: 0, items: [] });

    // a expires at 03:00Z (made at 02:00Z for an hour); c is revoked; revoking a, now expired, changes nothing.
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${c.id}`, { key: 'admin' })).status).toBe(204);
    t.advanceClock(HOUR_MS);
    expect((await t.call('DELETE', `/api/v1/term-sheet-links/${a.id}`, { key: 'admin' })).status).toBe(204);
    expect(await auditOf('term-sheet-link.revoked')).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/term-sheet-links', { key: 'admin' })).body.items.map((l: { id: string }) => l.id)).toEqual([d.id, b.id]);
    const every = (await t.call('GET', '/api/v1/term-sheet-links?status=all', { key: 'admin' })).body.items;
    expect(every.map((l: { id: string; status: string }) => [l.id, l.status])).toEqual([[d.id, 'active'], [c.id, 'revoked'], [b.id, 'active'], [a.id, 'expired']]);
    expect((await t.call('GET', '/api/v1/term-sheet-links?status=revoked', { key: 'admin' })).body.items).toEqual([expect.objectContaining({ id: c.id, revokedAt: '2026-03-01T02:00:03.000Z' })]);
    expect((await t.call('GET', '/api/v1/term-sheet-links?status=expired', { key: 'reviewer' })).body.items.map((l: { id: string }) => l.id)).toEqual([a.id]);

    const bad = await t.call('GET', '/api/v1/term-sheet-links?status=dead', { key: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'status' })]);
  });
});

describe('GET /api/v1/term-sheet-links/{token} answers what its OpenAPI entry says', () => {
  it('ignores an Authorization header and answers a malformed or overlong token with 403, never 400 or 401', async () => {
    const link = await makeLink('reviewer');
    const withJunkKey = await t.app.request(new URL(link.url).pathname, { headers: { Authorization: 'Bearer not-a-key' } });
    expect(withJunkKey.status).toBe(200);
    expect(withJunkKey.headers.get('content-type')).toBe(XLSX);
    for (const token of ['x'.repeat(5000), '%00', 'lnk_0000000000000000']) expect((await open(`http://localhost/api/v1/term-sheet-links/${token}`)).status, token.slice(0, 10)).toBe(403);
  });
});
