import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { serializeEvaluation } from '../../src/engine/to-wire.js';
import type { D } from '../../src/finance/decimal.js';
import { evaluateInput } from '../helpers/evaluate-input.js';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));
const fen = (values: D[]) => values.map((v) => v.toFixed(2));
/** NPV at r of flows at the ends of years 1…T, in plain floating point: an independent check of an IRR. */
const npv = (r: number, flows: number[]) => flows.reduce((s, v, t) => s + v / (1 + r) ** (t + 1), 0);

/*
 * The hand-worked parking deal (evaluate-deal.test.ts): one construction year, a 1,090,000 car park with
 * 9% VAT in it (1,000,000 excluding VAT), all equity; equity (= after-tax project) flows −1,090,000,
 * 307,400, 307,400, 299,552, 272,084, 272,084 — IRR 10.856216701%.
 *
 * With the investor as builder at a 6% margin (methodology §9.8): contract value 1,090,000 / 1.09 =
 * 1,000,000; profit 60,000; the builder's income tax at the deal's 25% = 15,000; after tax 45,000, all
 * in year 1. One ledger: −1,090,000 + 45,000 = −1,045,000, then the equity flows unchanged. Its IRR by
 * bisection on the NPV of those six flows: 12.594224121%.
 */
describe('construction profit (施工利润) of an investor that also builds (methodology §9.8)', () => {
  const input = parking();
  input.constructionProfit = { margin: '0.06' };
  const e = evaluateInput(input);
  const plain = evaluateInput(parking());

  it('states the line: contract value excluding VAT, margin, the builder\'s own tax, after tax', () => {
    const s = e.statements.constructionProfit!;
    expect(s.zh).toBe('施工利润与一本账现金流量表');
    expect(fen(findRow(s, 'contractValue').values)).toEqual(['1000000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'profitBeforeTax').values)).toEqual(['60000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'onEntityWorks').values)).toEqual(['60000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'onOthersWorks').values)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'incomeTax').values)).toEqual(['15000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'profitAfterTax').values)).toEqual(['45000.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(fen(findRow(s, 'ledgerNetCashFlow').values)).toEqual(['-1045000.00', '307400.00', '307400.00', '299552.00', '272084.00', '272084.00']);
    expect(fen(findRow(s, 'cumulativeLedgerNetCashFlow').values)).toEqual(['-1045000.00', '-737600.00', '-430200.00', '-130648.00', '141436.00', '413520.00']);
  });

  it('gives the one-ledger IRR beside the equity IRR, which it leaves alone', () => {
    expect(e.metrics.constructionProfitAfterTax!.toFixed(2)).toBe('45000.00');
    expect(e.metrics.equityIrrWithConstructionProfit!.toNumber()).toBeCloseTo(0.12594224121, 9);
    expect(npv(e.metrics.equityIrrWithConstructionProfit!.toNumber(), [-1045000, 307400, 307400, 299552, 272084, 272084])).toBeCloseTo(0, 4);
    expect(e.metrics.equityIrr!.toNumber()).toBeCloseTo(0.108562167009, 9);
    expect(e.metricNotes.equityIrrWithConstructionProfit).toMatch(/一本账/);
  });

  it('moves nothing of the project entity: its price is already in 建设投资 (neither scope, no P&L row)', () => {
    for (const key of ['projectCashFlow', 'programmeCashFlow', 'equityCashFlow', 'profitAndLoss', 'balanceSheet'] as const) {
      expect(e.statements[key].rows.map((r) => fen(r.values))).toEqual(plain.statements[key].rows.map((r) => fen(r.values)));
    }
    expect(e.metrics.projectIrrAfterTax!.eq(plain.metrics.projectIrrAfterTax!)).toBe(true);
    expect(e.metrics.programmeNpvAfterTax.eq(plain.metrics.programmeNpvAfterTax)).toBe(true);
  });

  it('without the line: no statement, both metrics null with the reason', () => {
    expect(plain.statements.constructionProfit).toBeUndefined();
    expect(plain.metrics.constructionProfitAfterTax).toBeNull();
    expect(plain.metrics.equityIrrWithConstructionProfit).toBeNull();
    expect(plain.metricNotes.constructionProfitAfterTax).toMatch(/no construction profit line/);
  });

  it('travels on the wire: the statement and the two metrics as strings', () => {
    const wire = serializeEvaluation(e);
    expect(wire.metrics.constructionProfitAfterTax).toBe('45000.00');
    expect(wire.metrics.equityIrrWithConstructionProfit).toBe(e.metrics.equityIrrWithConstructionProfit!.toFixed(10));
    expect(wire.statements.constructionProfit!.rows.find((r) => r.key === 'profitAfterTax')!.total).toBe('45000.00');
  });
});

/*
 * The builder also builds a 218,000 road the community owns, paid by a municipal 投资补助 (others' works,
 * methodology §9.1): contract value 1,000,000 + 218,000 / 1.09 = 1,200,000. At 8%: 80,000 on the
 * entity's car park + 16,000 on the road = 96,000; the builder taxed at its own 15% (a stated rate, not
 * the deal's 25%): 14,400; after tax 81,600. The equity still pays only the car park: one ledger year 1
 * −1,090,000 + 81,600 = −1,008,400, IRR by bisection 14.100674400%. Listing only the road: 200,000 × 8%
 * = 16,000, taxed at the deal's 25% = 4,000, after tax 12,000.
 */
describe('construction profit on works others pay for and own', () => {
  const withRoad = (constructionProfit: unknown) => {
    const input = parking();
    input.capex.push({ id: 'road', name: '道路', category: 'basic', kind: 'road', amount: '218000', owner: 'community' });
    input.funding = {
      sources: [
        { id: 'subsidy', name: '市级投资补助', kind: 'municipal-grant' },
        { id: 'soe', name: '国企资本金', kind: 'investor-equity', investor: '国企' },
      ],
      rules: [{ kind: 'amount', source: 'subsidy', item: 'road', amount: '218000' }],
      fill: [{ source: 'soe' }],
    };
    input.constructionProfit = constructionProfit;
    return evaluateInput(input);
  };

  it('counts the profit on every work built, split by scope, at the builder\'s own rate', () => {
    const e = withRoad({ margin: '0.08', incomeTaxRate: '0.15' });
    const s = e.statements.constructionProfit!;
    expect(findRow(s, 'contractValue').total!.toFixed(2)).toBe('1200000.00');
    expect(findRow(s, 'onEntityWorks').total!.toFixed(2)).toBe('80000.00');
    expect(findRow(s, 'onOthersWorks').total!.toFixed(2)).toBe('16000.00');
    expect(findRow(s, 'incomeTax').total!.toFixed(2)).toBe('14400.00');
    expect(e.metrics.constructionProfitAfterTax!.toFixed(2)).toBe('81600.00');
    expect(findRow(s, 'ledgerNetCashFlow').values[0]!.toFixed(2)).toBe('-1008400.00');
    expect(e.metrics.equityIrrWithConstructionProfit!.toNumber()).toBeCloseTo(0.141006744, 8);
  });

  it('counts only the listed works, at the deal\'s income-tax rate when the line gives none', () => {
    const e = withRoad({ margin: '0.08', items: ['road'] });
    const s = e.statements.constructionProfit!;
    expect(findRow(s, 'contractValue').total!.toFixed(2)).toBe('200000.00');
    expect(findRow(s, 'onEntityWorks').total!.toFixed(2)).toBe('0.00');
    expect(findRow(s, 'incomeTax').total!.toFixed(2)).toBe('4000.00');
    expect(e.metrics.constructionProfitAfterTax!.toFixed(2)).toBe('12000.00');
  });

  it('defaults the margin to 5%: 1,200,000 × 5% = 60,000, after 25% tax 45,000', () => {
    expect(withRoad({}).metrics.constructionProfitAfterTax!.toFixed(2)).toBe('45000.00');
  });
});

describe('bad construction-profit input is named, field by field', () => {
  const problemsOf = (constructionProfit: unknown) => {
    const input = parking();
    input.constructionProfit = constructionProfit;
    const parsed = parseDeal(input);
    return parsed.ok ? [] : parsed.problems.map((p) => ({ code: p.code, path: p.path }));
  };

  it('an item that is no capex item, an item listed twice', () => {
    expect(problemsOf({ items: ['car-park', 'car-parc', 'car-park'] })).toEqual([
      { code: 'UNKNOWN_REFERENCE', path: 'constructionProfit.items[1]' },
      { code: 'DUPLICATE_ID', path: 'constructionProfit.items[2]' },
    ]);
  });

  it('a margin above 1 or given in percent, an unknown field', () => {
    expect(problemsOf({ margin: '6' }).map((p) => p.path)).toEqual(['constructionProfit.margin']);
    expect(problemsOf({ margin: '0.06', rate: '0.06' }).map((p) => p.path)).toEqual(['constructionProfit.rate']);
  });
});

/*
 * 鲁谷 (models/lugu-package.json) counts the investor as the builder of every work at the default 5%
 * margin. The district-paid stairwell (lg-stairwell, 1,000,000 with 9% VAT, owned by the community) is
 * the only work others pay for and own: 1,000,000 / 1.09 × 5% = 45,871.559633 → 45,871.56. The whole
 * profit is taxed at the deal's 25%, so after tax = 0.75 × before tax, and the equity IRR of the
 * project company is the template's own (6.63%, the same without the line), the one ledger's above it.
 */
describe('鲁谷 一本账 with construction profit', () => {
  const e = evaluateInput(JSON.parse(readFileSync(new URL('../../models/lugu-package.json', import.meta.url), 'utf8')));
  const s = e.statements.constructionProfit!;

  it('puts the stairwell\'s profit on others\' works and taxes the whole at 25%', () => {
    expect(findRow(s, 'onOthersWorks').total!.toFixed(2)).toBe('45871.56');
    const before = findRow(s, 'profitBeforeTax').total!;
    expect(e.metrics.constructionProfitAfterTax!.toFixed(2)).toBe(before.times('0.75').toFixed(2));
    expect(before.toFixed(2)).toBe(findRow(s, 'contractValue').total!.times('0.05').toFixed(2));
  });

  it('reports the one-ledger IRR above the equity IRR, which stays the project company\'s', () => {
    expect(e.metrics.equityIrr!.toFixed(4)).toBe('0.0663');
    // The builder's profit is outside the project company: without the line its equity IRR is the same.
    const { constructionProfit: _, ...without } = JSON.parse(readFileSync(new URL('../../models/lugu-package.json', import.meta.url), 'utf8'));
    expect(evaluateInput(without).metrics.equityIrr!.toFixed(10)).toBe(e.metrics.equityIrr!.toFixed(10));
    expect(e.metrics.equityIrrWithConstructionProfit!.gt(e.metrics.equityIrr!)).toBe(true);
    const flows = findRow(s, 'ledgerNetCashFlow').values.map((v) => v.toNumber());
    expect(npv(e.metrics.equityIrrWithConstructionProfit!.toNumber(), flows)).toBeCloseTo(0, 2);
  });
});
