import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, readTemplate, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const handWorked = JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));

describe('POST /api/v1/evaluate', () => {
  it('evaluates the deal in the body: the hand-worked parking deal\'s numbers, decimals as strings', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { key: 'budget', body: handWorked });
    expect(reply.status).toBe(200);
    expect(reply.body.asOf).toBe('2026-01-01');
    expect(reply.body.metrics).toMatchObject({ projectNpvAfterTax: '135780.70', projectIrrAfterTax: '0.1085621670', paybackStaticYears: '4.6456' });
    expect(reply.body.statements.projectCashFlow.rows[0].values).toHaveLength(6);
    expect(reply.body.problems).toEqual([]);
  });

  it('answers the construction-profit line (methodology §9.8) and names its bad fields in a 422', async () => {
    // The hand-worked car park, 1,090,000 with 9% VAT: 1,000,000 × 6% = 60,000, after 25% tax 45,000.
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { body: { ...handWorked, constructionProfit: { margin: '0.06' } } });
    expect(reply.status).toBe(200);
    expect(reply.body.metrics.constructionProfitAfterTax).toBe('45000.00');
    expect(reply.body.metrics.equityIrrWithConstructionProfit).toBe('0.1259422412');
    expect(reply.body.statements.constructionProfit.rows.find((r: { key: string }) => r.key === 'profitBeforeTax').total).toBe('60000.00');
    const errorsOf = async (constructionProfit: unknown) => {
      const bad = await t.call('POST', '/api/v1/evaluate', { body: { ...handWorked, constructionProfit } });
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      return (bad.body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);
    };
    expect(await errorsOf({ items: ['car-parc'] })).toEqual(['constructionProfit.items[0] UNKNOWN_REFERENCE']);
    expect((await errorsOf({ margin: '6' })).map((e) => e.split(' ')[0])).toEqual(['constructionProfit.margin']);
  });

  it('stores nothing', async () => {
    await t.call('POST', '/api/v1/evaluate', { body: handWorked });
    expect((await t.call('GET', '/api/v1/deals')).body.total).toBe(0);
  });

  it('evaluates as of today in Beijing by default, and caches by body and date', async () => {
    const deal = readTemplate('fuzhou-gulou-25y');
    const first = await t.call('POST', '/api/v1/evaluate', { body: deal });
    expect(first.body.asOf).toBe('2026-03-01');
    expect(first.headers.get('evaluation-cache')).toBe('miss');
    const second = await t.call('POST', '/api/v1/evaluate', { body: deal, key: 'reviewer' });
    expect(second.headers.get('evaluation-cache')).toBe('hit');
    expect(second.body).toEqual(first.body);
    const otherDay = await t.call('POST', '/api/v1/evaluate?asOf=2026-03-02', { body: deal });
    expect(otherDay.headers.get('evaluation-cache')).toBe('miss');
    const changed = await t.call('POST', '/api/v1/evaluate', { body: { ...deal, discountRate: '0.05' } });
    expect(changed.headers.get('evaluation-cache')).toBe('miss');
    expect(changed.body.metrics.projectNpvAfterTax).not.toBe(first.body.metrics.projectNpvAfterTax);
  });

  it('caches nothing when told to keep no entries', async () => {
    const uncached = await createTestApp({ evaluationCacheEntries: 0 });
    await uncached.call('POST', '/api/v1/evaluate', { body: handWorked });
    expect((await uncached.call('POST', '/api/v1/evaluate', { body: handWorked })).headers.get('evaluation-cache')).toBe('miss');
    uncached.close();
  });
});

describe('GET /api/v1/templates', () => {
  it('lists the templates of models/ and serves each complete', async () => {
    const list = await t.call('GET', '/api/v1/templates', { key: 'reviewer' });
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([
      'baoding-utility-split', 'beijing-jinsong-20y', 'fuzhou-gulou-25y', 'gulou-bond-cdb-combined', 'lugu-package', 'shenzhen-elevator', 'xiangtan-bond-card', 'xiangtan-heping',
    ]);
    const one = await t.call('GET', '/api/v1/templates/fuzhou-gulou-25y', { key: 'reviewer' });
    expect(one.body.deal).toEqual(readTemplate('fuzhou-gulou-25y'));
    expect(one.body.archetype).toBe(readTemplate('fuzhou-gulou-25y').meta.archetype);
    expect((await t.call('GET', '/api/v1/templates/atlantis')).status).toBe(404);
  });
});
