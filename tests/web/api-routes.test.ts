import { describe, expect, it } from 'vitest';
import { buildPath, ROUTES } from '../../web/src/api/routes.js';
import { createTestApp } from '../api/helpers/test-app.js';

describe('the workbench API client', () => {
  it('calls only operations the OpenAPI document of the app declares (a renamed route breaks this test)', async () => {
    const t = await createTestApp();
    try {
      const doc = (await t.call('GET', '/openapi.json', { key: null })).body as { paths: Record<string, Record<string, unknown>> };
      const missing = Object.entries(ROUTES)
        .filter(([, r]) => !doc.paths[r.path]?.[r.method.toLowerCase()])
        .map(([name, r]) => `${name}: ${r.method} ${r.path}`);
      expect(missing).toEqual([]);
      expect(Object.keys(ROUTES).length).toBe(28);
    } finally {
      t.close();
    }
  });

  it('would notice a route the document lacks', () => {
    const paths: Record<string, Record<string, unknown>> = { '/api/v1/deals': { get: {} } };
    const absent = Object.values(ROUTES).filter((r) => !paths[r.path]?.[r.method.toLowerCase()]);
    expect(absent.length).toBe(Object.keys(ROUTES).length - 1);
  });

  it('fills path parameters encoded and leaves out empty query values', () => {
    expect(buildPath('readRevision', { id: 'deal_1', rev: 2 })).toBe('/api/v1/deals/deal_1/revisions/2');
    expect(buildPath('evaluateDeal', { id: 'a/b' }, { revision: 3, asOf: undefined, scenario: '' })).toBe('/api/v1/deals/a%2Fb/evaluate?revision=3');
    expect(() => buildPath('readDeal')).toThrow('route readDeal needs id');
  });
});
