import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, listErrors, readTemplate, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let deal: string;
beforeEach(async () => {
  t = await createTestApp();
  deal = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
});
afterEach(() => t.close());

const ONE_PRICE = [{ op: 'replace', path: '/revenue/fz-parking-community/monthlyFee', value: '180' }];
const patch = (body: unknown, headers: Record<string, string>) => t.call('PATCH', `/api/v1/deals/${deal}`, { key: 'modeler', rawBody: JSON.stringify(body), headers });

/** The same change made by hand: the template with the community parking fee at 180 元, evaluated as a deal of its own. */
async function evaluateDirectEdit() {
  const edited = readTemplate('fuzhou-gulou-25y');
  const stream = edited.revenue.find((r: { id: string }) => r.id === 'fz-parking-community');
  expect(stream.monthlyFee).toBe('150'); // the template's fee, so the patch is a real change
  stream.monthlyFee = '180';
  const id = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: edited })).body.id;
  return (await t.call('POST', `/api/v1/deals/${id}/evaluate`)).body;
}

describe('a JSON Patch changes one price', () => {
  it('as scenario overrides: the IRR moves exactly as the same direct edit moves it', async () => {
    const scenario = await t.call('POST', `/api/v1/deals/${deal}/scenarios`, { key: 'modeler', body: { name: '社区停车 180 元', overrides: ONE_PRICE } });
    expect(scenario.status).toBe(201);
    expect(scenario.body.overrides).toEqual(ONE_PRICE);
    const viaScenario = (await t.call('POST', `/api/v1/deals/${deal}/scenarios/${scenario.body.id}/evaluate`)).body;
    const base = (await t.call('POST', `/api/v1/deals/${deal}/evaluate`)).body;
    const direct = await evaluateDirectEdit();
    expect(viaScenario.metrics).toEqual(direct.metrics);
    expect(viaScenario.metrics.projectIrrAfterTax).not.toBe(base.metrics.projectIrrAfterTax);
    expect(Number(viaScenario.metrics.projectIrrAfterTax)).toBeGreaterThan(Number(base.metrics.projectIrrAfterTax)); // a higher fee, a higher return
    // The scenario works everywhere a scenario is read: the analyses and the term sheet.
    expect((await t.call('POST', `/api/v1/deals/${deal}/stress?scenario=${scenario.body.id}`)).status).toBe(200);
  });

  it('via PATCH /deals/{id} with If-Match: a new revision, equal to the direct edit; a stale If-Match is 412, none 428', async () => {
    const patched = await patch(ONE_PRICE, { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.revision).toBe(2);
    expect(patched.body.deal.revenue.find((r: { id: string }) => r.id === 'fz-parking-community').monthlyFee).toBe('180');
    const evaluated = (await t.call('POST', `/api/v1/deals/${deal}/evaluate?revision=2`)).body;
    expect(evaluated.metrics).toEqual((await evaluateDirectEdit()).metrics);
    // Revision 1 is kept as it was.
    expect((await t.call('GET', `/api/v1/deals/${deal}/revisions/1`)).body.deal.revenue[0].monthlyFee).toBe('150');

    const stale = await patch(ONE_PRICE, { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await patch(ONE_PRICE, { 'Content-Type': 'application/json-patch+json' })).status).toBe(428);
    const revisions = (await t.call('GET', `/api/v1/deals/${deal}/revisions`)).body.items;
    expect(revisions).toHaveLength(2);
  });

  it('takes a JSON merge patch too, and refuses other media types and the wrong shape for the type', async () => {
    const merged = await patch({ discountRate: '0.08' }, { 'Content-Type': 'application/merge-patch+json', 'If-Match': '"1"' });
    expect(merged.status).toBe(200);
    expect(merged.body.deal.discountRate).toBe('0.08');
    const plain = await patch(ONE_PRICE, { 'Content-Type': 'application/json', 'If-Match': '"2"' });
    expect(plain.status).toBe(415);
    expect(plain.body.code).toBe('PATCH_MEDIA_TYPE');
    expect(listErrors(await patch({ discountRate: '0.08' }, { 'Content-Type': 'application/json-patch+json', 'If-Match': '"2"' }))).toEqual([' INVALID_TYPE']);
  });

  it('answers a failing operation at its index and a bad result at its path in the deal; nothing is stored', async () => {
    const missing = await patch([{ op: 'replace', path: '/revenue/fz-nope/monthlyFee', value: '1' }], { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' });
    expect(missing.status).toBe(422);
    expect(listErrors(missing)).toEqual(['[0].path NO_SUCH_ELEMENT']);
    const invalid = await patch([{ op: 'replace', path: '/discountRate', value: 6 }], { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' });
    expect(invalid.status).toBe(422);
    expect(listErrors(invalid)).toEqual(['discountRate OUT_OF_RANGE']);
    expect((await t.call('GET', `/api/v1/deals/${deal}`)).body.revision).toBe(1);
    expect((await t.call('PATCH', `/api/v1/deals/${deal}`, { key: 'reviewer', rawBody: JSON.stringify(ONE_PRICE), headers: { 'Content-Type': 'application/json-patch+json', 'If-Match': '"1"' } })).status).toBe(403);
  });
});

describe('a JSON merge patch that replaces an array', () => {
  it('says so in its error and shows the JSON Patch that changes only the fields sent', async () => {
    const reply = await t.call('POST', `/api/v1/deals/${deal}/scenarios`, {
      key: 'modeler',
      body: { name: '180', overrides: { revenue: [{ id: 'fz-parking-community', monthlyFee: '180' }] } },
      headers: { 'Accept-Language': 'en' },
    });
    expect(reply.status).toBe(422);
    const hint = reply.body.errors.find((e: { code: string }) => e.code === 'MERGE_PATCH_REPLACES_ARRAY');
    expect(hint.path).toBe('revenue');
    expect(hint.message).toContain('replaces the whole array "revenue"');
    expect(hint.message).toContain('[{"op":"replace","path":"/revenue/fz-parking-community/monthlyFee","value":"180"}]');
    expect(listErrors(reply)).toEqual(['revenue MERGE_PATCH_REPLACES_ARRAY', 'revenue[0].driver INVALID_VALUE']); // the problem itself is still named
  });
});
