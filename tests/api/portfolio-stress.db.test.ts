import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBondDealInput } from '../helpers/bond-deal.js';
import { buildDealInput } from '../helpers/build-deal.js';
import { createTestApp, listErrors, type TestApp } from './helpers/test-app.js';
import { waitForJobEnd } from './helpers/wait-for-job.js';

// POST /portfolios/{id}/stress (methodology §10.12) on the two members worked by hand in
// tests/analysis/portfolio/portfolio-stress.test.ts: a garage whose district bond is earmarked to its car
// park, and a road half paid by a district grant.
let t: TestApp;
let portfolioId: string;
let garage: string;
beforeEach(async () => {
  t = await createTestApp();
  garage = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { ...buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }] } }), name: '车库' } })).body.id;
  const road = (await t.call('POST', '/api/v1/deals', {
    key: 'modeler',
    body: buildDealInput({
      name: '道路',
      funding: {
        sources: [{ id: 'grant', name: '区级补助', kind: 'district-grant' }, { id: 'soe', name: '区属国企', kind: 'investor-equity', investor: '区属国企' }],
        rules: [{ kind: 'share', source: 'grant', share: '0.5' }],
        fill: [{ source: 'soe' }],
      },
    } as never),
  })).body.id;
  expect(garage).toBeTruthy();
  expect(road).toBeTruthy();
  portfolioId = (await t.call('POST', '/api/v1/portfolios', {
    key: 'modeler',
    body: { name: '片区压力测试', members: [{ dealId: garage }, { dealId: road }], budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '10000000', growthRate: '0' } },
  })).body.id;
});
afterEach(() => t.close());

const DEMAND = { shocks: [{ id: 'demand-20', name: '需求 −20%', changes: [{ driver: { driver: 'revenue' }, change: '-0.2' }] }] };
const path = () => `/api/v1/portfolios/${portfolioId}/stress?asOf=2026-01-01`;

describe('POST /api/v1/portfolios/{id}/stress', { timeout: 240_000 }, () => {
  it('answers a small portfolio at once: the extra subsidy, the bond below 1 and the breaching members, for a budget key', async () => {
    const reply = await t.call('POST', path(), { key: 'budget', body: DEMAND });
    expect(reply.status).toBe(200);
    const shock = reply.body.result.shocks[0];
    // 450,000 more 财政补足 in each of 2032 and 2033 (the lost revenue less its income tax); coverage 10,080,000 / 11,320,000.
    expect(shock.extraSubsidy.total).toBe('900000.00');
    expect(shock.bondsBelowOne).toEqual([{ member: '车库', dealId: garage, bondId: 'bond', coverage: '0.8905' }]);
    expect(shock.breachingMembers.map((m: { dealId: string }) => m.dealId)).toContain(garage);
    expect(shock.affordability.holds).toBe(true);
    expect(reply.body.result.base.bondsBelowOne).toEqual([]);
  });

  it('runs the standard shocks when the body is empty', async () => {
    const reply = await t.call('POST', path(), { key: 'modeler' });
    expect(reply.status).toBe(200);
    expect(reply.body.result.shocks.map((s: { id: string }) => s.id)).toEqual(['demand-20', 'rate+100bp', 'delay-1y', 'capex+10', 'combined']);
    // capex +10%: the road's grant is 50% of 1,100,000 instead of 1,000,000, 50,000 more in 2026.
    const capex = reply.body.result.shocks.find((s: { id: string }) => s.id === 'capex+10');
    const district = capex.extraSubsidy.byLevel.find((l: { level: string }) => l.level === 'district');
    expect(district.years.find((y: { year: number }) => y.year === 2026)).toMatchObject({ grants: '50000.00' });
  });

  it('runs as a job with Prefer: respond-async: 202, progress by member, and the answer the request gives at once', async () => {
    const accepted = await t.call('POST', path(), { key: 'modeler', body: DEMAND, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    expect(accepted.body.kind).toBe('portfolio-stress');
    const location = accepted.headers.get('location')!;
    const job = await waitForJobEnd(accepted, () => t.call('GET', location, { key: 'modeler' }), { timeoutMs: 200_000, intervalMs: 20 });
    expect(job.body.status).toBe('succeeded');
    expect(job.body.progress).toEqual({ done: 2, total: 2, fraction: 1 });
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual((await t.call('POST', path(), { key: 'modeler', body: DEMAND })).body);
  });

  it('takes an empty body sent as JSON (Content-Type and no bytes) for the standard shocks, as a job too', async () => {
    const accepted = await t.app.request(path(), { method: 'POST', headers: { Authorization: `Bearer ${t.keys.modeler}`, 'Content-Type': 'application/json', Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    let job = (await t.call('GET', location, { key: 'modeler' })).body;
    const deadline = Date.now() + 200_000;
    while (['queued', 'running'].includes(job.status) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await t.call('GET', location, { key: 'modeler' })).body;
    }
    expect(job.answer).toEqual({ status: 200, contentType: 'application/json' });
    expect(job.result.result.shocks).toHaveLength(5);
  });

  it('answers 422 naming the path of a shock on one deal\'s stream, of an unknown driver and of a change out of range', async () => {
    const stream = await t.call('POST', path(), { key: 'modeler', body: { shocks: [{ id: 'p', name: 'p', changes: [{ driver: { driver: 'price', stream: 'park' }, change: '-0.1' }] }] } });
    expect(stream.status).toBe(422);
    expect(listErrors(stream)).toEqual(['shocks[0].changes[0].driver.driver INVALID_VALUE']);
    expect(stream.body.errors[0].message).toContain('every member alike');
    const unknown = await t.call('POST', path(), { key: 'modeler', body: { shocks: [{ id: 'x', name: 'x', changes: [{ driver: { driver: 'weather' }, change: '1' }] }] } });
    expect(unknown.status).toBe(422);
    expect(listErrors(unknown)[0]).toMatch(/^shocks\[0\]\.changes\[0\]\.driver/);
    const range = await t.call('POST', path(), { key: 'modeler', body: { shocks: [{ id: 'x', name: 'x', changes: [{ driver: { driver: 'capex' }, change: '99' }] }] } });
    expect(range.status).toBe(422);
    expect(listErrors(range)[0]).toMatch(/^shocks\[0\]\.changes\[0\]\.change /);
    const empty = await t.call('POST', path(), { key: 'modeler', body: { shocks: [] } });
    expect(listErrors(empty)[0]).toMatch(/^shocks /);
  });

  // One schema for a shock (methodology §10.12): the stress pack's `cases` and the portfolio's `shocks`
  // refuse the same change with the same problem, the path differing only in the list's name.
  it.each([
    ['a rate shift past +1,000bp', { driver: { driver: 'interest-rate-shift' }, change: '0.2' }, 'must be between -0.1 and 0.1; got 0.2'],
    ['a fractional delay', { driver: { driver: 'construction-delay' }, change: '1.5' }, 'must be a whole number of years of delay between 0 and 4; got 1.5'],
    ['a delay of five years', { driver: { driver: 'construction-delay' }, change: 5 }, 'must be a whole number of years of delay between 0 and 4; got 5'],
    ['revenue −100%', { driver: { driver: 'revenue' }, change: '-1' }, 'must be between -0.95 and 5; got -1'],
    ['capex +600%', { driver: { driver: 'capex' }, change: '6' }, 'must be between -0.95 and 5; got 6'],
  ])('answers the same 422 on the deal stress and the portfolio stress for %s', async (_, change, message) => {
    const shock = { id: 'x', name: 'x', changes: [{ driver: { driver: 'revenue' }, change: '-0.1' }, change] };
    const english = { 'Accept-Language': 'en' };
    const deal = await t.call('POST', `/api/v1/deals/${garage}/stress`, { key: 'modeler', body: { cases: [shock] }, headers: english });
    const portfolio = await t.call('POST', path(), { key: 'modeler', body: { shocks: [shock] }, headers: english });
    expect(deal.status).toBe(422);
    expect(portfolio.status).toBe(422);
    expect(deal.body.errors).toEqual([{ path: 'cases[0].changes[1].change', code: 'OUT_OF_RANGE', message }]);
    expect(portfolio.body.errors).toEqual([{ ...deal.body.errors[0], path: 'shocks[0].changes[1].change' }]);
    expect(deal.body.code).toBe(portfolio.body.code);
  });

  it('documents the bounds once, in both request bodies of the OpenAPI document', async () => {
    const { components } = (await t.call('GET', '/openapi.json', { key: null })).body;
    const described = (schema: unknown) => JSON.stringify(schema).match(/"description":"(A driver and its change[^"]*)"/)?.[1];
    const bounds = described(components.schemas.StressRequest);
    expect(bounds).toContain('interest-rate-shift from -0.1 to 0.1');
    expect(bounds).toContain('construction-delay a whole number of years from 0 to 4');
    expect(described(components.schemas.PortfolioStressRequest)).toBe(bounds);
  });

  it('bounds the number of cases and shocks alike (at most 10), and refuses "base" and a repeated id on both', async () => {
    const shocks = Array.from({ length: 11 }, (_, i) => ({ id: `s${i}`, name: `s${i}`, changes: [{ driver: { driver: 'capex' }, change: '0.1' }] }));
    const deal = await t.call('POST', `/api/v1/deals/${garage}/stress`, { key: 'modeler', body: { cases: shocks } });
    const portfolio = await t.call('POST', path(), { key: 'modeler', body: { shocks } });
    expect(listErrors(deal)).toEqual(['cases TOO_BIG']);
    expect(listErrors(portfolio)).toEqual(['shocks TOO_BIG']);
    const twice = [shocks[0]!, { ...shocks[1]!, id: 'base' }, shocks[0]!];
    expect(listErrors(await t.call('POST', `/api/v1/deals/${garage}/stress`, { key: 'modeler', body: { cases: twice } }))).toEqual(['cases[1].id INVALID_VALUE', 'cases[2].id INVALID_VALUE']);
    expect(listErrors(await t.call('POST', path(), { key: 'modeler', body: { shocks: twice } }))).toEqual(['shocks[1].id INVALID_VALUE', 'shocks[2].id INVALID_VALUE']);
  });

  it('answers 404 for a portfolio the organisation does not see, sync or as a job', async () => {
    expect((await t.call('POST', path(), { key: 'strangerAdmin', body: DEMAND })).status).toBe(404);
    expect((await t.call('POST', path(), { key: 'strangerAdmin', body: DEMAND, headers: { Prefer: 'respond-async' } })).status).toBe(404);
  });
});
