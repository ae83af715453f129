import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let folder: string;
let t: TestApp;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rcp-web-'));
  mkdirSync(join(folder, 'assets'));
  writeFileSync(join(folder, 'index.html'), '<!doctype html><title>workbench</title>');
  writeFileSync(join(folder, 'assets', 'index-AbC123.js'), 'console.log(1)');
  writeFileSync(join(folder, 'secret.txt'), 'not served');
  t = await createTestApp({ webRoot: join(folder) });
});
afterAll(() => {
  t.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the workbench served at /', () => {
  it('answers the page at / with no-cache, and hashed assets as immutable', async () => {
    const page = await t.call('GET', '/', { key: null });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.body).toContain('<title>workbench</title>');
    const asset = await t.call('GET', '/assets/index-AbC123.js', { key: null });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const head = await t.app.request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves nothing outside assets/ and no missing file (404 problem+json as before)', async () => {
    for (const path of ['/secret.txt', '/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/missing.js']) {
      const reply = await t.call('GET', path, { key: null });
      expect(reply.status, path).toBe(404);
      expect(reply.headers.get('content-type'), path).toContain('application/problem+json');
    }
  });

  it('leaves /health, /openapi.json, /docs and the API as they were', async () => {
    expect((await t.call('GET', '/health', { key: null })).body).toEqual({ status: 'ok' });
    expect((await t.call('GET', '/openapi.json', { key: null })).body.openapi).toBeDefined();
    expect((await t.call('GET', '/docs', { key: null })).status).toBe(200);
    expect((await t.call('GET', '/api/v1/deals', { key: null })).status).toBe(401);
  });

  it('serves no page when the app is not given a build (the default)', async () => {
    const bare = await createTestApp();
    try {
      expect((await bare.call('GET', '/', { key: null })).status).toBe(404);
    } finally {
      bare.close();
    }
  });
});
