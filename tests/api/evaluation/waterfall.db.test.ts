import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildFundedDealInput } from '../../helpers/funded-deal.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('the waterfall over HTTP (methodology §11)', () => {
  it('answers with the waterfall, 应付利润 in the 财务计划现金流量表 and the returns on distributions', async () => {
    const body = { ...buildFundedDealInput(), waterfall: { dsra: { months: 6, funding: 'at-close' }, distributions: { enabled: true } } };
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { body });
    expect(reply.status).toBe(200);
    const w = reply.body.waterfall;
    const plan = reply.body.statements.financialPlan.rows.find((r: { key: string }) => r.key === 'distributions');
    expect(plan.values).toEqual(w.distributions);
    expect(Number(plan.total)).toBeGreaterThan(0);
    expect(w.returns.irr).toMatch(/^-?\d+\.\d{10}$/);
    expect(w.returns.shareholders.map((s: { sourceId: string }) => s.sourceId)).toEqual(['soe']);
  });

  it('answers with the 资产负债表 that balances every year and the highest 资产负债率 (methodology §11.8)', async () => {
    const body = { ...buildFundedDealInput(), waterfall: { dsra: { months: 6, funding: 'at-close' }, distributions: { enabled: true } } };
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { body });
    expect(reply.status).toBe(200);
    const rows = reply.body.statements.balanceSheet.rows as { key: string; values: string[]; unit?: string }[];
    const values = (key: string) => rows.find((r) => r.key === key)!.values.map((v) => Math.round(Number(v) * 100));
    const [assets, liabilities, equity] = [values('totalAssets'), values('totalLiabilities'), values('totalEquity')];
    // In whole 分 on the wire: assets = liabilities + equity, within the 分 each side rounds to.
    assets.forEach((a, i) => expect(Math.abs(a - liabilities[i]! - equity[i]!)).toBeLessThanOrEqual(1));
    const ratios = rows.find((r) => r.key === 'debtToAssetRatio')!;
    expect(ratios.unit).toBe('ratio');
    expect(reply.body.metrics.maxDebtToAssetRatio).toBe(ratios.values.reduce((m, v) => (Number(v) > Number(m) ? v : m)));
    expect(Number(reply.body.metrics.maxDebtToAssetRatio)).toBeGreaterThan(0);
  });

  it('answers with each facility\'s own cover under debt.facilities (methodology §11.9)', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate?asOf=2026-01-01', { body: buildFundedDealInput() });
    expect(reply.status).toBe(200);
    const [loan] = reply.body.debt.facilities;
    expect(loan).toMatchObject({ id: 'loan', sourceId: 'loan', rank: 1, kind: 'bank-loan' });
    // The only facility: its own DSCR is the project's.
    expect(loan.minDscr).toBe(reply.body.metrics.minDscr);
    expect(loan.minDscrYear).toBe(reply.body.years[loan.dscr.indexOf(loan.minDscr)].calendarYear);
    for (const key of ['llcr', 'plcr']) expect(loan[key]).toMatch(/^\d+\.\d{10}$/);
    expect(Number(loan.plcr)).toBeGreaterThanOrEqual(Number(loan.llcr));
  });

  it('names a bad facility order in a 4xx problem', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate', { body: { ...buildFundedDealInput(), waterfall: { facilityOrder: ['central', 'loan'] } } });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([['waterfall.facilityOrder[0]', 'WRONG_SOURCE_KIND']]);
  });

  it('names a bad waterfall field in a problem, never a 500', async () => {
    const reply = await t.call('POST', '/api/v1/evaluate', { body: { ...buildFundedDealInput(), waterfall: { dsra: { months: 99 } } } });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.body.errors.map((e: { path: string }) => e.path)).toContain('waterfall.dsra.months');
  });
});
