import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal, type Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { D } from '../../src/finance/decimal.js';

function loadFixture(name: string): Evaluation {
  const parsed = parseDeal(JSON.parse(readFileSync(new URL(`../../fixtures/deals/${name}.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const outcome = evaluateDeal(parsed.deal, { asOf: '2026-01-01' });
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome;
}

const fen = (values: D[]) => values.map((v) => v.toFixed(2));

/*
 * The hand-worked deal (fixtures/deals/hand-worked-parking.json): t = 1 construction, t = 2…6 operation.
 * Capex 1,090,000 incl. 9% VAT → creditable VAT 1,090,000 × 0.09/1.09 = 90,000; depreciable base
 * 1,000,000 over 5 years = 200,000 a year.
 * Parking: 100 spaces × 100% × 327 × 12 = 392,400 gross → 360,000 net + 32,400 output VAT a year.
 * VAT: the 90,000 credit absorbs 32,400 (t2), 32,400 (t3) and 25,200 of t4 → payable 0, 0, 7,200,
 * 32,400, 32,400; surcharges 12% → 0, 0, 864, 3,888, 3,888.
 * Profit = 360,000 − 60,000 − 200,000 − surcharges = 100,000, 100,000, 99,136, 96,112, 96,112;
 * tax 25% = 25,000, 25,000, 24,784, 24,028, 24,028.
 * Pre-tax flow: −1,090,000; 392,400 − 60,000 − VAT − surcharges = 332,400, 332,400, 324,336,
 * 296,112, 296,112. After tax: 307,400, 307,400, 299,552, 272,084, 272,084.
 */
describe('evaluateDeal on the hand-worked parking deal', () => {
  const e = loadFixture('hand-worked-parking');
  const cf = e.statements.projectCashFlow;
  const pl = e.statements.profitAndLoss;

  it('splits VAT-inclusive parking fees into net revenue and output VAT', () => {
    expect(fen(findRow(cf, 'operatingRevenue').values)).toEqual(['0.00', '360000.00', '360000.00', '360000.00', '360000.00', '360000.00']);
    expect(fen(findRow(cf, 'outputVat').values)).toEqual(['0.00', '32400.00', '32400.00', '32400.00', '32400.00', '32400.00']);
  });

  it('credits capex input VAT forward before any VAT is paid', () => {
    expect(fen(findRow(cf, 'vatPayable').values)).toEqual(['0.00', '0.00', '0.00', '7200.00', '32400.00', '32400.00']);
    expect(fen(findRow(cf, 'surcharges').values)).toEqual(['0.00', '0.00', '0.00', '864.00', '3888.00', '3888.00']);
  });

  it('depreciates the VAT-exclusive cost over the operating years', () => {
    expect(fen(findRow(pl, 'depreciationAmortisation').values)).toEqual(['0.00', '200000.00', '200000.00', '200000.00', '200000.00', '200000.00']);
  });

  it('computes profit, income tax, net profit and the statutory reserve', () => {
    expect(fen(findRow(pl, 'profitBeforeTax').values)).toEqual(['0.00', '100000.00', '100000.00', '99136.00', '96112.00', '96112.00']);
    expect(fen(findRow(pl, 'incomeTax').values)).toEqual(['0.00', '25000.00', '25000.00', '24784.00', '24028.00', '24028.00']);
    expect(fen(findRow(pl, 'netProfit').values)).toEqual(['0.00', '75000.00', '75000.00', '74352.00', '72084.00', '72084.00']);
    expect(fen(findRow(pl, 'statutoryReserve').values)).toEqual(['0.00', '7500.00', '7500.00', '7435.20', '7208.40', '7208.40']);
  });

  it('produces the pre- and after-tax project flows', () => {
    expect(fen(findRow(cf, 'netCashFlowPreTax').values)).toEqual(['-1090000.00', '332400.00', '332400.00', '324336.00', '296112.00', '296112.00']);
    expect(fen(findRow(cf, 'adjustedIncomeTax').values)).toEqual(['0.00', '25000.00', '25000.00', '24784.00', '24028.00', '24028.00']);
    expect(fen(findRow(cf, 'netCashFlowAfterTax').values)).toEqual(['-1090000.00', '307400.00', '307400.00', '299552.00', '272084.00', '272084.00']);
    expect(fen(findRow(cf, 'cumulativeAfterTax').values)).toEqual(['-1090000.00', '-782600.00', '-475200.00', '-175648.00', '96436.00', '368520.00']);
  });

  it('computes FNPV at 6%, FIRR, payback, ROI, ROE and the self-financing ratio', () => {
    const m = e.metrics;
    // Σ CF_t / 1.06^t, worked with 34-digit decimals outside the engine.
    expect(m.projectNpvPreTax.toFixed(6)).toBe('233546.257543');
    expect(m.projectNpvAfterTax.toFixed(6)).toBe('135780.703873');
    // Roots found by bisection outside the engine.
    expect(m.projectIrrPreTax!.toNumber()).toBeCloseTo(0.14210198010742123, 10);
    expect(m.projectIrrAfterTax!.toNumber()).toBeCloseTo(0.10856216700912209, 10);
    // Pt = 4 + 100,864 / 296,112 (pre-tax); 4 + 175,648 / 272,084 (after tax).
    expect(m.paybackStaticYearsPreTax!.toFixed(10)).toBe('4.3406278705');
    expect(m.paybackStaticYears!.toFixed(10)).toBe('4.6455653401');
    // Discounted cumulative after tax at the end of year 5 is −56,027.7798…; year 6 brings 191,808.4837….
    expect(m.paybackDynamicYears!.toFixed(10)).toBe('5.2921027200');
    // ROI = average EBIT 98,272 / 1,090,000; ROE = average net profit 73,704 / 1,090,000.
    expect(m.roi!.toFixed(12)).toBe('0.090157798165');
    expect(m.roe!.toFixed(12)).toBe('0.067618348624');
    // PV(EBITDA) / PV(capex) = PV(300,000, 300,000, 299,136, 296,112, 296,112 at t2…t6) / (1,090,000/1.06).
    expect(m.selfFinancingRatio!.toFixed(12)).toBe('1.153209820799');
    expect(m.totalInvestment.toFixed(2)).toBe('1090000.00');
  });

  it('finds the break-even occupancy at which the after-tax FNPV is zero', () => {
    const occupancy = e.metrics.breakEvenParkingOccupancy!;
    expect(occupancy.gt(0)).toBe(true);
    expect(occupancy.lt(1)).toBe(true);
    // Re-evaluate at the found occupancy: the FNPV is within 1 元 of zero.
    const parsed = parseDeal(JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8')));
    if (!parsed.ok) throw new Error('fixture');
    const deal = structuredClone(parsed.deal);
    const stream = deal.revenue[0]!;
    if (stream.driver !== 'parking') throw new Error('fixture');
    stream.occupancy = [occupancy.toString()];
    const again = evaluateDeal(deal, { asOf: '2026-01-01' });
    if (!again.ok) throw new Error('re-evaluation failed');
    expect(Math.abs(again.metrics.projectNpvAfterTax.toNumber())).toBeLessThan(1);
  });
});
