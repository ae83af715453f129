import { describe, expect, it } from 'vitest';
import { computeIncomeTax } from '../../src/engine/income-tax.js';
import { D } from '../../src/finance/decimal.js';

const row = (values: number[]) => values.map((v) => new D(v));
const text = (values: D[]) => values.map((v) => v.toString());

describe('computeIncomeTax', () => {
  it('offsets earlier losses, oldest first, before taxing profit', () => {
    // Losses 100 (t1) and 50 (t2); profit 120 (t3) uses 100 + 20; profit 80 (t4) uses the last 30.
    const tax = computeIncomeTax(row([-100, -50, 120, 80]), new D('0.25'), 5);
    expect(text(tax.lossesUsed)).toEqual(['0', '0', '120', '30']);
    expect(text(tax.taxableIncome)).toEqual(['0', '0', '0', '50']);
    expect(text(tax.incomeTax)).toEqual(['0', '0', '0', '12.5']);
  });

  it('lets a loss expire after the carry-forward period', () => {
    // A loss of year 1 may offset years 2…6 only; year 7's profit is fully taxed.
    const tax = computeIncomeTax(row([-100, 0, 0, 0, 0, 0, 100]), new D('0.25'), 5);
    expect(text(tax.lossesExpired)).toEqual(['0', '0', '0', '0', '0', '0', '100']);
    expect(tax.incomeTax[6]!.toString()).toBe('25');
  });

  it('uses a loss in the last year of its window', () => {
    const tax = computeIncomeTax(row([-100, 0, 0, 0, 0, 100]), new D('0.25'), 5);
    expect(tax.incomeTax[5]!.toString()).toBe('0');
    expect(tax.lossesUsed[5]!.toString()).toBe('100');
  });

  it('carries nothing with a zero-year carry-forward', () => {
    const tax = computeIncomeTax(row([-100, 100]), new D('0.25'), 0);
    expect(tax.incomeTax[1]!.toString()).toBe('25');
  });
});
