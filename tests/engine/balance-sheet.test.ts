import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';
import { D } from '../../src/finance/decimal.js';
import { buildDealInput } from '../helpers/build-deal.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';
import { evaluateInput, evaluateParsed } from '../helpers/evaluate-input.js';
import { loadTemplate } from '../helpers/load-template.js';

const FEN = new D('0.005');
const rowOf = (e: Evaluation, key: string) => findRow(e.statements.balanceSheet, key).values;
const fen = (values: D[]) => values.map((v) => v.toFixed(2));
const sum = (e: Evaluation, keys: string[]) => rowOf(e, keys[0]!).map((_, t) => keys.reduce((s, k) => s.plus(rowOf(e, k)[t]!), new D(0)));

/** assets = liabilities + equity every year to the 分, each total the sum of its lines, 资产负债率 = L / A (methodology §11.8). */
function expectBalanced(e: Evaluation) {
  const assets = rowOf(e, 'totalAssets');
  const liabilities = rowOf(e, 'totalLiabilities');
  const equity = rowOf(e, 'totalEquity');
  assets.forEach((a, t) => expect(a.minus(liabilities[t]!).minus(equity[t]!).abs().lt(FEN), `year ${t}: ${a} ≠ ${liabilities[t]} + ${equity[t]}`).toBe(true));
  expect(fen(sum(e, ['cash', 'vatCredit', 'workingCapital', 'constructionInProgress', 'fixedAssetsNet']))).toEqual(fen(assets));
  expect(fen(sum(e, ['freeCash', 'dsraBalance', 'mmraBalance', 'unspentDebtProceeds']))).toEqual(fen(rowOf(e, 'cash')));
  expect(fen(sum(e, ['loans', 'bonds', 'shortTermBorrowing']))).toEqual(fen(liabilities));
  expect(fen(sum(e, ['paidInCapital', 'capitalReserve', 'surplusReserve', 'retainedEarnings']))).toEqual(fen(equity));
  const ratio = rowOf(e, 'debtToAssetRatio');
  ratio.forEach((r, t) => expect(r.toFixed(10)).toBe(assets[t]!.isZero() ? '0.0000000000' : liabilities[t]!.div(assets[t]!).toFixed(10)));
  const max = ratio.reduce((m, r) => (r.gt(m) ? r : m), new D(0));
  expect(e.metrics.maxDebtToAssetRatio?.toFixed(10)).toBe(max.toFixed(10));
  // Reserves and 临时借款 are the waterfall's balances.
  expect(fen(rowOf(e, 'dsraBalance'))).toEqual(fen(e.waterfall.dsra.closing));
  expect(fen(rowOf(e, 'shortTermBorrowing'))).toEqual(fen(e.waterfall.shortTerm.closing));
}

describe('资产负债表 of every template in models/ (methodology §11.8)', () => {
  const templates = readdirSync(new URL('../../models/', import.meta.url)).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  const lender = { dsra: { months: 6, funding: 'at-close' }, mmra: { buildUpYears: 2 }, lockUp: { minDscr: '1.3' }, distributions: { enabled: true } } as const;
  it.each(templates)('%s balances every year, as it stands and with a DSRA, MMRA, lock-up and distributions', (id) => {
    const deal = loadTemplate(id);
    expectBalanced(evaluateParsed(deal));
    const withWaterfall = evaluateInput({ ...structuredClone(deal), waterfall: lender });
    expectBalanced(withWaterfall);
  });

  it('holds a bond batch issued ahead of its spending as cash (gulou-bond-cdb-combined: 5000万 issued in 2025, 4800万 spent)', () => {
    const e = evaluateParsed(loadTemplate('gulou-bond-cdb-combined'));
    expect(rowOf(e, 'unspentDebtProceeds')[0]!.toFixed(2)).toBe('2000000.00');
    expect(rowOf(e, 'unspentDebtProceeds')[1]!.toFixed(2)).toBe('0.00');
  });
});

describe('资产负债表 through the waterfall test deals (methodology §11)', () => {
  it('balances with a DSRA funded at close, an MMRA, lock-up and distributions', () => {
    const e = evaluateInput({
      ...buildFundedDealInput(),
      opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'reseal', name: '路面翻修', operatingYears: [6], amount: '300000' }] },
      waterfall: { dsra: { months: 6, funding: 'at-close' }, mmra: { buildUpYears: 2 }, lockUp: { minDscr: '1.3' }, distributions: { enabled: true } },
    });
    expect(e.waterfall.dsra.closing.some((v) => v.isPositive() && !v.isZero())).toBe(true);
    expect(e.waterfall.distributions.some((v) => v.isPositive() && !v.isZero())).toBe(true);
    expectBalanced(e);
    // The DSRA paid in at close is paid-in capital: 实收资本 grows by it in the last construction year.
    const C = e.projection.timeline.C;
    const paidIn = rowOf(e, 'paidInCapital');
    expect(paidIn[C - 1]!.minus(paidIn[C - 2]!).gte(e.waterfall.dsra.equityAtClose[C - 1]!)).toBe(true);
  });

  it('balances with 临时借款 drawn in a loss year and repaid later', () => {
    const opex = { fixed: [{ id: 'staff', name: '人员', annualAmount: '200000' }], majorMaintenance: [{ id: 'rebuild', name: '车库大修', operatingYears: [7], amount: '1950000' }] };
    const e = evaluateInput({ ...buildFundedDealInput(), opex, waterfall: { distributions: { enabled: true }, shortTermBorrowing: { rate: '0.04' } } });
    expect(rowOf(e, 'shortTermBorrowing').some((v) => v.isPositive() && !v.isZero())).toBe(true);
    expectBalanced(e);
  });
});

describe('资产负债表 of a small deal worked by hand (methodology §11.8)', () => {
  /*
   * One construction year (2026), three operating years; an investor-owned garage of 1,000,000 with no
   * VAT, depreciated over 3 years; a 600,000 loan at a fixed 5%, equal principal, repaid in 2027–2028;
   * 400,000 of investor equity; parking 50 spaces × 1,000 × 12 = 600,000 a year without VAT; staff
   * 100,000; income tax 25%, statutory reserve 10%; every 可供分配利润 distributed.
   *
   * 2026: construction interest 600,000 × 5% × ½ (drawn mid-year) = 15,000, capitalised.
   *   Assets: 在建工程 1,000,000 + 15,000 = 1,015,000. Loan 615,000. 实收资本 400,000. 615,000 + 400,000 ✓.
   * 2027: EBITDA 500,000; depreciation 1,000,000/3 + 15,000/3 = 338,333.33; interest 615,000 × 5% = 30,750;
   *   profit 130,916.67, tax 32,729.17, net 98,187.50, reserve 9,818.75, 应付利润 88,368.75.
   *   Cash 500,000 − 32,729.17 − 30,750 − 307,500 − 88,368.75 = 40,652.08; 固定资产净值 1,015,000 − 338,333.33 = 676,666.67;
   *   assets 717,318.75 = loan 307,500 + equity 400,000 + 9,818.75 ✓; 资产负债率 307,500 / 717,318.75 = 0.4286797...
   * 2028: interest 15,375; profit 146,291.67, tax 36,572.92, net 109,718.75, reserve 10,971.875, 应付利润 98,746.875.
   *   Cash 40,652.08 + 500,000 − 36,572.92 − 15,375 − 307,500 − 98,746.875 = 82,457.29; 固定资产净值 338,333.33;
   *   assets 420,790.62 = equity 400,000 + 20,790.625 (no debt) ✓.
   * 2029: profit 161,666.67, tax 40,416.67, net 121,250, reserve 12,125, 应付利润 109,125.
   *   Cash 82,457.29 + 500,000 − 40,416.67 − 109,125 = 432,915.62; nothing left to depreciate;
   *   assets 432,915.62 = equity 400,000 + 32,915.625 ✓.
   * Highest 资产负债率: 2026, 615,000 / 1,015,000 = 0.6059113300.
   */
  const e = evaluateInput(buildDealInput({
    capex: [{ id: 'garage', name: '停车库', category: 'improvement', kind: 'parking', amount: '1000000', owner: 'investor', depreciationYears: 3, inputVatRate: '0' }],
    revenue: [{ id: 'park', name: '停车', driver: 'parking', occupancy: ['1'], monthlyFee: '1000', vat: { rate: '0' } }],
    opex: { fixed: [{ id: 'staff', name: '人员', annualAmount: '100000', inputVatRate: '0' }] },
    funding: {
      sources: [
        { id: 'loan', name: '贷款', kind: 'bank-loan', size: { kind: 'amount', amount: '600000' }, rate: { kind: 'fixed', rate: '0.05' }, tenorYears: 3, graceYears: 0, repayment: { kind: 'equal-principal' } },
        { id: 'soe', name: '国企', kind: 'investor-equity', investor: '国企' },
      ],
      fill: [{ source: 'loan' }, { source: 'soe' }],
    },
    waterfall: { distributions: { enabled: true } },
  }));

  it('states every balance as derived in the comment', () => {
    expect(fen(rowOf(e, 'cash'))).toEqual(['0.00', '40652.08', '82457.29', '432915.62']);
    expect(fen(rowOf(e, 'constructionInProgress'))).toEqual(['1015000.00', '0.00', '0.00', '0.00']);
    expect(fen(rowOf(e, 'fixedAssetsNet'))).toEqual(['0.00', '676666.67', '338333.33', '0.00']);
    expect(fen(rowOf(e, 'totalAssets'))).toEqual(['1015000.00', '717318.75', '420790.62', '432915.62']);
    expect(fen(rowOf(e, 'loans'))).toEqual(['615000.00', '307500.00', '0.00', '0.00']);
    expect(fen(rowOf(e, 'paidInCapital'))).toEqual(['400000.00', '400000.00', '400000.00', '400000.00']);
    expect(fen(rowOf(e, 'surplusReserve'))).toEqual(['0.00', '9818.75', '20790.62', '32915.62']);
    expect(fen(rowOf(e, 'retainedEarnings'))).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(fen(rowOf(e, 'totalEquity'))).toEqual(['400000.00', '409818.75', '420790.62', '432915.62']);
    expect(rowOf(e, 'debtToAssetRatio')[1]!.toFixed(7)).toBe('0.4286797');
    expect(e.metrics.maxDebtToAssetRatio?.toFixed(10)).toBe('0.6059113300');
    expectBalanced(e);
  });

  it('goes on the wire as a statement, the ratio row as a rate and the metric beside the others', () => {
    const wire = serializeEvaluation(e);
    const sheet = wire.statements.balanceSheet;
    expect(sheet.zh).toBe('资产负债表');
    expect(sheet.rows.find((r) => r.key === 'totalAssets')?.values).toEqual(['1015000.00', '717318.75', '420790.62', '432915.62']);
    const ratio = sheet.rows.find((r) => r.key === 'debtToAssetRatio')!;
    expect(ratio.values[0]).toBe('0.6059113300');
    expect(ratio.total).toBeNull();
    expect('unit' in ratio && ratio.unit).toBe('ratio');
    expect(wire.metrics.maxDebtToAssetRatio).toBe('0.6059113300');
  });
});
