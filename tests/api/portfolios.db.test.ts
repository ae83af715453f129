import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PORTFOLIO_SHEET } from '../../src/export/portfolio/portfolio-sheet-names.js';
import { createTestApp, listErrors, type KeyName, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let fuzhou: string;
let xiangtan: string;
beforeEach(async () => {
  t = await createTestApp();
  fuzhou = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
  xiangtan = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'xiangtan-heping' } })).body.id;
});
afterEach(() => t.close());

const definition = () => ({
  name: '鼓楼片区',
  members: [{ dealId: fuzhou, label: '福州' }, { dealId: xiangtan }],
  budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '60000000', growthRate: '0.03' },
});

describe('/api/v1/portfolios', () => {
  it('creates, reads, lists, replaces and deletes a portfolio; a reviewer key reads it but may not change it', async () => {
    const created = await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: definition() });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/v1/portfolios/${created.body.id}`);
    expect(created.body.portfolio.affordability).toEqual({ level: 'district', pppLimit: '0.1', governmentPayLimit: '0.05' });
    const id = created.body.id;
    expect((await t.call('GET', `/api/v1/portfolios/${id}`, { key: 'budget' })).body.name).toBe('鼓楼片区');
    expect((await t.call('GET', '/api/v1/portfolios', { key: 'budget' })).body.items).toHaveLength(1);
    expect((await t.call('PUT', `/api/v1/portfolios/${id}`, { key: 'reviewer', body: definition() })).status).toBe(403);
    expect((await t.call('POST', '/api/v1/portfolios', { key: 'reviewer', body: definition() })).status).toBe(403);
    const replaced = await t.call('PUT', `/api/v1/portfolios/${id}`, { key: 'modeler', body: { ...definition(), name: '鼓楼片区（二期）' } });
    expect(replaced.status).toBe(200);
    expect(replaced.body.name).toBe('鼓楼片区（二期）');
    expect((await t.call('DELETE', `/api/v1/portfolios/${id}`, { key: 'modeler' })).status).toBe(204);
    expect((await t.call('GET', `/api/v1/portfolios/${id}`)).status).toBe(404);
  });

  it('evaluates a portfolio for a budget key: totals are the members\' sums, affordability lists breaching years', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { body: definition() })).body.id;
    const reply = await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'budget' });
    expect(reply.status).toBe(200);
    const { result } = reply.body;
    expect(result.members.map((m: { label: string }) => m.label)).toEqual(['福州', expect.stringContaining('湘潭')]);
    const one = await t.call('POST', `/api/v1/deals/${fuzhou}/evaluate`);
    const two = await t.call('POST', `/api/v1/deals/${xiangtan}/evaluate`);
    const investment = (r: typeof one) => r.body.statements.projectCashFlow.rows.find((row: { key: string }) => row.key === 'constructionInvestment').total;
    const portfolioInvestment = result.statements.projectCashFlow.rows.find((row: { key: string }) => row.key === 'constructionInvestment').total;
    expect(Math.round(Number(portfolioInvestment) * 100)).toBe(Math.round(Number(investment(one)) * 100) + Math.round(Number(investment(two)) * 100));
    const fiscalDistrict = result.statements.fiscalView.rows.find((row: { key: string }) => row.key === 'district.outflows');
    expect(fiscalDistrict.values).toHaveLength(result.years.length);
    expect(result.affordability.pppLimit).toBe('0.1');
    for (const year of result.affordability.pppBreaches) {
      const row = result.affordability.years.find((y: { year: number }) => y.year === year);
      expect(Number(row.pppRatio)).toBeGreaterThan(0.1);
    }
  });

  it('keeps organisations apart: another organisation\'s portfolio answers 404, and its deals cannot be members', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { body: definition() })).body.id;
    expect((await t.call('GET', `/api/v1/portfolios/${id}`, { key: 'strangerAdmin' })).status).toBe(404);
    expect((await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'strangerAdmin' })).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/portfolios/${id}`, { key: 'strangerAdmin' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/portfolios', { key: 'strangerAdmin' })).body.items).toEqual([]);
    const theirs = await t.call('POST', '/api/v1/portfolios', { key: 'strangerAdmin', body: definition() });
    expect(theirs.status).toBe(422);
    expect(listErrors(theirs)).toEqual(['members[0] MEMBER_NOT_VISIBLE', 'members[1] MEMBER_NOT_VISIBLE']);
  });

  it('shows the bonds against the fund budget and the quota, and the bonds-as-capital cap by province (methodology §10.10)', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { body: { ...definition(), bondQuota: [{ year: 2027, available: '1' }], bondCapitalCap: '0.05' } })).body.id;
    const { result } = (await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'budget' })).body;
    // 福州's district bond counts a share as 项目资本金: above a 5% cap for its province; a 1 元 quota is exceeded in 2027.
    expect(result.bondCapital.cap).toBe('0.05');
    expect(result.bondCapital.breaches.map((b: { code: string; path: string }) => `${b.path} ${b.code}`)).toEqual(['bondCapitalCap BOND_CAPITAL_OVER_CAP']);
    expect(result.fundBudget.quotaBreaches).toEqual([2027]);
    expect(result.fundBudget.years).toHaveLength(result.years.length);
    const bad = await t.call('POST', '/api/v1/portfolios', { body: { ...definition(), bondQuota: [{ year: 2027, available: '1' }, { year: 2027, available: '2' }], bondCapitalCap: '2' } });
    expect(bad.status).toBe(422);
    expect(listErrors(bad)).toEqual(expect.arrayContaining(['bondQuota[1].year INVALID_VALUE', 'bondCapitalCap OUT_OF_RANGE']));
  });

  it('answers 422 naming each bad field of a definition', async () => {
    const reply = await t.call('POST', '/api/v1/portfolios', {
      body: { name: '', members: [], budget: { kind: 'growth', baseYear: 2027 }, affordability: { pppLimit: 10 } },
    });
    expect(reply.status).toBe(422);
    expect(listErrors(reply)).toEqual([
      'affordability.pppLimit OUT_OF_RANGE',
      'budget.baseExpenditure INVALID_VALUE',
      'budget.growthRate INVALID_VALUE',
      'members TOO_SMALL',
      'name TOO_SMALL',
    ]);
  });
});

describe('GET /api/v1/portfolios/{id}/term-sheet.xlsx', () => {
  const download = async (path: string, key: KeyName) => {
    const response = await t.app.request(path, { headers: { Authorization: `Bearer ${t.keys[key]}` } });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };

  it('answers the portfolio workbook to any role of the organisation, a budget key included, named after the portfolio', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: definition() })).body.id;
    for (const key of ['budget', 'reviewer', 'modeler'] as const) {
      const reply = await download(`/api/v1/portfolios/${id}/term-sheet.xlsx?asOf=2026-03-01`, key);
      expect(reply.status, key).toBe(200);
      expect(reply.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="portfolio-${id}.xlsx"; filename*=UTF-8''${encodeURIComponent('鼓楼片区-片区汇总.xlsx')}`);
    }
    const reply = await download(`/api/v1/portfolios/${id}/term-sheet.xlsx`, 'budget');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(reply.bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(Object.values(PORTFOLIO_SHEET));
    // The construction investment the workbook sums is the one POST /evaluate reports.
    const evaluated = (await t.call('POST', `/api/v1/portfolios/${id}/evaluate`, { key: 'budget' })).body.result;
    const sheet = book.getWorksheet(PORTFOLIO_SHEET.projectCashFlow)!;
    const row = sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === 'constructionInvestment')!;
    const expected = evaluated.statements.projectCashFlow.rows.find((r: { key: string }) => r.key === 'constructionInvestment').total;
    expect((row.getCell(4).value as ExcelJS.CellFormulaValue).result).toBe(Number(expected));
  });

  it('is 404 for another organisation\'s portfolio and an unknown one; a bad as-of date is 400 naming it', async () => {
    const id = (await t.call('POST', '/api/v1/portfolios', { body: definition() })).body.id;
    expect((await t.call('GET', `/api/v1/portfolios/${id}/term-sheet.xlsx`, { key: 'strangerAdmin' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/portfolios/pf_nope/term-sheet.xlsx', { key: 'budget' })).status).toBe(404);
    const bad = await t.call('GET', `/api/v1/portfolios/${id}/term-sheet.xlsx?asOf=2026-13-01`, { key: 'budget' });
    expect(bad.status).toBe(400);
    expect(listErrors(bad)).toEqual(['asOf INVALID_FORMAT']);
  });

  it('answers 422 naming the member whose deal is no longer shared with the organisation', async () => {
    await t.call('POST', `/api/v1/deals/${fuzhou}/shares`, { key: 'modeler', body: { organisation: 'policy-bank' } });
    const theirs = await t.call('POST', '/api/v1/portfolios', { key: 'bankModeler', body: { name: '银行视角', members: [{ dealId: fuzhou }] } });
    expect(theirs.status).toBe(201);
    expect((await download(`/api/v1/portfolios/${theirs.body.id}/term-sheet.xlsx`, 'bankReviewer')).status).toBe(200);
    await t.call('DELETE', `/api/v1/deals/${fuzhou}/shares/policy-bank`, { key: 'modeler' });
    const reply = await t.call('GET', `/api/v1/portfolios/${theirs.body.id}/term-sheet.xlsx`, { key: 'bankReviewer' });
    expect(reply.status).toBe(422);
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
    expect(listErrors(reply)).toEqual(['members[0] MEMBER_NOT_VISIBLE']);
  });
});
