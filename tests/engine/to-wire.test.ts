import { describe, expect, it } from 'vitest';
import { formatFen } from '../../src/engine/to-wire.js';
import { D } from '../../src/finance/decimal.js';

describe('formatFen', () => {
  it('rounds to the 分 half-even', () => {
    expect(['1.005', '1.015', '-2.345', '12345678.999'].map((v) => formatFen(new D(v)))).toEqual(['1.00', '1.02', '-2.34', '12345679.00']);
  });

  it('writes an amount that rounds to zero as 0.00, never -0.00', () => {
    expect(formatFen(new D('-0.001'))).toBe('0.00');
    expect(formatFen(new D('-0'))).toBe('0.00');
  });
});
