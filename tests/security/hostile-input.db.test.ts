import { describe, expect, it } from 'vitest';
import { createTestApp, readTemplate, type Reply } from '../api/helpers/test-app.js';
import { listTextCells, readXlsxParts } from './read-xlsx-parts.js';

/**
 * Issue 12, items 1–7 and 10 (the parts answered at validation): each hostile body reproduced through
 * the real app, and each answered with a 4xx problem+json (or a result) instead of a 5xx.
 */
const t = await createTestApp();
// 福州 with its bond's earmark dropped: the cases replace its revenue, so the car park the earmark names is gone.
const fuzhou = () => {
  const deal = readTemplate('fuzhou-gulou-25y');
  for (const source of (deal.funding as { sources: Array<Record<string, unknown>> }).sources) delete source.earmark;
  return deal;
};
const customStream = (i: number, formula: string) => ({ id: `c${i}`, name: `公式 ${i}`, driver: 'custom', formula, inputs: { m: '100' } });
const codesAt = (reply: Reply) => (reply.body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`);

async function createDeal(body: unknown = fuzhou()): Promise<string> {
  const created = await t.call('POST', '/api/v1/deals', { body });
  expect(created.status, JSON.stringify(created.body).slice(0, 300)).toBe(201);
  return created.body.id;
}

describe('item 1: the formula cost bomb', () => {
  const bomb = `${'exp(log('.repeat(190)}m${'))'.repeat(190)}`;
  const bombDeal = () => ({ ...fuzhou(), revenue: Array.from({ length: 100 }, (_, i) => customStream(i, bomb)) });

  it('100 streams of exp(log( ×190 m )) ×190 are refused at validation, each formula named, on every route that takes a deal', async () => {
    for (const [method, path] of [['POST', '/api/v1/evaluate'], ['POST', '/api/v1/deals'], ['POST', '/api/v1/term-sheet']] as const) {
      const reply = await t.call(method, path, { body: bombDeal() });
      expect(reply.status, path).toBe(422);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      // 100 problems: one per formula, each at its own path.
      expect(reply.body.errors).toHaveLength(100);
      expect(codesAt(reply)[99]).toBe('revenue[99].formula FORMULA_TOO_COMPLEX');
      expect(reply.body.errors[0].message).toMatch(/380|16/);
    }
  });

  it('formulas each within bounds but too costly together are refused as EVALUATION_TOO_COSTLY naming the bound', async () => {
    // Each: 5 × exp(log(m)) added = 5 × (exp 100 + log 100 + their two name symbols 2 + m 1) + 4 "+"
    // + 10 overhead = 1,029 units a year; 100 streams × 25 years × 1,029 = 2,572,500 units > 50,000.
    const heavy = Array.from({ length: 5 }, () => 'exp(log(m))').join(' + ');
    const reply = await t.call('POST', '/api/v1/evaluate', { body: { ...fuzhou(), revenue: Array.from({ length: 100 }, (_, i) => customStream(i, heavy)) } });
    expect(reply.status).toBe(422);
    expect(codesAt(reply)).toEqual(['revenue EVALUATION_TOO_COSTLY']);
    expect(reply.body.errors[0].message).toContain('2572500');
    expect(reply.body.errors[0].message).toContain('50000');
  });

  it('one such formula alone is cheap enough and evaluates', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate', { body: { ...fuzhou(), revenue: [...fuzhou().revenue, customStream(0, 'exp(log(m))')] } });
    expect(reply.status).toBe(200);
  });
});

describe('item 2: stack overflow in compile', () => {
  const minusDeal = () => ({ ...fuzhou(), revenue: [customStream(0, `${'-'.repeat(1994)}m`)] });

  it('~1,994 unary minus signs give 422 on POST /deals and PUT /deals/{id}, not a 500', async () => {
    const created = await t.call('POST', '/api/v1/deals', { body: minusDeal() });
    expect(created.status).toBe(422);
    expect(codesAt(created)).toEqual(['revenue[0].formula FORMULA_TOO_COMPLEX']);
    const id = await createDeal();
    const put = await t.call('PUT', `/api/v1/deals/${id}`, { body: minusDeal(), headers: { 'If-Match': '"1"' } });
    expect(put.status).toBe(422);
    expect(codesAt(put)).toEqual(['revenue[0].formula FORMULA_TOO_COMPLEX']);
    // Nothing was stored: the deal is still at revision 1 and evaluates.
    expect((await t.call('GET', `/api/v1/deals/${id}`)).headers.get('etag')).toBe('"1"');
  });
});

describe('item 3: deep and wide JSON', () => {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;

  it('[ ×10,000 ] ×10,000 is 400 JSON_TOO_DEEP naming the limit on every JSON body route', async () => {
    const id = await createDeal();
    const routes: [string, string, Record<string, string>?][] = [
      ['POST', '/api/v1/evaluate'],
      ['POST', '/api/v1/deals'],
      ['PUT', `/api/v1/deals/${id}`, { 'If-Match': '"1"' }],
      ['POST', '/api/v1/term-sheet'],
      ['POST', `/api/v1/deals/${id}/scenarios`],
      ['POST', '/api/v1/portfolios'],
      ['POST', `/api/v1/deals/${id}/solve`],
      ['POST', `/api/v1/deals/${id}/sensitivity`],
      ['POST', `/api/v1/deals/${id}/stress`],
      ['POST', `/api/v1/deals/${id}/simulate`],
    ];
    for (const [method, path, headers] of routes) {
      const reply = await t.call(method, path, { rawBody: deep, headers: { 'Content-Type': 'application/json', ...headers } });
      expect(reply.status, path).toBe(400);
      expect(reply.body.code).toBe('JSON_TOO_DEEP');
      expect(reply.body.detail).toContain('64');
    }
  });

  it('nesting in strings does not count, and a deal (about 6 levels) passes', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate', { body: { ...fuzhou(), name: `${'['.repeat(150)}名称` } });
    expect(reply.status).toBe(200);
  });

  it('990 custom streams (over the 100-stream limit) are refused before any formula is compiled', async () => {
    // Each formula is a bomb: had any been compiled, a FORMULA_TOO_COMPLEX problem would be listed.
    const bomb = `${'exp(log('.repeat(190)}m${'))'.repeat(190)}`;
    const reply = await t.call('POST', '/api/v1/deals', { body: { ...fuzhou(), revenue: Array.from({ length: 990 }, (_, i) => customStream(i, bomb)) } });
    expect(reply.status).toBe(422);
    expect(codesAt(reply)).toEqual(['revenue TOO_BIG']);
    expect(reply.body.errors[0].message).toContain('has 990 elements; at most 100 are allowed');
  });
});

describe('item 4: a capex item of 0 元', () => {
  it('the public car park of fuzhou-gulou-25y at "0" is stored, and evaluates, exports, stresses and runs sensitivity', async () => {
    const deal = fuzhou();
    const park = deal.capex.find((c: { id: string }) => c.id === 'fz-parking-public');
    park.amount = '0';
    const id = await createDeal(deal);
    expect((await t.call('POST', `/api/v1/deals/${id}/evaluate`)).status).toBe(200);
    const sheet = await t.call('GET', `/api/v1/deals/${id}/term-sheet.xlsx`);
    expect(sheet.status).toBe(200);
    expect((await t.call('POST', `/api/v1/deals/${id}/stress`, { body: {} })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/deals/${id}/sensitivity`, { body: { steps: ['0.1'], delaySteps: [1], switching: null } })).status).toBe(200);
  });

  it('every capex item at 0 evaluates: the special bond then draws nothing and has no coverage ratio', async () => {
    const deal = fuzhou();
    for (const item of deal.capex) item.amount = '0';
    const reply = await t.call('POST', '/api/v1/evaluate', { body: deal });
    expect([200, 422]).toContain(reply.status);
    if (reply.status === 200) expect(reply.body.metrics.bondCoverageNet ?? null).toBeNull();
  });
});

describe('items 5 and 6: strings that cannot be stored or exported', () => {
  it.each([
    ['a lone high surrogate', '鼓楼\ud800'],
    ['a lone low surrogate', '\udc00鼓楼'],
    ['U+FFFE', '鼓楼\ufffe'],
    ['U+FFFF', '鼓楼\uffff'],
    ['a C0 control', '鼓楼\u0007'],
  ])('%s in a deal name is 422 INVALID_CHARACTER at "name"', async (_what, name) => {
    const reply = await t.call('POST', '/api/v1/deals', { body: { ...fuzhou(), name } });
    expect(reply.status).toBe(422);
    expect(codesAt(reply)).toEqual(['name INVALID_CHARACTER']);
  });

  it('the same check holds for labels deep in the deal, scenario names and portfolio names; tabs, line breaks and emoji are fine', async () => {
    const deal = fuzhou();
    deal.capex[2].name = 'x\uffff';
    deal.meta = { ...deal.meta, description: '第一行\n第二行\t😀' };
    const reply = await t.call('POST', '/api/v1/deals', { body: deal });
    expect(codesAt(reply)).toEqual(['capex[2].name INVALID_CHARACTER']);
    const id = await createDeal();
    const scenario = await t.call('POST', `/api/v1/deals/${id}/scenarios`, { body: { name: '情景\ud83d', overrides: {} } });
    expect(scenario.status).toBe(422);
    expect(codesAt(scenario)).toEqual(['name INVALID_CHARACTER']);
    const portfolio = await t.call('POST', '/api/v1/portfolios', { body: { name: '片区\u0000', members: [{ dealId: id }], budget: { kind: 'growth', baseYear: 2027, baseExpenditure: '60000000', growthRate: '0.03' } } });
    expect(portfolio.status).toBe(422);
    expect(codesAt(portfolio)).toContain('name INVALID_CHARACTER');
  });

  it('a bad name stored before the check still downloads: Content-Disposition encodes it with U+FFFD, and the XML is well-formed', async () => {
    const id = await createDeal();
    // Write a legacy revision as an older version of the service could have stored it.
    const client = (t.db as unknown as { $client: { prepare(sql: string): { get(...a: unknown[]): any; run(...a: unknown[]): unknown } } }).$client;
    const row = client.prepare('SELECT content FROM deal_revisions WHERE deal_id = ?').get(id);
    const content = JSON.parse(row.content);
    content.name = '鼓楼\ud800\uffff';
    client.prepare('UPDATE deal_revisions SET content = ? WHERE deal_id = ?').run(JSON.stringify(content), id);
    const response = await t.app.request(`/api/v1/deals/${id}/term-sheet.xlsx`, { headers: { Authorization: `Bearer ${t.keys.admin}` } });
    expect(response.status).toBe(200);
    // 鼓楼 is E9 BC 93 E6 A5 BC in UTF-8; each bad character became U+FFFD (EF BF BD).
    expect(response.headers.get('content-disposition')).toContain('%E9%BC%93%E6%A5%BC%EF%BF%BD%EF%BF%BD');
    const cells = listTextCells(readXlsxParts(new Uint8Array(await response.arrayBuffer())));
    expect(cells.some((cell) => cell.text.includes('鼓楼\ufffd\ufffd'))).toBe(true);
    expect(cells.every((cell) => !/[\ud800-\udfff\ufffe\uffff]/.test(cell.text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')))).toBe(true);
  });
});

describe('item 10: formula-like text and oversized error bodies', () => {
  it('text cells starting with = + - @ are written with a quote prefix, other text is not', async () => {
    const deal = fuzhou();
    deal.name = '=HYPERLINK("http://example.invalid","点我")';
    deal.capex[0].name = '+cmd|\' /C calc\'!A0';
    deal.capex[1].name = '@SUM(1+1)';
    deal.capex[2].name = '-2+3';
    const reply = await t.call('POST', '/api/v1/term-sheet', { body: deal });
    expect(reply.status).toBe(200);
    const response = await t.app.request('/api/v1/term-sheet', { method: 'POST', headers: { Authorization: `Bearer ${t.keys.admin}`, 'Content-Type': 'application/json' }, body: JSON.stringify(deal) });
    const cells = listTextCells(readXlsxParts(new Uint8Array(await response.arrayBuffer())));
    const formulaLike = cells.filter((cell) => /^[=+\-@]/.test(cell.text));
    for (const text of [deal.name, deal.capex[0].name, deal.capex[1].name, deal.capex[2].name]) {
      expect(formulaLike.some((cell) => cell.text === text), text).toBe(true);
    }
    expect(formulaLike.filter((cell) => !cell.quotePrefix)).toEqual([]);
    // Ordinary labels keep their own style.
    expect(cells.find((cell) => cell.text === '项目')?.quotePrefix).toBe(false);
  });

  it('a 1.7 MB body of 150,000 unknown fields answers a small problem: the first 100 and the total', async () => {
    const body: Record<string, unknown> = fuzhou();
    for (let i = 0; i < 150_000; i++) body[`u${i}`] = 1;
    const raw = JSON.stringify(body);
    expect(raw.length).toBeGreaterThan(1_500_000);
    const reply = await t.call('POST', '/api/v1/deals', { rawBody: raw, headers: { 'Content-Type': 'application/json' } });
    expect(reply.status).toBe(422);
    expect(reply.body.errors).toHaveLength(100);
    expect(reply.body.truncated).toBe(true);
    expect(reply.body.total).toBe(150_000);
    expect(JSON.stringify(reply.body).length).toBeLessThan(30_000);
  });
});
