import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOND_BALANCE_SHEET, SHEET, SHEET_ORDER, SIMULATION_SHEET, STRESS_SHEET } from '../../src/export/sheet-names.js';
import { createTestApp, listErrors, readTemplate, type KeyName, type TestApp } from './helpers/test-app.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestApp;
let dealId: string;
beforeEach(async () => {
  t = await createTestApp();
  dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y', name: '鼓楼试点（一期）' } })).body.id;
});
afterEach(() => t.close());

/** A download through the real app: status, headers and the bytes. */
async function download(method: string, path: string, key: KeyName, body?: unknown) {
  const headers: Record<string, string> = { Authorization: `Bearer ${t.keys[key]}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await t.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

async function readCheck(bytes: Buffer, key: string): Promise<number> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const checks = book.getWorksheet(SHEET.checks)!;
  const row = checks.getColumn(1).values.findIndex((v) => v === key);
  return checks.getRow(row).getCell(5).value as number;
}

describe('GET /api/v1/deals/{id}/term-sheet.xlsx', () => {
  it('answers the workbook, named after the deal in Chinese (RFC 5987), for any role that sees the deal', async () => {
    for (const key of ['reviewer', 'budget', 'modeler'] as const) {
      const reply = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, key);
      expect(reply.status, key).toBe(200);
      expect(reply.headers.get('content-type')).toBe(XLSX);
      expect(reply.bytes.subarray(0, 2).toString()).toBe('PK');
      const disposition = reply.headers.get('content-disposition')!;
      // RFC 6266 / 5987: the ASCII name for old clients, the Chinese one percent-encoded as UTF-8, both naming the revision.
      expect(disposition).toBe(`attachment; filename="term-sheet-${dealId}-r1.xlsx"; filename*=UTF-8''${encodeURIComponent('鼓楼试点（一期）-条款摘要-第1版.xlsx').replace('(', '%28').replace(')', '%29')}`);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('鼓楼试点（一期）-条款摘要-第1版.xlsx');
    }
  });

  it('is 404 for another organisation until the deal is shared with it', async () => {
    expect((await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, 'bankReviewer')).status).toBe(404);
    expect((await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, 'strangerAdmin')).status).toBe(404);
    await t.call('POST', `/api/v1/deals/${dealId}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    expect((await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, 'bankReviewer')).status).toBe(200);
    expect((await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, 'strangerAdmin')).status).toBe(404);
  });

  it('exports an older revision, and a scenario of the deal', async () => {
    const deal = (await t.call('GET', `/api/v1/deals/${dealId}`)).body.deal;
    await t.call('PUT', `/api/v1/deals/${dealId}`, { body: { ...deal, discountRate: '0.08' }, headers: { 'If-Match': '"1"' } });
    const current = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, 'reviewer');
    const first = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?revision=1`, 'reviewer');
    const npvAt8 = await readCheck(current.bytes, 'projectNpvAfterTax');
    const npvAt6 = await readCheck(first.bytes, 'projectNpvAfterTax');
    expect(npvAt6).toBeCloseTo(Number((await t.call('POST', `/api/v1/deals/${dealId}/evaluate?revision=1`)).body.metrics.projectNpvAfterTax), 1);
    expect(npvAt8).toBeLessThan(npvAt6);

    const scenario = (await t.call('POST', `/api/v1/deals/${dealId}/scenarios`, { key: 'modeler', body: { name: '折现率 10%', revision: 1, overrides: { discountRate: '0.1' } } })).body;
    const ofScenario = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?scenario=${scenario.id}`, 'reviewer');
    expect(ofScenario.status).toBe(200);
    expect(await readCheck(ofScenario.bytes, 'projectNpvAfterTax')).toBeLessThan(npvAt8);
    const conflicting = await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?scenario=${scenario.id}&revision=2`, { key: 'reviewer' });
    expect(conflicting.status).toBe(400);
    expect(conflicting.body.errors).toEqual([expect.objectContaining({ path: 'revision', code: 'CONFLICTS_WITH_SCENARIO' })]);

    // Each download is named for what it holds: two revisions, and the scenario on its base revision.
    const nameOf = (reply: { headers: Headers }) => decodeURIComponent(reply.headers.get('content-disposition')!.split("UTF-8''")[1]!);
    expect(nameOf(current)).toBe('鼓楼试点（一期）-条款摘要-第2版.xlsx');
    expect(nameOf(first)).toBe('鼓楼试点（一期）-条款摘要-第1版.xlsx');
    expect(nameOf(ofScenario)).toBe('鼓楼试点（一期）-条款摘要-第1版-情景折现率 10%.xlsx');
    expect(ofScenario.headers.get('content-disposition')).toContain(`filename="term-sheet-${dealId}-r1-${scenario.id}.xlsx"`);
  });

  it('answers problems as problem+json: unknown revision or scenario 404, bad query 400, no key 401', async () => {
    const missingRevision = await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?revision=9`, { key: 'reviewer' });
    expect(missingRevision.status).toBe(404);
    expect(missingRevision.headers.get('content-type')).toContain('application/problem+json');
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?scenario=scn_nope`)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?revision=zero`)).status).toBe(400);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx`, { key: null })).status).toBe(401);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=tornado`)).status).toBe(400);
  });

  it('adds the lender stress pack as a last sheet with include=stress', async () => {
    const reply = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=stress`, 'reviewer');
    expect(reply.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.bytes as unknown as ArrayBuffer);
    // The fourteen sheets, the 专项债 自求平衡 sheet of the deal's bond, then the stress pack.
    expect(book.worksheets.map((s) => s.name)).toEqual([...SHEET_ORDER.map((id) => SHEET[id]), BOND_BALANCE_SHEET, STRESS_SHEET]);
  });
});

/** Column B of the row whose column A or B reads `label`, on the Monte Carlo sheet. */
async function readSimulationSheet(bytes: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(SIMULATION_SHEET)!;
  const rowOf = (label: string) => sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === label || r.getCell(2).value === label)!;
  return { names: book.worksheets.map((s) => s.name), rowOf };
}

describe('term sheets with include=simulation', () => {
  it('add a Monte Carlo sheet over the default variables with draws and seed from the query: the numbers POST /simulate gives', async () => {
    const reply = await download('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=stress,simulation&draws=20&seed=3&irrTarget=0.05`, 'budget');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain(`filename="term-sheet-${dealId}-r1-stress-simulation-20-seed3.xlsx"`);
    expect(decodeURIComponent(reply.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('鼓楼试点（一期）-条款摘要-第1版-压力测试-模拟20次-种子3.xlsx');
    const { names, rowOf } = await readSimulationSheet(reply.bytes);
    expect(names.slice(-2)).toEqual([STRESS_SHEET, SIMULATION_SHEET]);
    expect([rowOf('抽样次数 Draws').getCell(2).value, rowOf('随机种子 Seed').getCell(2).value, rowOf('IRR 目标 IRR target').getCell(2).value]).toEqual([20, 3, 0.05]);
    // The variables as the sheet lists them (distribution in B, its parameters in C–I) are the request that ran.
    const readDistribution = (row: ExcelJS.Row) => {
      const parameters = ['min', 'mode', 'max', 'mean', 'sd', 'mu', 'sigma'].map((name, i) => [name, row.getCell(3 + i).value] as const).filter(([, v]) => v !== null);
      return { kind: row.getCell(2).value, ...Object.fromEntries(parameters.map(([name, v]) => [name, String(v)])) };
    };
    const variables = ['revenue', 'capex', 'opex', 'interest-rate'].map((driver) => ({ driver: { driver }, distribution: readDistribution(rowOf(driver)) }));
    const request = { variables, draws: 20, seed: 3, irrTarget: '0.05' };
    const json = (await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'budget', body: request })).body.result;
    expect(rowOf('equityIrr').getCell(5).value).toBe(Number(json.percentiles.equityIrr.p50));
    expect(rowOf('minDscr').getCell(4).value).toBe(Number(json.percentiles.minDscr.p5));
    expect(rowOf('equityIrrBelowTarget').getCell(3).value).toBe(Number(json.probabilities.equityIrrBelowTarget));
  });

  it('work on a deal in the body too, with the default 1000 draws unless told', async () => {
    const reply = await download('POST', '/api/v1/term-sheet?asOf=2026-03-01&include=simulation&draws=10', 'reviewer', readTemplate('shenzhen-elevator'));
    expect(reply.status).toBe(200);
    const { names, rowOf } = await readSimulationSheet(reply.bytes);
    // The standard sheets (no bond for 深圳) and the simulation after them.
    expect(names).toHaveLength(SHEET_ORDER.length + 1);
    expect(rowOf('抽样次数 Draws').getCell(2).value).toBe(10);
    expect(rowOf('随机种子 Seed').getCell(2).value).toBe(1);
  });

  it('answer 400 naming each bad simulation parameter, and any given without include=simulation; 404 for another organisation', async () => {
    const bad = await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=simulation&draws=0&seed=x&irrTarget=6`, { key: 'reviewer' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(listErrors(bad)).toEqual(['draws TOO_SMALL', 'irrTarget OUT_OF_RANGE', 'seed INVALID_TYPE']);
    const orphan = await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?draws=100`, { key: 'reviewer' });
    expect(orphan.status).toBe(400);
    expect(listErrors(orphan)).toEqual(['draws NEEDS_SIMULATION']);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=simulation,tornado`, { key: 'reviewer' })).status).toBe(400);
    expect((await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=simulation&draws=5`, { key: 'strangerAdmin' })).status).toBe(404);
  });
});

describe('POST /api/v1/term-sheet', () => {
  it('answers the workbook of the deal in the body without storing it', async () => {
    const before = (await t.call('GET', '/api/v1/deals')).body.total;
    const reply = await download('POST', '/api/v1/term-sheet?asOf=2026-03-01', 'reviewer', readTemplate('lugu-package'));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(reply.headers.get('content-disposition')).toContain('filename="term-sheet-lugu-package.xlsx"');
    expect((await t.call('GET', '/api/v1/deals')).body.total).toBe(before);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.bytes as unknown as ArrayBuffer);
    expect(book.worksheets).toHaveLength(SHEET_ORDER.length);
  });

  it('answers 422 naming every bad field, and 415 for a body that is not JSON', async () => {
    const bad = { ...readTemplate('lugu-package'), discountRate: 6 };
    const reply = await t.call('POST', '/api/v1/term-sheet', { body: bad });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toEqual([expect.objectContaining({ path: 'discountRate', code: 'OUT_OF_RANGE' })]);
    expect((await t.call('POST', '/api/v1/term-sheet', { rawBody: 'x', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
  });
});
