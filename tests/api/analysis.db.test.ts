import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SHEET_ORDER, SIMULATION_SHEET } from '../../src/export/sheet-names.js';
import { createTestApp, listErrors, type KeyName, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const createDeal = async (template: string) => (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template } })).body.id as string;

describe('POST /deals/{id}/solve: the typical questions', () => {
  it('finds the minimum operating subsidy for a 6% equity IRR (北京劲松)', async () => {
    const id = await createDeal('beijing-jinsong-20y');
    const reply = await t.call('POST', `/api/v1/deals/${id}/solve`, {
      key: 'reviewer',
      body: { input: { kind: 'new-operating-subsidy', level: 'district' }, target: { indicator: 'equityIrr', value: '0.06' } },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.source).toMatchObject({ dealId: id, revision: 1, asOf: '2026-03-01' });
    expect(reply.body.result.status).toBe('solved');
    expect(Math.abs(Number(reply.body.result.solution.indicator) - 0.06)).toBeLessThanOrEqual(1e-5);
    expect(Number(reply.body.result.solution.input)).toBeGreaterThan(0);
  });

  it('finds the parking fee for a minimum DSCR of 1.3 (福州鼓楼)', async () => {
    const id = await createDeal('fuzhou-gulou-25y');
    const reply = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'price', stream: 'fz-parking-community' }, target: { indicator: 'minDscr', value: '1.3' } } });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ status: 'solved', input: { base: '150.0000' }, target: { indicator: 'minDscr', value: '1.3' } });
    expect(Math.abs(Number(reply.body.result.solution.indicator) - 1.3)).toBeLessThanOrEqual(1e-4);
  });

  it('finds the parking fee for the 国开 loan\'s own min DSCR of 1.5 (福州鼓楼, methodology §11.9), and names a bad facility', async () => {
    const id = await createDeal('fuzhou-gulou-25y');
    const body = { input: { kind: 'price', stream: 'fz-parking-community' }, target: { indicator: 'minDscr', value: '1.5', facility: 'fz-cdb-loan' } };
    const reply = await t.call('POST', `/api/v1/deals/${id}/solve`, { body });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ status: 'solved', target: { indicator: 'minDscr', facility: 'fz-cdb-loan' } });
    // The loan's own DSCR at base (CFADS less the bond's service) is 1.6090: the fee may fall.
    expect(reply.body.result.base.indicator.slice(0, 6)).toBe('1.6090');
    expect(Math.abs(Number(reply.body.result.solution.indicator) - 1.5)).toBeLessThanOrEqual(1e-4);
    expect(Number(reply.body.result.solution.input)).toBeLessThan(150);
    const bad = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { ...body, target: { ...body.target, facility: 'fz-no-such-loan' } } });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('target.facility');
  });

  it('finds the operating years needed for payback within the term (鲁谷)', async () => {
    const id = await createDeal('lugu-package');
    const reply = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'operating-years' }, target: { indicator: 'cumulativeCashFlowAfterTax', value: 0 } } });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ status: 'solved', solution: { input: '13', converged: 'whole-number' } });
    expect(Number(reply.body.result.solution.indicator)).toBeGreaterThanOrEqual(0);
  });

  it('answers 422 naming each bad field, and inputs the deal does not have', async () => {
    const id = await createDeal('fuzhou-gulou-25y');
    const shape = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'price' }, target: { indicator: 'irr', value: 'six' }, extra: 1 } });
    expect(shape.status).toBe(422);
    expect(shape.headers.get('content-type')).toContain('application/problem+json');
    expect(listErrors(shape)).toEqual(['extra UNKNOWN_FIELD', 'input.stream REQUIRED', 'target.indicator INVALID_VALUE', 'target.value INVALID_FORMAT']);
    const unknown = await t.call('POST', `/api/v1/deals/${id}/solve`, { body: { input: { kind: 'grant', source: 'fz-cdb-loan' }, target: { indicator: 'equityIrr', value: '0.1' } } });
    expect(unknown.status).toBe(422);
    expect(listErrors(unknown)).toEqual(['input.source UNKNOWN_SOURCE']);
    const malformed = await t.call('POST', `/api/v1/deals/${id}/solve`, { rawBody: '{', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
  });

  it('answers 404 for a deal of another organisation', async () => {
    const id = await createDeal('fuzhou-gulou-25y');
    const reply = await t.call('POST', `/api/v1/deals/${id}/stress`, { key: 'strangerAdmin' });
    expect(reply.status).toBe(404);
  });
});

describe('POST /deals/{id}/stress, /sensitivity, /simulate', () => {
  it('runs the default stress pack on a scenario', async () => {
    const id = await createDeal('fuzhou-gulou-25y');
    const scenario = (await t.call('POST', `/api/v1/deals/${id}/scenarios`, { body: { name: '公共停车场 450元', overrides: { discountRate: '0.07' } } })).body;
    const reply = await t.call('POST', `/api/v1/deals/${id}/stress?scenario=${scenario.id}`, { key: 'budget' });
    expect(reply.status).toBe(200);
    expect(reply.body.source).toMatchObject({ dealId: id, revision: 1, scenarioId: scenario.id });
    expect(reply.body.result.cases.map((c: { id: string }) => c.id)).toEqual(['revenue-10', 'revenue-20', 'capex+10', 'capex+20', 'opex+20', 'rate+100bp', 'delay-1y', 'combined']);
    const revenue20 = reply.body.result.cases[1];
    expect(revenue20.breaksCovenant).toBe(true);
    expect(revenue20.metrics.minDscr).toMatch(/^0\.\d{10}$/);
    const both = await t.call('POST', `/api/v1/deals/${id}/stress?scenario=${scenario.id}&revision=1`);
    expect(both.status).toBe(400);
    expect(listErrors(both)).toEqual(['revision CONFLICT']);
    expect((await t.call('POST', `/api/v1/deals/${id}/stress?scenario=scn_nope`)).status).toBe(404);
  });

  it('runs a small sensitivity and a small simulation', async () => {
    const id = await createDeal('shenzhen-elevator');
    const sensitivity = await t.call('POST', `/api/v1/deals/${id}/sensitivity`, {
      body: { drivers: [{ driver: 'revenue' }, { driver: 'capex' }], steps: ['-0.1', '0.1'], delaySteps: [1], indicators: ['equityIrr'], switching: null },
    });
    expect(sensitivity.status).toBe(200);
    expect(sensitivity.body.result.tornado).toHaveLength(2);
    const simulation = await t.call('POST', `/api/v1/deals/${id}/simulate`, {
      body: { variables: [{ driver: { driver: 'revenue' }, distribution: { kind: 'triangular', min: '-0.1', mode: '0', max: '0.05' } }], draws: 20, seed: 5 },
    });
    expect(simulation.status).toBe(200);
    expect(simulation.body.result).toMatchObject({ draws: 20, seed: 5, validDraws: 20 });
    expect(simulation.body.result.percentiles.equityIrr.p50).toMatch(/^-?0\.\d{10}$/);
    const bad = await t.call('POST', `/api/v1/deals/${id}/simulate`, { body: { variables: [], draws: 0 } });
    expect(listErrors(bad)).toEqual(['draws TOO_SMALL', 'variables TOO_SMALL']);
  });
});

describe('POST /deals/{id}/simulate asked for as xlsx', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const request = { variables: [{ driver: { driver: 'revenue' }, distribution: { kind: 'uniform', min: '-0.2', max: '0.05' } }], draws: 15, seed: 8 };
  const post = (id: string, key: KeyName, body: unknown) =>
    t.app.request(`/api/v1/deals/${id}/simulate`, { method: 'POST', headers: { Authorization: `Bearer ${t.keys[key]}`, 'Content-Type': 'application/json', Accept: XLSX }, body: JSON.stringify(body) });

  it('answers the term-sheet workbook with the simulation as its last sheet, the same numbers as the JSON answer', async () => {
    const id = await createDeal('lugu-package');
    const reply = await post(id, 'budget', request);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe(XLSX);
    expect(reply.headers.get('content-disposition')).toContain(`filename="term-sheet-${id}-r1-simulation-15-seed8.xlsx"`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await reply.arrayBuffer());
    expect(book.worksheets).toHaveLength(SHEET_ORDER.length + 1);
    const sheet = book.worksheets.at(-1)!;
    expect(sheet.name).toBe(SIMULATION_SHEET);
    const rowOf = (label: string) => sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === label || r.getCell(2).value === label)!;
    const json = (await t.call('POST', `/api/v1/deals/${id}/simulate`, { key: 'budget', body: request })).body.result;
    expect([rowOf('抽样次数 Draws').getCell(2).value, rowOf('随机种子 Seed').getCell(2).value]).toEqual([15, 8]);
    expect(rowOf('revenue').getCell(2).value).toBe('uniform');
    expect(rowOf('equityIrr').getCell(5).value).toBe(Number(json.percentiles.equityIrr.p50));
    // The NPV prints in 万元 as its label says: the JSON's 元 / 10,000.
    expect(rowOf('projectNpvAfterTax').getCell(6).value).toBeCloseTo(Number(json.percentiles.projectNpvAfterTax.p95) / 10_000, 8);
  });

  it('answers problems as problem+json all the same: 422 naming each bad field, 404 for another organisation', async () => {
    const id = await createDeal('lugu-package');
    const bad = await post(id, 'reviewer', { variables: [{ driver: { driver: 'price', stream: 'no-such-stream' }, distribution: { kind: 'normal', mean: '0', sd: '0.1' } }], draws: 15 });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(((await bad.json()) as { errors: unknown[] }).errors).toEqual([expect.objectContaining({ path: 'variables[0].driver.stream', code: 'UNKNOWN_STREAM' })]);
    expect((await post(id, 'strangerAdmin', request)).status).toBe(404);
  });
});
