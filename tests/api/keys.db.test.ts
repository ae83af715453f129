import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, listErrors, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** A request with a key given as its secret (the test world's named keys go through `t.call`). */
const callWith = async (secret: string, method: string, path: string, body?: unknown) => {
  const response = await t.app.request(path, {
    method,
    headers: { Authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
};

describe('/api/v1/keys: an admin manages its organisation\'s keys', () => {
  it('creates a key whose secret is shown once and works at once; the list tells everything but the secret', async () => {
    const created = await t.call('POST', '/api/v1/keys', { body: { role: 'reviewer', label: '国开行 审贷' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({ role: 'reviewer', organisation: 'fuzhou-soe', label: '国开行 审贷', createdAt: '2026-03-01T02:00:00.000Z', expiresAt: null, revokedAt: null, lastUsedAt: null, status: 'active' });
    expect(created.body.key).toMatch(/^rcp_[A-Za-z0-9_-]{43}$/);

    const me = await callWith(created.body.key, 'GET', '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ organisation: 'fuzhou-soe', role: 'reviewer' });

    const list = await t.call('GET', '/api/v1/keys');
    expect(list.status).toBe(200);
    // The test world's fuzhou-soe has admin, modeler, reviewer and budget keys; this one is the fifth.
    expect(list.body.items.map((k: { role: string }) => k.role)).toEqual(['admin', 'modeler', 'reviewer', 'budget', 'reviewer']);
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed.lastUsedAt).toBe('2026-03-01T02:00:00.000Z');
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(created.body.key);
    expect(text).not.toMatch(/hash|rcp_/i);
    // Another organisation's keys never appear.
    expect(list.body.items.every((k: { organisation: string }) => k.organisation === 'fuzhou-soe')).toBe(true);
  });

  it('refuses every role but admin (a reviewer cannot create, list or revoke keys)', async () => {
    for (const key of ['reviewer', 'modeler', 'budget', 'bankReviewer'] as const) {
      expect((await t.call('POST', '/api/v1/keys', { key, body: { role: 'admin' } })).status).toBe(403);
      expect((await t.call('GET', '/api/v1/keys', { key })).status).toBe(403);
    }
    const victim = (await t.call('GET', '/api/v1/keys')).body.items[1].id;
    expect((await t.call('DELETE', `/api/v1/keys/${victim}`, { key: 'reviewer' })).status).toBe(403);
  });

  it('names each bad field of a key request', async () => {
    const reply = await t.call('POST', '/api/v1/keys', { body: { role: 'owner', expiresAt: 'tomorrow', secret: 'x' } });
    expect(reply.status).toBe(422);
    expect(listErrors(reply).map((e) => e.split(' ')[0])).toEqual(['expiresAt', 'role', 'secret']);
    const past = await t.call('POST', '/api/v1/keys', { body: { role: 'reviewer', expiresAt: '2026-02-28T00:00:00Z' } });
    expect(past.status).toBe(422);
    expect(listErrors(past)).toEqual(['expiresAt IN_THE_PAST']);
  });

  it('revokes a key: 401 on the very next request, recorded in the audit log', async () => {
    const created = (await t.call('POST', '/api/v1/keys', { body: { role: 'modeler', label: 'temp' } })).body;
    expect((await callWith(created.key, 'GET', '/api/v1/deals')).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/keys/${created.id}`)).status).toBe(204);
    const refused = await callWith(created.key, 'GET', '/api/v1/deals');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHORIZED');
    expect((await t.call('DELETE', `/api/v1/keys/${created.id}`)).status).toBe(204); // again: no error, no change
    const listed = (await t.call('GET', '/api/v1/keys')).body.items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toMatchObject({ status: 'revoked', revokedAt: '2026-03-01T02:00:00.000Z' });
    const audit = (await t.call('GET', '/api/v1/audit-log')).body.items.filter((e: { subjectId: string }) => e.subjectId === created.id);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['key.revoked', 'key.created']);
    expect(audit[1].detail).toEqual({ role: 'modeler', label: 'temp', expiresAt: null });
  });

  it('lets a key expire: accepted until its expiry, 401 from that instant, listed as expired', async () => {
    const created = (await t.call('POST', '/api/v1/keys', { body: { role: 'reviewer', expiresAt: '2026-03-01T11:00:00+08:00' } })).body;
    expect(created.expiresAt).toBe('2026-03-01T03:00:00.000Z'); // 11:00 in Beijing is 03:00 UTC, an hour after the test clock
    t.advanceClock(60 * 60 * 1000 - 1);
    expect((await callWith(created.key, 'GET', '/api/v1/me')).status).toBe(200);
    t.advanceClock(1);
    expect((await callWith(created.key, 'GET', '/api/v1/me')).status).toBe(401);
    expect((await t.call('GET', '/api/v1/keys')).body.items.find((k: { id: string }) => k.id === created.id).status).toBe('expired');
  });

  it('answers 404 for another organisation\'s key and keeps the last active admin key', async () => {
    const strangers = await t.call('GET', '/api/v1/keys', { key: 'strangerAdmin' });
    const strangerKey = strangers.body.items[0].id;
    expect((await t.call('DELETE', `/api/v1/keys/${strangerKey}`)).status).toBe(404);
    const own = (await t.call('GET', '/api/v1/keys')).body.items.find((k: { role: string }) => k.role === 'admin').id;
    const last = await t.call('DELETE', `/api/v1/keys/${own}`, { headers: { 'Accept-Language': 'en' } });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_ADMIN_KEY');
    // With a second admin key the first may go; the second then manages keys alone.
    const second = (await t.call('POST', '/api/v1/keys', { body: { role: 'admin' } })).body;
    expect((await t.call('DELETE', `/api/v1/keys/${own}`)).status).toBe(204);
    expect((await t.call('GET', '/api/v1/keys')).status).toBe(401);
    expect((await callWith(second.key, 'GET', '/api/v1/keys')).status).toBe(200);
  });

  it('writes last_used_at at most once a minute', async () => {
    const created = (await t.call('POST', '/api/v1/keys', { body: { role: 'reviewer' } })).body;
    await callWith(created.key, 'GET', '/api/v1/me');
    t.advanceClock(59_000);
    await callWith(created.key, 'GET', '/api/v1/me');
    const lastUsed = () => t.call('GET', '/api/v1/keys').then((r) => r.body.items.find((k: { id: string }) => k.id === created.id).lastUsedAt);
    expect(await lastUsed()).toBe('2026-03-01T02:00:00.000Z');
    t.advanceClock(1_000);
    await callWith(created.key, 'GET', '/api/v1/me');
    expect(await lastUsed()).toBe('2026-03-01T02:01:00.000Z');
  });
});
