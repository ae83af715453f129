import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { evaluateInput } from '../helpers/evaluate-input.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

function evaluateWithSupport(taxable: boolean | undefined): Evaluation {
  const input = buildFundedDealInput({
    operatingSupport: [
      { id: 'pm', name: '物业服务补贴', kind: 'operating-subsidy', level: 'district', payments: [{ year: 2031, amount: '100000' }], cap: '100000', ...(taxable === undefined ? {} : { taxable }) },
    ],
  });
  return evaluateInput(input);
}

describe('operating support', () => {
  const t = 4; // 2031: construction 2027–2028, operation from 2029
  const none = evaluateInput(buildFundedDealInput());
  const taxable = evaluateWithSupport(undefined);
  const exempt = evaluateWithSupport(false);

  it('is 补贴收入 in the profit table and a cash inflow in its year, taxable or not', () => {
    for (const e of [taxable, exempt]) {
      expect(findRow(e.statements.profitAndLoss, 'subsidyIncome').values[t]!.toFixed(2)).toBe('100000.00');
      expect(e.projection.inflows[t]!.minus(none.projection.inflows[t]!).toFixed(2)).toBe('100000.00');
    }
  });

  it('is taxed at 25% by default, and not at all as 不征税收入', () => {
    // The year is profitable with no losses left to use, so the whole subsidy moves the tax.
    expect(none.financing.incomeTax.lossesUsed[t]!.isZero() && none.financing.incomeTax.taxableIncome[t]!.gt(0)).toBe(true);
    expect(taxable.financing.incomeTax.incomeTax[t]!.minus(none.financing.incomeTax.incomeTax[t]!).toFixed(2)).toBe('25000.00');
    expect(exempt.financing.incomeTax.incomeTax[t]!.minus(none.financing.incomeTax.incomeTax[t]!).toFixed(2)).toBe('0.00');
  });

  it('is paid by its government level in the fiscal view', () => {
    const district = exempt.fiscal.levels.find((l) => l.level === 'district')!;
    expect(district.operatingSupport[t]!.toFixed(2)).toBe('100000.00');
  });
});
