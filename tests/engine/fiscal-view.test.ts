import { describe, expect, it } from 'vitest';
import { isGrantSource } from '../../src/deal/funding-schema.js';
import { D } from '../../src/finance/decimal.js';
import { evaluateTemplate } from '../helpers/evaluate-input.js';

const sum = (rows: D[][]) => rows.flat().reduce((s, v) => s.plus(v), new D(0));

describe('the government fiscal view', () => {
  const e = evaluateTemplate('fuzhou-gulou-25y');
  const level = (name: string) => e.fiscal.levels.find((l) => l.level === name)!;

  it('charges every grant to its level: the levels together pay exactly the grants of the funding plan', () => {
    const grants = e.financing.funding.sources.filter((s) => isGrantSource(s.source)).map((s) => s.total);
    expect(sum(e.fiscal.levels.map((l) => l.grants)).toFixed(2)).toBe(sum(grants).toFixed(2));
    // 福州: central budget 15,000,000 + central special fund 30,000,000; province, city and district 10,000,000 each.
    expect(['central', 'provincial', 'municipal', 'district'].map((l) => sum([level(l).grants]).toFixed(2))).toEqual(['45000000.00', '10000000.00', '10000000.00', '10000000.00']);
  });

  it('splits VAT 50/50 and income tax 60/40 between the centre and the district that collects them', () => {
    for (let t = 0; t < e.projection.timeline.T; t++) {
      expect(level('central').vat[t]!.toFixed(6)).toBe(e.projection.vat.payable[t]!.times('0.5').toFixed(6));
      expect(level('district').vat[t]!.toFixed(6)).toBe(e.projection.vat.payable[t]!.times('0.5').toFixed(6));
      expect(level('central').incomeTax[t]!.toFixed(6)).toBe(e.financing.incomeTax.incomeTax[t]!.times('0.6').toFixed(6));
      expect(level('district').incomeTax[t]!.toFixed(6)).toBe(e.financing.incomeTax.incomeTax[t]!.times('0.4').toFixed(6));
      // Surcharges are local; the province and the city collect no tax from the deal.
      expect(level('district').surcharges[t]!.eq(e.projection.vat.surcharges[t]!)).toBe(true);
      expect(level('provincial').inflows[t]!.isZero()).toBe(true);
    }
  });

  it('leaves the bond shortfall and the issuance costs with the issuing district', () => {
    const shortfall = sum([e.financing.bond.shortfall]);
    expect(sum([level('district').bondShortfall]).toFixed(2)).toBe(shortfall.toFixed(2));
    const issuance = sum(e.financing.debts.filter((d) => d.source.kind === 'special-bond').map((d) => d.issuanceCost));
    expect(sum([level('district').bondIssuanceCost]).toFixed(2)).toBe(issuance.toFixed(2));
  });

  it('nets inflows against outflows each year, and discounts them at the deal rate', () => {
    for (const l of e.fiscal.levels) {
      l.net.forEach((v, t) => expect(v.toFixed(6)).toBe(l.inflows[t]!.minus(l.outflows[t]!).toFixed(6)));
      const pv = l.net.reduce((s, v, t) => s.plus(v.div(new D(1).plus(e.fiscal.discountRate).pow(t + 1))), new D(0));
      expect(l.pv.net.toFixed(6)).toBe(pv.toFixed(6));
    }
  });
});
