import { describe, expect, it } from 'vitest';
import { applyDriver } from '../../src/analysis/drivers.js';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { readIndicator } from '../../src/analysis/indicators.js';
import { analyseSensitivity } from '../../src/analysis/sensitivity.js';
import { sensitivityRequestSchema } from '../../src/analysis/sensitivity-request.js';
import { loadTemplate } from '../helpers/load-template.js';

const AS_OF = '2026-03-01';

describe('analyseSensitivity', () => {
  const deal = loadTemplate('fuzhou-gulou-25y');
  const request = sensitivityRequestSchema.parse({
    drivers: [{ driver: 'revenue' }, { driver: 'price', stream: 'fz-parking-public' }, { driver: 'construction-delay' }, { driver: 'operating-period' }],
    steps: ['-0.1', '0', '0.1'],
    delaySteps: [0, 1],
    indicators: ['equityIrr', 'minDscr'],
    tables: [
      {
        rows: { driver: { driver: 'price', stream: 'fz-parking-public' }, changes: ['-0.1', '0'] },
        columns: { driver: { driver: 'volume', stream: 'fz-parking-public' }, changes: ['0', '0.1'] },
        indicator: 'equityIrr',
      },
    ],
    switching: { drivers: [{ driver: 'revenue' }], targets: [{ indicator: 'minDscr', value: '1' }, { indicator: 'bondCoverageNet', value: '1.1' }] },
  });
  const outcome = analyseSensitivity(deal, request, AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  const { base, tornado, tables, switching } = outcome.result;

  it('gives the base case at step 0 (and at a delay of 0 years) for every driver', () => {
    for (const row of tornado) {
      const zero = row.points.find((p) => Number(p.change) === 0)!;
      expect(zero.values, row.name).toEqual(base);
    }
    expect(tables[0]!.values[1]![0]).toBe(base.equityIrr);
  });

  it('orders the tornado by the width of the bar, and revenue moves the equity IRR both ways', () => {
    const widths = tornado.map((r) => Number(r.range.high) - Number(r.range.low));
    expect([...widths].sort((a, b) => b - a)).toEqual(widths);
    const revenue = tornado.find((r) => r.name === 'revenue')!;
    const [down, , up] = revenue.points.map((p) => Number(p.values!.equityIrr));
    expect(down).toBeLessThan(Number(base.equityIrr));
    expect(up).toBeGreaterThan(Number(base.equityIrr));
  });

  it('fills a two-way table of parking fee × occupancy with values that rise along both', () => {
    const [[lowFee0, lowFee10], [baseFee0, baseFee10]] = tables[0]!.values.map((row) => row.map(Number)) as [[number, number], [number, number]];
    expect(lowFee0).toBeLessThan(baseFee0);
    expect(lowFee10).toBeGreaterThan(lowFee0);
    expect(baseFee10).toBeGreaterThan(baseFee0);
  });

  it('finds switching values that re-evaluate to their thresholds', () => {
    const dscr = switching.find((s) => s.target.indicator === 'minDscr')!;
    const change = Number(dscr.change);
    expect(change).toBeLessThan(0);
    const outcome = evaluateVariant(applyDriver(deal, { driver: 'revenue' }, change), AS_OF);
    expect(outcome.ok && Math.abs(readIndicator(outcome.evaluation, 'minDscr')!.toNumber() - 1)).toBeLessThanOrEqual(1e-3);
    // 福州's bond is served by its car park alone (net coverage ≈ 1.03 < 1.1, methodology §10): revenue
    // must rise a few per cent to reach 1.1, and the deal re-evaluated there has its threshold.
    const bond = switching.find((s) => s.target.indicator === 'bondCoverageNet')!;
    const bondChange = Number(bond.change);
    expect(bondChange).toBeGreaterThan(0);
    expect(bondChange).toBeLessThan(0.2);
    const atBond = evaluateVariant(applyDriver(deal, { driver: 'revenue' }, bondChange), AS_OF);
    expect(atBond.ok && Math.abs(readIndicator(atBond.evaluation, 'bondCoverageNet')!.toNumber() - 1.1)).toBeLessThanOrEqual(1e-3);
  });

  it('names a driver the deal does not have', () => {
    const bad = analyseSensitivity(deal, sensitivityRequestSchema.parse({ drivers: [{ driver: 'volume', stream: 'nope' }], switching: null }), AS_OF);
    expect(bad).toMatchObject({ ok: false, problems: [{ code: 'UNKNOWN_STREAM', path: 'drivers[0].stream' }] });
  });
});

describe('sensitivity against the agreed debt', () => {
  it("moves a sculpted loan's DSCR with the driver instead of re-sculpting it to its target", () => {
    const deal = loadTemplate('lugu-package');
    const outcome = analyseSensitivity(deal, sensitivityRequestSchema.parse({ drivers: [{ driver: 'interest-rate' }], steps: ['0.2'], indicators: ['minDscr'], switching: null }), '2026-11-23');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    const dearer = outcome.result.tornado[0]!.points.find((p) => p.change === '0.2')!;
    // Base 1.3 (sculpted); 20% dearer money on the same loan leaves less cover.
    expect(Number(dearer.values!.minDscr)).toBeLessThan(1.29);
  });
});
