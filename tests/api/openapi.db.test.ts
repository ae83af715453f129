import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROBLEM_CATALOGUE } from '../../src/api/problems/catalogue.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

/** Every `$ref` in a document, at any depth. */
function collectRefs(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectRefs(v, into));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') into.push(v);
      else collectRefs(v, into);
    }
  }
  return into;
}

const UNDOCUMENTED = new Set(['/docs', '/docs/assets/:file', '/openapi.json']);

describe('GET /openapi.json', () => {
  it('documents every route the app serves, with its method', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && !UNDOCUMENTED.has(r.path))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(documented)).toEqual(new Set(served));
    expect(served.length).toBeGreaterThanOrEqual(22);
  });

  it('gives every /api/v1 operation its key requirement, its problem responses and a documented body', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      if (!path.startsWith('/api/v1')) continue;
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        // A signed term-sheet link is its own credential (a bank officer opens it without a key); everything else needs one.
        expect(op.security, where).toEqual(where === 'get /api/v1/term-sheet-links/{token}' ? [] : [{ bearer: [] }]);
        // The link reads no key, no query and no body: it never answers 400, 401 or 413 (term-sheet-links.db.test.ts shows what it does answer).
        const common = where === 'get /api/v1/term-sheet-links/{token}' ? ['500'] : ['400', '401', '413', '500'];
        for (const status of common) expect(op.responses[status]?.content?.['application/problem+json'], `${where} ${status}`).toBeDefined();
        const success = Object.keys(op.responses).filter((s) => s.startsWith('2'));
        expect(success.length, where).toBeGreaterThan(0);
        if (['post', 'put'].includes(method) && !path.endsWith('/evaluate')) expect(op.requestBody?.content?.['application/json']?.schema, where).toBeDefined();
      }
    }
    expect(doc.paths['/api/v1/evaluate'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Deal' });
    expect(doc.paths['/api/v1/deals/{id}'].put.responses['412']).toBeDefined();
    expect(doc.paths['/api/v1/deals/{id}'].put.responses['428']).toBeDefined();
    const link = doc.paths['/api/v1/term-sheet-links/{token}'].get;
    // 431 (headers over the limit) and 503 (the workbook past its time budget) come from describe-limits.ts, as on every such route.
    expect(Object.keys(link.responses).sort()).toEqual(['200', '403', '410', '422', '429', '431', '500', '503']);
    expect(link.responses['410'].description).toContain('LINK_REVOKED');
    const links = doc.paths['/api/v1/term-sheet-links'].get;
    expect(links.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['deal', 'limit', 'offset', 'status']);
    expect(Object.keys(links.responses).sort()).toEqual(['200', '400', '401', '413', '431', '500']); // no 503: a list runs nothing on the workers
    expect(Object.keys(doc.paths['/api/v1/term-sheet-links/{token}'].delete.responses).sort()).toEqual(['204', '400', '401', '403', '404', '409', '413', '431', '500']);
    expect(doc.paths['/api/v1/deals/{id}/term-sheet-links'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TermSheetLinkInput' });
  });

  it('resolves every $ref, and describes the deal from the same schema that validates it', async () => {
    const doc = (await t.call('GET', '/openapi.json', { key: null })).body;
    for (const ref of collectRefs(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
    const deal = doc.components.schemas.Deal;
    expect(deal.required).toEqual(expect.arrayContaining(['name', 'place', 'timeline', 'scope', 'capex']));
    expect(deal.properties.capex.maxItems).toBe(500);
    expect(doc.components.schemas.Problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
    expect(Object.keys(doc.components.schemas.Evaluation.properties.metrics.properties)).toEqual(
      expect.arrayContaining(['projectIrrPreTax', 'projectIrrAfterTax', 'projectNpvAfterTax', 'paybackStaticYears', 'paybackDynamicYears', 'equityIrr', 'minDscr', 'llcr', 'bondCoverageNet']),
    );
    // Each facility's own cover ratios (methodology §11.9).
    const facility = doc.components.schemas.Evaluation.properties.debt.properties.facilities.items;
    expect(Object.keys(facility.properties)).toEqual(expect.arrayContaining(['sourceId', 'rank', 'minDscr', 'minDscrYear', 'llcr', 'llcrYear', 'plcr', 'plcrYear']));
  });
});

describe('GET /docs', () => {
  it('serves Swagger UI over /openapi.json, its files from this service', async () => {
    const page = await t.call('GET', '/docs', { key: null });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain("url: '/openapi.json'");
    const bundle = await t.app.request('/docs/assets/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    expect((await t.app.request('/docs/assets/swagger-ui.css')).status).toBe(200);
    expect((await t.app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404);
  });
});

describe('problem types', () => {
  it('resolves the type of every problem to its description', async () => {
    for (const [code, kind] of Object.entries(PROBLEM_CATALOGUE)) {
      const type = `/problems/${code.toLowerCase().replaceAll('_', '-')}`;
      const reply = await t.call('GET', type, { key: null });
      expect(reply.body).toEqual({ type, code, status: kind.status, title: kind.title });
    }
  });
});
