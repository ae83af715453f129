import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKeyForOrganisation } from '../../src/db/create-key.js';
import { createTestApp, listErrors, NOW, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

// Three organisations work together: two SOEs (fuzhou-soe with the test world's keys, another-soe
// with its admin key) each share a deal with a finance bureau, whose budget key bundles them.
let t: TestApp;
let bureau: string;
let fuzhou: string;
let xiangtan: string;
beforeEach(async () => {
  t = await createTestApp();
  bureau = (await createKeyForOrganisation(t.db, { organisation: 'finance-bureau', role: 'budget', at: NOW.toISOString(), apiKeySecret: TEST_API_KEY_SECRET })).key;
  fuzhou = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
  xiangtan = (await t.call('POST', '/api/v1/deals', { key: 'strangerAdmin', body: { template: 'xiangtan-heping' } })).body.id;
  expect((await t.call('POST', `/api/v1/deals/${fuzhou}/shares`, { key: 'modeler', body: { organisation: 'finance-bureau' } })).status).toBe(201);
  expect((await t.call('POST', `/api/v1/deals/${xiangtan}/shares`, { key: 'strangerAdmin', body: { organisation: 'finance-bureau' } })).status).toBe(201);
});
afterEach(() => t.close());

/** A call with the bureau's budget key. */
const asBureau = (method: string, path: string, body?: unknown) => t.call(method, path, { key: null, body, headers: { Authorization: `Bearer ${bureau}` } });

const definition = () => ({
  name: '区财政局 2027 年度老旧小区改造',
  members: [{ dealId: fuzhou, label: '鼓楼' }, { dealId: xiangtan, label: '和平' }],
  budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '60000000', growthRate: '0.03' },
});
const rowTotal = (statements: any, key: string) => statements.projectCashFlow.rows.find((r: { key: string }) => r.key === key).total as string;
const toFen = (text: string) => Math.round(Number(text) * 100);

describe('a finance bureau\'s portfolio over deals two SOEs shared with it', () => {
  it('is built by the bureau\'s budget key and evaluated: totals are the two SOEs\' own figures added, affordability by year', async () => {
    const created = await asBureau('POST', '/api/v1/portfolios', definition());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ owner: 'finance-bureau', access: 'owner' });
    const reply = await asBureau('POST', `/api/v1/portfolios/${created.body.id}/evaluate`);
    expect(reply.status).toBe(200);
    const { result } = reply.body;
    expect(result.members.map((m: { label: string }) => m.label)).toEqual(['鼓楼', '和平']);
    // Each SOE evaluates its own deal; the bureau's total is their sum, to the 分.
    const one = await t.call('POST', `/api/v1/deals/${fuzhou}/evaluate`, { key: 'modeler' });
    const two = await t.call('POST', `/api/v1/deals/${xiangtan}/evaluate`, { key: 'strangerAdmin' });
    expect(toFen(rowTotal(result.statements, 'constructionInvestment'))).toBe(toFen(rowTotal(one.body.statements, 'constructionInvestment')) + toFen(rowTotal(two.body.statements, 'constructionInvestment')));
    // The envelope grows 3% a year from 6000万 in 2027: 2028's budget is 6180万.
    const year2028 = result.affordability.years.find((y: { year: number }) => y.year === 2028);
    expect(Number(year2028.expenditure)).toBe(61_800_000);
    for (const row of result.affordability.years) {
      expect(Math.abs(Number(row.pppRatio) - Number(row.pppSpending) / Number(row.expenditure))).toBeLessThan(1e-6);
      expect(result.affordability.pppBreaches.includes(row.year)).toBe(Number(row.pppSpending) > 0.1 * Number(row.expenditure));
    }
    // The bureau may also edit and delete its portfolio.
    const edited = await asBureau('PUT', `/api/v1/portfolios/${created.body.id}`, { ...definition(), name: '二期' });
    expect(edited.status).toBe(200);
    expect(edited.body.name).toBe('二期');
  });

  it('names the member it lost when an SOE withdraws its share — 422 MEMBER_NOT_VISIBLE at members[1], nothing of the deal, nothing lost', async () => {
    const id = (await asBureau('POST', '/api/v1/portfolios', definition())).body.id;
    expect((await t.call('DELETE', `/api/v1/deals/${xiangtan}/shares/finance-bureau`, { key: 'strangerAdmin' })).status).toBe(204);
    for (const [method, path] of [['POST', `/api/v1/portfolios/${id}/evaluate`], ['GET', `/api/v1/portfolios/${id}/term-sheet.xlsx`]] as const) {
      const reply = await asBureau(method, path);
      expect(reply.status, path).toBe(422);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(listErrors(reply)).toEqual(['members[1] MEMBER_NOT_VISIBLE']);
      expect(JSON.stringify(reply.body)).not.toContain('湘潭'); // the deal's name, content of the lost member
    }
    // The definition the bureau saved is intact, and works again once the SOE shares the deal again.
    expect((await asBureau('GET', `/api/v1/portfolios/${id}`)).body.portfolio.members).toHaveLength(2);
    await t.call('POST', `/api/v1/deals/${xiangtan}/shares`, { key: 'strangerAdmin', body: { organisation: 'finance-bureau' } });
    expect((await asBureau('POST', `/api/v1/portfolios/${id}/evaluate`)).status).toBe(200);
  });

  it('refuses members the bureau cannot see, each by path, when saving', async () => {
    const own = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'lugu-package' } })).body.id; // not shared
    const reply = await asBureau('POST', '/api/v1/portfolios', { name: 'x', members: [{ dealId: fuzhou }, { dealId: own }, { dealId: 'deal_nope' }, { dealId: fuzhou, revision: 2 }] });
    expect(reply.status).toBe(422);
    expect(listErrors(reply)).toEqual(['members[1] MEMBER_NOT_VISIBLE', 'members[2] MEMBER_NOT_VISIBLE', 'members[3].revision UNKNOWN_REVISION']);
  });

  it('takes up to 5,000 members (a city\'s programme), and names the limit beyond', async () => {
    const members = Array.from({ length: 5_000 }, (_, i) => ({ dealId: i % 2 === 0 ? fuzhou : xiangtan, label: `小区 ${i + 1}` }));
    const created = await asBureau('POST', '/api/v1/portfolios', { name: '全市', members });
    expect(created.status).toBe(201);
    expect(created.body.portfolio.members).toHaveLength(5_000);
    const tooMany = await asBureau('POST', '/api/v1/portfolios', { name: '全市', members: [...members, { dealId: fuzhou }] });
    expect(tooMany.status).toBe(422);
    expect(listErrors(tooMany)).toEqual(['members TOO_BIG']);
  });
});

describe('sharing a portfolio read-only with another organisation', () => {
  it('lets a bank read it, and evaluate the members whose deals are shared with the bank as well', async () => {
    const id = (await asBureau('POST', '/api/v1/portfolios', definition())).body.id;
    expect((await t.call('GET', `/api/v1/portfolios/${id}`, { key: 'bankReviewer' })).status).toBe(404);
    const shared = await asBureau('POST', `/api/v1/portfolios/${id}/shares`, { organisation: 'policy-bank' });
    expect(shared.status).toBe(201);
    expect(shared.body.organisation).toBe('policy-bank');
    expect((await asBureau('POST', `/api/v1/portfolios/${id}/shares`, { organisation: 'policy-bank' })).status).toBe(200);
    expect((await asBureau('GET', `/api/v1/portfolios/${id}/shares`)).body.items.map((s: { organisation: string }) => s.organisation)).toEqual(['policy-bank']);

    const read = await t.call('GET', `/api/v1/portfolios/${id}`, { key: 'bankReviewer' });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ owner: 'finance-bureau', access: 'shared' });
    expect((await t.call('GET', '/api/v1/portfolios', { key: 'bankReviewer' })).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    // A portfolio share passes on no deal: the bank sees neither SOE's deal yet.
    const blind = await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'bankReviewer' });
    expect(blind.status).toBe(422);
    expect(listErrors(blind)).toEqual(['members[0] MEMBER_NOT_VISIBLE', 'members[1] MEMBER_NOT_VISIBLE']);
    await t.call('POST', `/api/v1/deals/${fuzhou}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    await t.call('POST', `/api/v1/deals/${xiangtan}/shares`, { key: 'strangerAdmin', body: { organisation: 'policy-bank' } });
    const bankView = await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'bankReviewer' });
    const bureauView = await asBureau('POST', `/api/v1/portfolios/${id}/evaluate`);
    expect(bankView.status).toBe(200);
    expect(bankView.body.result.affordability).toEqual(bureauView.body.result.affordability);

    // Read-only: the bank changes, deletes and shares nothing.
    expect((await t.call('PUT', `/api/v1/portfolios/${id}`, { key: 'bankModeler', body: definition() })).status).toBe(403);
    expect((await t.call('DELETE', `/api/v1/portfolios/${id}`, { key: 'bankModeler' })).status).toBe(403);
    expect((await t.call('POST', `/api/v1/portfolios/${id}/shares`, { key: 'bankModeler', body: { organisation: 'fuzhou-soe' } })).status).toBe(403);

    expect((await asBureau('DELETE', `/api/v1/portfolios/${id}/shares/policy-bank`)).status).toBe(204);
    expect((await t.call('GET', `/api/v1/portfolios/${id}`, { key: 'bankReviewer' })).status).toBe(404);
    expect((await asBureau('DELETE', `/api/v1/portfolios/${id}/shares/policy-bank`)).status).toBe(404);
    const audit = (await t.call('GET', '/api/v1/audit-log', { key: 'admin' })).body.items.map((e: { action: string }) => e.action);
    expect(audit).not.toContain('portfolio-share.created'); // the bureau's log, not fuzhou-soe's
  });

  it('answers a share with an organisation not known yet as any share (no existence oracle), refuses the owner, and a reviewer of the owner may not share', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '鼓楼', members: [{ dealId: fuzhou }] } })).body.id;
    const unknown = await t.call('POST', `/api/v1/portfolios/${id}/shares`, { key: 'modeler', body: { organisation: 'nobody' } });
    expect([unknown.status, unknown.body.organisation]).toEqual([201, 'nobody']);
    expect(listErrors(await t.call('POST', `/api/v1/portfolios/${id}/shares`, { key: 'modeler', body: { organisation: 'fuzhou-soe' } }))).toEqual(['organisation OWN_ORGANISATION']);
    expect((await t.call('POST', `/api/v1/portfolios/${id}/shares`, { key: 'reviewer', body: { organisation: 'policy-bank' } })).status).toBe(403);
  });
});
