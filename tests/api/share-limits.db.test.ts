/**
 * Shares are capped (issue 12): a share may name an organisation that does not exist yet (no existence
 * oracle), so without a cap a client could register any number of made-up organisations. A deal or a
 * portfolio takes at most `sharesPerDeal` shares, and an organisation shares with at most
 * `shareOrganisationsPerOrganisation` different organisations (deals and portfolios together). Both
 * count shares whatever they name, so the cap answers a known and an unknown name alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_APP_CONFIG } from '../../src/api/app-config.js';
import { readEnv } from '../../src/env.js';
import { organisations } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
afterEach(() => t.close());

const newDeal = async () => (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id as string;
const share = (path: string, organisation: string) => t.call('POST', `${path}/shares`, { key: 'modeler', body: { organisation }, headers: { 'Accept-Language': 'en' } });
const organisationCount = async () => (await t.db.select().from(organisations)).length;

describe('shares per deal', () => {
  it('takes 3 shares on a deal capped at 3, refuses a 4th with 422 TOO_MANY_SHARES whether the name exists or not, and registers nothing for it', async () => {
    t = await createTestApp({ sharesPerDeal: 3 });
    const deal = `/api/v1/deals/${await newDeal()}`;
    for (const name of ['made-up-1', 'made-up-2', 'made-up-3']) expect((await share(deal, name)).status).toBe(201);
    const before = await organisationCount();
    const unknown = await share(deal, 'made-up-4');
    const known = await share(deal, 'policy-bank'); // exists, has keys
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.code).toBe('TOO_MANY_SHARES');
    expect(unknown.body.detail).toContain('already shared with 3 organisations');
    expect(unknown.body.detail).toContain('SHARES_PER_DEAL');
    // The same answer for an organisation that exists: the cap tells nothing about existence.
    expect(known.status).toBe(422);
    expect(known.body).toEqual(unknown.body);
    expect(await organisationCount()).toBe(before);
    // Sharing again with one already shared is no change, not a refusal.
    expect((await share(deal, 'made-up-2')).status).toBe(200);
    // Removing a share frees its place.
    expect((await t.call('DELETE', `${deal}/shares/made-up-1`, { key: 'modeler' })).status).toBe(204);
    expect((await share(deal, 'policy-bank')).status).toBe(201);
    expect((await t.call('GET', `${deal}/shares`, { key: 'modeler' })).body.items.map((s: { organisation: string }) => s.organisation).sort()).toEqual(['made-up-2', 'made-up-3', 'policy-bank']);
  });

  it('caps a portfolio the same way', async () => {
    t = await createTestApp({ sharesPerDeal: 2 });
    const dealId = await newDeal();
    const portfolio = `/api/v1/portfolios/${(await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members: [{ dealId }] } })).body.id}`;
    expect((await share(portfolio, 'made-up-a')).status).toBe(201);
    expect((await share(portfolio, 'made-up-b')).status).toBe(201);
    const refused = await share(portfolio, 'made-up-c');
    expect([refused.status, refused.body.code]).toEqual([422, 'TOO_MANY_SHARES']);
    expect(refused.body.detail).toContain('This portfolio is already shared with 2 organisations');
  });
});

describe('organisations shared with per organisation', () => {
  it('counts different organisations over all deals and portfolios: with a cap of 3, a 4th new name is refused on any deal, a name already shared with is not', async () => {
    t = await createTestApp({ shareOrganisationsPerOrganisation: 3 });
    const [a, b] = [`/api/v1/deals/${await newDeal()}`, `/api/v1/deals/${await newDeal()}`];
    const portfolio = `/api/v1/portfolios/${(await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members: [{ dealId: a.split('/').pop() }] } })).body.id}`;
    expect((await share(a, 'made-up-1')).status).toBe(201);
    expect((await share(b, 'made-up-2')).status).toBe(201);
    expect((await share(portfolio, 'made-up-3')).status).toBe(201); // 3 different organisations: made-up-1, -2, -3
    // Already among the 3: shared on another deal or portfolio freely.
    expect((await share(b, 'made-up-1')).status).toBe(201);
    expect((await share(portfolio, 'made-up-2')).status).toBe(201);
    // A 4th different one, unknown or known, on a deal or a portfolio: the same refusal, nothing registered.
    const before = await organisationCount();
    const answers = [await share(a, 'made-up-4'), await share(a, 'policy-bank'), await share(portfolio, 'made-up-4')];
    for (const reply of answers) {
      expect([reply.status, reply.body.code]).toEqual([422, 'TOO_MANY_SHARES']);
      expect(reply.body.detail).toContain('with 3 different organisations');
      expect(reply.body.detail).toContain('SHARE_ORGANISATIONS_PER_ORGANISATION');
    }
    expect(answers[1]!.body).toEqual(answers[0]!.body);
    expect(await organisationCount()).toBe(before);
    // Other organisations are not held by this one's count.
    const strangers = (await t.call('POST', '/api/v1/deals', { key: 'strangerAdmin', body: { template: 'fuzhou-gulou-25y' } })).body.id;
    expect((await t.call('POST', `/api/v1/deals/${strangers}/shares`, { key: 'strangerAdmin', body: { organisation: 'made-up-9' } })).status).toBe(201);
    // Once made-up-3 is unshared everywhere (only the portfolio had it), a new name fits again.
    expect((await t.call('DELETE', `${portfolio}/shares/made-up-3`, { key: 'modeler' })).status).toBe(204);
    expect((await share(a, 'policy-bank')).status).toBe(201);
  });

  it('does not count the shares of a deleted portfolio, which no one sees', async () => {
    t = await createTestApp({ shareOrganisationsPerOrganisation: 1 });
    const dealId = await newDeal();
    const id = (await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members: [{ dealId }] } })).body.id;
    expect((await share(`/api/v1/portfolios/${id}`, 'made-up-1')).status).toBe(201);
    expect((await share(`/api/v1/deals/${dealId}`, 'made-up-2')).status).toBe(422);
    expect((await t.call('DELETE', `/api/v1/portfolios/${id}`, { key: 'modeler' })).status).toBe(204);
    expect((await share(`/api/v1/deals/${dealId}`, 'made-up-2')).status).toBe(201);
  });
});

describe('the caps as configured', () => {
  it('defaults to 50 shares per deal and 200 organisations per organisation, read from SHARES_PER_DEAL and SHARE_ORGANISATIONS_PER_ORGANISATION', () => {
    expect([DEFAULT_APP_CONFIG.sharesPerDeal, DEFAULT_APP_CONFIG.shareOrganisationsPerOrganisation]).toEqual([50, 200]);
    const env = readEnv({}, 2);
    expect([env.sharesPerDeal, env.shareOrganisationsPerOrganisation]).toEqual([50, 200]);
    const set = readEnv({ SHARES_PER_DEAL: '5', SHARE_ORGANISATIONS_PER_ORGANISATION: '7' }, 2);
    expect([set.sharesPerDeal, set.shareOrganisationsPerOrganisation]).toEqual([5, 7]);
    expect(() => readEnv({ SHARES_PER_DEAL: '0' }, 2)).toThrow(/SHARES_PER_DEAL must be a whole number from 1/);
  });

  it('states them in /openapi.json on both share routes', async () => {
    t = await createTestApp({ sharesPerDeal: 4, shareOrganisationsPerOrganisation: 9 });
    const paths = (await t.call('GET', '/openapi.json', { key: null })).body.paths;
    for (const path of ['/api/v1/deals/{id}/shares', '/api/v1/portfolios/{id}/shares']) {
      expect(paths[path].post['x-limits']).toMatchObject({ sharesPerDeal: 4, shareOrganisationsPerOrganisation: 9 });
      expect(paths[path].post.description).toContain('422 TOO_MANY_SHARES');
    }
  });
});
