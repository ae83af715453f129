import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findRow } from '../../src/engine/statement.js';
import { ZERO } from '../../src/finance/decimal.js';
import { evaluateInput, evaluateTemplate } from '../helpers/evaluate-input.js';

const parking = () => JSON.parse(readFileSync(new URL('../../fixtures/deals/hand-worked-parking.json', import.meta.url), 'utf8'));

describe('CFADS deducts 维持运营投资 net of the VAT credited on it (methodology §11.4)', () => {
  /*
   * The hand-worked parking deal (evaluate-deal.test.ts): output VAT 32,400 a year; the works' 90,000
   * credit absorbs t1 and t2 and 25,200 of t3, so VAT payable is 0, 0, 0, 7,200, 32,400, 32,400.
   * Add a renewal in operating year 3 (t3): 109,000 paid with 9% VAT → input VAT 9,000.
   * t3: 32,400 − 9,000 − 25,200 = −1,800 → payable 0, 1,800 carried; t4: 32,400 − 1,800 = 30,600.
   * VAT credited on the renewal = payable without it − payable with it: t3 7,200 − 0 = 7,200,
   * t4 32,400 − 30,600 = 1,800, t5 0; in all 9,000, its whole input VAT.
   */
  const input = parking();
  input.opex.majorMaintenance = [{ id: 'renew', name: '设备更新', amount: '109000', operatingYears: [3], treatment: 'sustaining-capex', inputVatRate: '0.09' }];
  const e = evaluateInput(input);
  const f = e.financing;

  it('credits the renewal\'s 9,000 input VAT in the years it lowers the VAT paid: 7,200 then 1,800', () => {
    expect(e.projection.vat.payable.map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '0.00', '30600.00', '32400.00']);
    expect(f.sustainingVatCredited.map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00', '7200.00', '1800.00', '0.00']);
  });

  it('CFADS = EBITDA − income tax − (维持运营投资 − VAT credited), row by row of the 借款还本付息计划表', () => {
    const ds = e.statements.debtService;
    const row = (key: string) => findRow(ds, key).values;
    row('cfads').forEach((v, t) => {
      const expected = row('ebitda')[t]!.minus(row('incomeTax')[t]!).minus(row('sustainingCapex')[t]!).plus(row('sustainingVatCredited')[t]!);
      expect(v.minus(expected).abs().lt('0.0001')).toBe(true);
    });
    expect(row('sustainingCapex')[3]!.toFixed(2)).toBe('109000.00');
  });

  it('on 福州鼓楼 adds back at most the renewals\' input VAT, all of it over the years', () => {
    const fz = evaluateTemplate('fuzhou-gulou-25y');
    const credited = fz.financing.sustainingVatCredited.reduce((s, v) => s.plus(v), ZERO);
    const inputVat = fz.projection.opex.sustainingInputVat.reduce((s, v) => s.plus(v), ZERO);
    expect(credited.isPositive()).toBe(true);
    expect(credited.minus(inputVat).abs().lt('0.01')).toBe(true);
    fz.financing.sustainingVatCredited.forEach((v) => expect(v.gte(0)).toBe(true));
  });
});
