import { describe, expect, it } from 'vitest';
import { computeIncomeTax } from '../../src/engine/income-tax.js';
import { D } from '../../src/finance/decimal.js';
import { FloatDecimal } from '../../src/finance/float-decimal.js';

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
    // The loss of 100 is never pooled, so it is neither used nor recorded as expiring: year 2 taxes 100 × 25%.
    const tax = computeIncomeTax(row([-100, 100]), new D('0.25'), 0);
    expect(tax.incomeTax[1]!.toString()).toBe('25');
    expect(text(tax.lossesUsed)).toEqual(['0', '0']);
    expect(text(tax.lossesExpired)).toEqual(['0', '0']);
  });

  it('keeps the rows\' number type: FloatDecimal in, FloatDecimal out (the break-even guide)', () => {
    // Loss 100 (t1), profit 60 (t2) uses 60, profit 80 (t3) uses the last 40 and taxes 40 × 25% = 10.
    const F = FloatDecimal as unknown as typeof D;
    const tax = computeIncomeTax([-100, 60, 80].map((v) => new F(v)), new F('0.25'), 5, F);
    for (const list of [tax.lossesUsed, tax.taxableIncome, tax.incomeTax, tax.lossesExpired]) {
      for (const v of list) expect(v).toBeInstanceOf(FloatDecimal);
    }
    expect(tax.lossesUsed.map((v) => v.toNumber())).toEqual([0, 60, 40]);
    expect(tax.incomeTax.map((v) => v.toNumber())).toEqual([0, 0, 10]);
  });

  it('carries a loss of year 3 into years 4–8 only, beside a later loss, oldest first', () => {
    // base:  y1 +50, y2 −30, y3 −100, y4 +40, y5 −20, y6…y9 +10 each, y10 +200; 5 years, 25%.
    // y1: taxed 50 → 12.5. y4: uses y2's 30, then 10 of y3's (90 left). y6, y7, y8: 10 each of
    // y3's (60 left after y8). y9: y3's loss may offset y4…y8 only, so its 60 expires; y9 uses 10
    // of y5's 20. y10: y5's loss is still within its window (y6…y10): uses its last 10, taxes 190.
    const tax = computeIncomeTax(row([50, -30, -100, 40, -20, 10, 10, 10, 10, 200]), new D('0.25'), 5);
    expect(text(tax.lossesUsed)).toEqual(['0', '0', '0', '40', '0', '10', '10', '10', '10', '10']);
    expect(text(tax.lossesExpired)).toEqual(['0', '0', '0', '0', '0', '0', '0', '0', '60', '0']);
    expect(text(tax.taxableIncome)).toEqual(['50', '0', '0', '0', '0', '0', '0', '0', '0', '190']);
    expect(text(tax.incomeTax)).toEqual(['12.5', '0', '0', '0', '0', '0', '0', '0', '0', '47.5']);
  });

  it('carries a loss with a one-year window into the next year only', () => {
    // y3's loss of 40 may offset y4 (30 used) but not y5: the 10 left expires in y5.
    const tax = computeIncomeTax(row([0, 0, -40, 30, 100]), new D('0.25'), 1);
    expect(text(tax.lossesUsed)).toEqual(['0', '0', '0', '30', '0']);
    expect(text(tax.lossesExpired)).toEqual(['0', '0', '0', '0', '10']);
    expect(text(tax.incomeTax)).toEqual(['0', '0', '0', '0', '25']);
  });
});
