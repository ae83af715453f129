import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHEET, STRESS_SHEET } from '../../src/export/sheet-names.js';
import { createTestApp, NOW, type TestApp } from './helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DAY_MS = 24 * 60 * 60 * 1000;

let t: TestApp;
let dealId: string;
beforeEach(async () => {
  t = await createTestApp();
  dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y', name: '鼓楼试点' } })).body.id;
});
afterEach(() => t.close());

/** Open a link as a browser would: no Authorization header, only the URL's path (the app answers any origin). */
async function open(url: string) {
  const { pathname } = new URL(url);
  const response = await t.app.request(pathname);
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, headers: response.headers, bytes, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
}

async function readNpv(bytes: Buffer): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const checks = book.getWorksheet(SHEET.checks)!;
  return checks.getRow(checks.getColumn(1).values.findIndex((v) => v === 'projectNpvAfterTax')).getCell(5).value as number;
}

const fileNameOf = (headers: Headers) => decodeURIComponent(headers.get('content-disposition')!.split("UTF-8''")[1]!);

describe('POST /api/v1/deals/{id}/term-sheet-links', () => {
  it('gives a bank without a key a link to the revision it was made for, for 24 hours by default', async () => {
    await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    const made = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'bankReviewer' });
    expect(made.status).toBe(201);
    // Hand-worked: NOW is 2026-03-01T02:00Z; plus 86 400 s is 2026-03-02T02:00Z. "Today" in Asia/Shanghai is 2026-03-01.
    expect(made.body).toMatchObject({ expiresAt: '2026-03-02T02:00:00.000Z', dealId, revision: 1, scenario: null, include: [], asOf: '2026-03-01', fileName: '鼓楼试点-条款摘要-第1版.xlsx' });
    expect(made.body.url).toMatch(/^http:\/\/localhost\/api\/v1\/term-sheet-links\/v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const reply = await open(made.body.url);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(XLSX);
    expect(reply.headers.get('cache-control')).toBe('private, no-store');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('content-disposition')).toContain(`filename="term-sheet-${dealId}-r1.xlsx"`);
    expect(fileNameOf(reply.headers)).toBe(made.body.fileName);
    expect(await readNpv(reply.bytes)).toBeCloseTo(Number((await t.call('POST', `/api/v1/deals/${dealId}/evaluate?revision=1&asOf=2026-03-01`)).body.metrics.projectNpvAfterTax), 1);
  });

  it('keeps showing its revision after the deal gets a new one', async () => {
    const made = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: {} })).body;
    const deal = (await t.call('GET', `/api/v1/deals/${dealId}`)).body.deal;
    expect((await t.call('PUT', `/api/v1/deals/${dealId}`, { body: { ...deal, discountRate: '0.09' }, headers: { 'If-Match': '"1"' } })).status).toBe(200);
    const npv1 = Number((await t.call('POST', `/api/v1/deals/${dealId}/evaluate?revision=1&asOf=2026-03-01`)).body.metrics.projectNpvAfterTax);
    const npv2 = Number((await t.call('POST', `/api/v1/deals/${dealId}/evaluate?revision=2&asOf=2026-03-01`)).body.metrics.projectNpvAfterTax);
    expect(npv2).toBeLessThan(npv1); // a higher discount rate lowers the NPV, so the two revisions are told apart
    const reply = await open(made.url);
    expect(reply.status).toBe(200);
    expect(await readNpv(reply.bytes)).toBeCloseTo(npv1, 1);
    expect(fileNameOf(reply.headers)).toBe('鼓楼试点-条款摘要-第1版.xlsx');
    // A new link made now shows revision 2.
    const latest = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer' })).body;
    expect(latest.revision).toBe(2);
    expect(await readNpv((await open(latest.url)).bytes)).toBeCloseTo(npv2, 1);
  });

  it('answers 410 problem+json from the instant it expires, with the instant', async () => {
    const made = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { expiresInSeconds: 3600 } })).body;
    expect(made.expiresAt).toBe('2026-03-01T03:00:00.000Z');
    t.advanceClock(3600 * 1000 - 1);
    expect((await open(made.url)).status).toBe(200);
    t.advanceClock(1);
    const expired = await open(made.url);
    expect(expired.status).toBe(410);
    expect(expired.headers.get('content-type')).toContain('application/problem+json');
    expect(expired.body).toMatchObject({ status: 410, code: 'LINK_EXPIRED' });
    expect(expired.body.detail).toContain('2026-03-01T03:00:00.000Z');
    // The token is the link's credential: the problem names the route, never the token.
    const token = made.url.split('/').at(-1) as string;
    expect(expired.body.instance).toBe('/api/v1/term-sheet-links/{token}');
    expect(JSON.stringify(expired.body)).not.toContain(token);
    // Nor in the problem of a path under the link that is no route (401 without a key; 404 with one).
    const nowhere = await open(`${made.url}/extra`);
    expect(nowhere.status).toBe(401);
    expect(JSON.stringify(nowhere.body)).not.toContain(token);
    const unknown = await t.call('GET', `${new URL(made.url).pathname}/extra`, { key: 'reviewer' });
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(unknown.body)).not.toContain(token);
  });

  it('answers 403 LINK_INVALID for any change to the link, and for a link another service signed', async () => {
    const made = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer' })).body;
    const token = made.url.split('/').at(-1) as string;
    const [version, payload, signature] = token.split('.');
    // The same grant with a later expiry, re-encoded: the signature no longer matches.
    const grant = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
    const extended = Buffer.from(JSON.stringify({ ...grant, e: grant.e + 365 * DAY_MS }), 'utf8').toString('base64url');
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const other = await createTestApp({ linkSigningSecret: 'another-service-link-secret-0123456789' });
    const foreign = (await other.call('POST', `/api/v1/deals/${(await other.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id}/term-sheet-links`, { key: 'reviewer' })).body.url.split('/').at(-1);
    other.close();
    for (const altered of [
      `${version}.${extended}.${signature}`,
      `${version}.${payload}.${flip(signature!, 5)}`,
      // The last of 43 characters holds 4 bits of the signature and 2 unused ones: a spelling that differs only there decodes to the same bytes.
      `${version}.${payload}.${signature!.slice(0, -1)}${'AEIMQUYcgkosw048'.includes(signature!.at(-1)!) ? String.fromCharCode(signature!.charCodeAt(42) + 1) : String.fromCharCode(signature!.charCodeAt(42) - 1)}`,
      `${version}.${payload}.${signature}x`,
      `${version}.${flip(payload!, 3)}.${signature}`,
      `v2.${payload}.${signature}`,
      `${version}.${payload}`,
      `${version}.${payload}.${signature!.slice(0, -2)}`,
      foreign,
      'not-a-link',
    ]) {
      const reply = await open(`http://localhost/api/v1/term-sheet-links/${altered}`);
      expect(reply.status, altered).toBe(403);
      expect(reply.body, altered).toMatchObject({ code: 'LINK_INVALID' });
    }
    expect((await open(made.url)).status).toBe(200);
  });

  it('stops working at once when the key that made it is revoked, or the deal is no longer shared', async () => {
    await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    const bankLink = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'bankReviewer' })).body.url;
    const ownLink = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer' })).body.url;
    expect((await open(bankLink)).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/deals/${dealId}/shares/policy-bank`, { key: 'modeler' })).status).toBe(204);
    expect((await open(bankLink)).body).toMatchObject({ status: 403, code: 'LINK_INVALID' });

    const reviewerKeyId = (await t.call('GET', '/api/v1/me', { key: 'reviewer' })).body.keyId;
    expect((await open(ownLink)).status).toBe(200);
    expect((await t.call('DELETE', `/api/v1/keys/${reviewerKeyId}`, { key: 'admin' })).status).toBe(204);
    expect((await open(ownLink)).body).toMatchObject({ status: 403, code: 'LINK_INVALID' });
  });

  it('carries a scenario on its revision and the analysis sheets, named in the file', async () => {
    const scenario = (await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key: 'modeler', body: { name: '高折现', revision: 1, overrides: { discountRate: '0.1' } } })).body;
    const made = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { scenario: scenario.id, include: 'stress', asOf: '2026-06-30' } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ revision: 1, scenario: scenario.id, include: ['stress'], asOf: '2026-06-30', fileName: '鼓楼试点-条款摘要-第1版-情景高折现-压力测试.xlsx' });
    const reply = await open(made.body.url);
    expect(reply.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.at(-1)!.name).toBe(STRESS_SHEET);
    const scenarioNpv = Number((await t.call('POST', `/api/v1/deals/${dealId}/scenarios/${scenario.id}/evaluate?asOf=2026-06-30`)).body.metrics.projectNpvAfterTax);
    const baseNpv = Number((await t.call('POST', `/api/v1/deals/${dealId}/evaluate?asOf=2026-06-30`)).body.metrics.projectNpvAfterTax);
    expect(scenarioNpv).toBeLessThan(baseNpv); // the scenario's 10% rate, not the revision's own 6%, is what the link shows
    expect(await readNpv(reply.bytes)).toBeCloseTo(scenarioNpv, 1);
    expect(reply.headers.get('content-disposition')).toContain(`filename="term-sheet-${dealId}-r1-${scenario.id}-stress.xlsx"`);
    // The scenario deleted: the link no longer shows anything.
    expect((await t.call('DELETE', `/api/v1/deals/${dealId}/scenarios/${scenario.id}`, { key: 'modeler' })).status).toBe(204);
    expect((await open(made.body.url)).body).toMatchObject({ code: 'LINK_INVALID' });
  });

  it('answers 422 naming each bad field, 404 for what the key may not see, and records each link in the audit log', async () => {
    const bad = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { expiresInSeconds: 8 * 24 * 3600, include: 'tornado', colour: 'red' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'include']);
    const tooLong = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { expiresInSeconds: 7 * 24 * 3600 + 1 } });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'expiresInSeconds', code: 'TOO_LONG' })]);
    const tooShort = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { expiresInSeconds: 59 } });
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ path: 'expiresInSeconds' })]);
    const drawsAlone = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { draws: '100' } });
    expect(drawsAlone.status).toBe(422);
    expect(drawsAlone.body.errors).toEqual([expect.objectContaining({ path: 'draws', code: 'NEEDS_SIMULATION' })]);
    const badDraws = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { include: 'simulation', draws: '0' } });
    expect(badDraws.status).toBe(422);
    expect(badDraws.body.errors).toEqual([expect.objectContaining({ path: 'draws' })]);
    const scenario = (await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key: 'modeler', body: { name: 's', revision: 1, overrides: {} } })).body;
    const conflict = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { scenario: scenario.id, revision: 2 } });
    expect(conflict.status).toBe(422);
    expect(conflict.body.errors).toEqual([expect.objectContaining({ path: 'revision', code: 'CONFLICTS_WITH_SCENARIO' })]);
    expect((await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { revision: 9 } })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'bankReviewer' })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: null })).status).toBe(401);
    const malformed = await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', rawBody: '{"include":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);

    const made = (await t.call('POST', `/api/v1/deals/${dealId}/term-sheet-links`, { key: 'reviewer', body: { include: 'sensitivity,stress' } })).body;
    expect(made.include).toEqual(['stress', 'sensitivity']);
    const log = (await t.call('GET', '/api/v1/audit-log', { key: 'admin' })).body.items;
    expect(log[0]).toMatchObject({ action: 'term-sheet-link.created', subjectType: 'deal', subjectId: dealId, detail: { revision: 1, scenario: null, include: ['stress', 'sensitivity'], asOf: '2026-03-01', expiresAt: made.expiresAt } });
    expect(log.filter((e: { action: string }) => e.action === 'term-sheet-link.created')).toHaveLength(1);
  });

  it('points at the configured public origin, and a link made with a shorter default lives that long', async () => {
    const proxied = await createTestApp({ publicBaseUrl: 'https://planner.example.org/', termSheetLinkDefaultTtlSeconds: 600 });
    const id = (await proxied.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
    const made = (await proxied.call('POST', `/api/v1/deals/${id}/term-sheet-links`, { key: 'reviewer' })).body;
    proxied.close();
    expect(made.url.startsWith('https://planner.example.org/api/v1/term-sheet-links/v1.')).toBe(true);
    expect(made.expiresAt).toBe(new Date(NOW.getTime() + 600_000).toISOString());
  });
});
