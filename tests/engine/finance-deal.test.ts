import { describe, expect, it } from 'vitest';
import { D } from '../../src/finance/decimal.js';
import { evaluateInput } from '../helpers/evaluate-input.js';
import { buildTwoLoanDeal } from '../helpers/two-loan-deal.js';

/*
 * A sculpted loan is sized on CFADS at its own place in the facility order (methodology §6, §11.9).
 * The senior/junior deal of tests/helpers/two-loan-deal.ts without income tax, so that CFADS is EBITDA
 * and does not move with the junior loan's interest: CFADS 2027–2031 = 300,000, 300,000, 299,136,
 * 296,112, 296,112. The senior loan is as there (600,000 at 4%, 等额本金 2027–2029: service 224,000,
 * 216,000, 208,000, 0, 0). The junior loan asks for 400,000 at 6%, tenor 6 (repaid 2027–2031), sculpted
 * to a DSCR of 1.3, construction interest paid in cash (its balance at the start of 2027 is its draw).
 *
 * Junior after the senior (the deal's order): DS_t = CFADS_t / 1.3 − senior service_t
 *   = 230,769.2308 − 224,000 = 6,769.2308; 230,769.2308 − 216,000 = 14,769.2308;
 *     230,104.6154 − 208,000 = 22,104.6154; 227,778.4615; 227,778.4615;
 *   capacity B = Σ DS_t / 1.06^k (k = 1…5) = 388,721.2839 < 400,000 → lent 388,721.28 (to the 分).
 * Junior first (waterfall.facilityOrder ['junior']): the senior's service is served after it, not
 *   deducted: DS_t = CFADS_t / 1.3 = 230,769.2308, 230,769.2308, 230,104.6154, 227,778.4615 ×2,
 *   B = 966,922.0805 > 400,000 → the 400,000 asked is lent in full, its service that profile scaled by
 *   400,000 / 966,922.0805, so its own DSCR is 1.3 × 966,922.0805 / 400,000 = 3.142497 every year.
 */
function buildSculptedJuniorDeal(facilityOrder?: string[]) {
  const input = buildTwoLoanDeal(facilityOrder);
  input.tax = { ...(input.tax ?? {}), incomeTaxRate: '0' };
  const junior = input.funding.sources[1];
  junior.size = { kind: 'amount', amount: '400000' };
  junior.repayment = { kind: 'sculpted', targetDscr: '1.3' };
  return input;
}

const drawnBy = (e: ReturnType<typeof evaluateInput>, id: string) => e.financing.debts.find((d) => d.source.id === id)!.draw.reduce((a, v) => a.plus(v), new D(0));

describe('a sculpted loan sized at its place in the facility order (methodology §6, §11.9)', () => {
  const after = evaluateInput(buildSculptedJuniorDeal());
  const first = evaluateInput(buildSculptedJuniorDeal(['junior']));

  it('has the CFADS worked by hand (no income tax)', () => {
    expect(after.financing.cfads.slice(1).map((v) => v.toFixed(2))).toEqual(['300000.00', '300000.00', '299136.00', '296112.00', '296112.00']);
    expect(first.financing.cfads.map(String)).toEqual(after.financing.cfads.map(String));
  });

  it('behind the senior loan, deducts the senior service and lends its capacity, 388,721.28', () => {
    expect(drawnBy(after, 'junior').toFixed(2)).toBe('388721.28');
    // 2027–2029 its target service is below the interest 388,721.28 × 6% = 23,323.28: interest only
    // (methodology §6). 2030: DS scaled by 388,721.28 / 388,721.2839 = 227,778.4592, less interest
    // 23,323.28 = principal 204,455.1792, rounded down 204,455.17 → service 227,778.45;
    // CFADS / service = 296,112 / 227,778.45 = 1.3 to 1e-6.
    const junior = after.financing.debts.find((d) => d.source.id === 'junior')!;
    expect(junior.principal.slice(1, 4).map((v) => v.toFixed(2))).toEqual(['0.00', '0.00', '0.00']);
    expect(junior.interestPaid[1]!.toFixed(2)).toBe('23323.28');
    expect(junior.debtService[4]!.toFixed(2)).toBe('227778.45');
    expect(after.debt.dscr[4]!.minus('1.3').abs().lt('1e-6')).toBe(true);
    // Equity pays what the junior loan does not lend.
    expect(drawnBy(after, 'senior').toFixed(2)).toBe('600000.00');
  });

  it('ranked first, is sized on the whole CFADS and lends the 400,000 asked', () => {
    expect(drawnBy(first, 'junior').toFixed(2)).toBe('400000.00');
    const junior = first.debt.facilities.find((f) => f.sourceId === 'junior')!;
    expect(junior.rank).toBe(1);
    // Its own DSCR = CFADS / (DS_t × 400,000 / 966,922.0805) = 1.3 × 966,922.0805 / 400,000 = 3.142497.
    for (const t of [1, 2, 3, 4]) expect(junior.dscr[t]!.toFixed(6)).toBe('3.142497');
  });

  it('served after the senior loan, the sculpted loan\'s own cover is the senior-inclusive target, not more', () => {
    const junior = after.debt.facilities.find((f) => f.sourceId === 'junior')!;
    expect(junior.rank).toBe(2);
    // 2027: available 300,000 − 224,000 = 76,000 over its service 6,769.23 → 11.227…, far above 1.3:
    // the target holds on CFADS over all service ranked up to it.
    expect(junior.available[1]!.toFixed(2)).toBe('76000.00');
  });
});
