import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../../src/deal/parse-deal.js';
import { serializeEvaluation } from '../../../src/engine/to-wire.js';
import { D, ZERO } from '../../../src/finance/decimal.js';
import { evaluateInput } from '../../helpers/evaluate-input.js';
import { buildTwoLoanDeal } from '../../helpers/two-loan-deal.js';

const sum = (row: readonly D[]) => row.reduce((s, v) => s.plus(v), ZERO);
const money = (row: readonly D[]) => row.map((v) => v.toFixed(2));

/**
 * The two-loan deal of tests/helpers/two-loan-deal.ts (2026 construction, 2027–2031 operating, tax 25%)
 * with the junior loan repaid in equal parts instead of a bullet: 200,000 at 6% over tenor 6 → 40,000 a
 * year 2027–2031. The senior loan: 600,000 at 4%, 等额本金 200,000 a year 2027–2029.
 */
function buildDeal(cashSweep?: unknown) {
  const input = buildTwoLoanDeal();
  input.funding.sources[1].repayment = { kind: 'equal-principal' };
  return { ...input, waterfall: cashSweep === undefined ? {} : { cashSweep } };
}
const SWEEPS = [{ sourceId: 'senior', share: '0.5', mode: 'shorten' }, { sourceId: 'junior', share: '0.3', mode: 'reamortise' }];

describe('two sweeps: the senior loan shortened, the junior re-amortised (methodology §11.11)', () => {
  const plain = evaluateInput(buildDeal());
  const e = evaluateInput(buildDeal(SWEEPS));
  const loan = (x: typeof e, id: string) => x.financing.debts.find((d) => d.source.id === id)!;
  const senior = loan(e, 'senior');
  const junior = loan(e, 'junior');
  const w = e.waterfall;

  it('2027: half of the year\'s cash prepays the senior loan and three tenths the junior, the rest is kept', () => {
    // Nothing was prepaid before 2027, so its cash before the waterfall is the plain deal's: 41,300.
    expect(plain.waterfall.cashBefore[1]!.toFixed(2)).toBe('41300.00');
    expect(w.cashBefore[1]!.toFixed(2)).toBe('41300.00');
    // Available = the year's own cash = 41,300; senior 0.5 × 41,300 = 20,650; junior 0.3 × 41,300 = 12,390.
    expect(w.sweep!.available[1]!.toFixed(2)).toBe('41300.00');
    expect(w.sweep!.loans.map((l) => [l.sourceId, l.prepayment[1]!.toFixed(2)])).toEqual([['senior', '20650.00'], ['junior', '12390.00']]);
    expect(w.sweep!.prepayment[1]!.toFixed(2)).toBe('33040.00');
    // Free cash kept: 41,300 − 33,040 = 8,260.
    expect(w.freeCash[1]!.toFixed(2)).toBe('8260.00');
  });

  it('2028: the senior loan keeps its 200,000 instalment on the lower balance; the junior is spread over the 4 years left', () => {
    // Senior: opening 600,000 − 200,000 − 20,650 = 379,350; interest 4% = 15,174 (16,000 without); principal still 200,000.
    expect([senior.opening[2], senior.interest[2], senior.principal[2]].map((v) => v!.toFixed(2))).toEqual(['379350.00', '15174.00', '200000.00']);
    // Junior: opening 200,000 − 40,000 − 12,390 = 147,610; interest 6% = 8,856.60 (9,600 without);
    // re-amortised: 147,610 / 4 (2028–2031) = 36,902.50.
    expect([junior.opening[2], junior.interest[2], junior.principal[2]].map((v) => v!.toFixed(2))).toEqual(['147610.00', '8856.60', '36902.50']);
    // Cash before 2028 = plain 49,100 + interest saved (826 + 743.40) × (1 − 25%) = 1,177.05
    //   + junior principal no longer due 40,000 − 36,902.50 = 3,097.50 → 53,374.55; tax 17,700 + 1,569.40 × 25% = 18,092.35.
    expect(plain.waterfall.cashBefore[2]!.toFixed(2)).toBe('49100.00');
    expect(w.cashBefore[2]!.toFixed(2)).toBe('53374.55');
    expect(e.financing.incomeTax.incomeTax[2]!.toFixed(2)).toBe('18092.35');
    // Sweeps of 2028 (the 8,260 kept in 2027 is not offered again): 0.5 × 53,374.55 = 26,687.275 → 26,687.27;
    // 0.3 × 53,374.55 = 16,012.365 → 16,012.36 (rounded down to the 分).
    expect(w.sweep!.available[2]!.toFixed(2)).toBe('53374.55');
    expect(w.sweep!.loans.map((l) => l.prepayment[2]!.toFixed(2))).toEqual(['26687.27', '16012.36']);
    // Balances at the end of 2028: senior 379,350 − 200,000 − 26,687.27 = 152,662.73; junior 147,610 − 36,902.50 − 16,012.36 = 94,695.14.
    expect([senior.closing[2]!.toFixed(2), junior.closing[2]!.toFixed(2)]).toEqual(['152662.73', '94695.14']);
  });

  it('2029: the senior loan\'s last instalment is what is left; the junior is spread again over 3 years', () => {
    // Senior: interest 152,662.73 × 4% = 6,106.51; principal min(200,000, 152,662.73): repaid, as planned in 2029 but with less.
    expect([senior.interest[3], senior.principal[3], senior.closing[3]].map((v) => v!.toFixed(2))).toEqual(['6106.51', '152662.73', '0.00']);
    // Nothing left to sweep into the senior loan: its sweep takes 0, the cash stays for the junior's share and retained.
    expect(w.sweep!.loans[0]!.prepayment[3]!.isZero()).toBe(true);
    // Junior: 94,695.14 / 3 = 31,565.046… → 31,565.05; interest 94,695.14 × 6% = 5,681.71.
    expect([junior.principal[3], junior.interest[3]].map((v) => v!.toFixed(2))).toEqual(['31565.05', '5681.71']);
  });

  it('repays each loan exactly what was drawn plus capitalised, scheduled or prepaid, and takes exactly what the waterfall swept', () => {
    for (const l of [senior, junior]) {
      expect(sum(l.principal).plus(sum(l.prepayment)).toFixed(2)).toBe(sum(l.draw).plus(sum(l.capitalisedInterest)).toFixed(2));
      expect(money(l.prepayment)).toEqual(money(w.sweep!.loans.find((s) => s.sourceId === l.source.id)!.prepayment));
    }
    // The total row is the sum of the loans' rows, year by year.
    w.sweep!.prepayment.forEach((v, t) => expect(v.toFixed(2)).toBe(senior.prepayment[t]!.plus(junior.prepayment[t]!).toFixed(2)));
  });

  it('does not depend on the order the sweeps are listed in: each share is of the same cash and they add up to at most 1', () => {
    const reversed = evaluateInput(buildDeal([...SWEEPS].reverse()));
    expect(reversed.waterfall.sweep!.loans.map((l) => l.sourceId)).toEqual(['junior', 'senior']);
    for (const id of ['senior', 'junior']) expect(money(loan(reversed, id).prepayment)).toEqual(money(loan(e, id).prepayment));
  });
});

describe('several sweeps are checked (methodology §11.11)', () => {
  const problemsOf = (cashSweep: unknown, withBond = false) => {
    const input = buildDeal(cashSweep);
    if (withBond) input.funding.sources.push({ id: 'bond', name: '专项债', kind: 'special-bond', level: 'provincial', amount: '100000', couponRate: '0.03', tenorYears: 5, principal: { kind: 'bullet' } });
    const parsed = parseDeal(input);
    return parsed.ok ? [] : parsed.problems.map((p) => `${p.code} ${p.path}`);
  };

  it('names an unknown loan, a loan swept twice, a bond and shares adding up to more than 1 at their own paths', () => {
    expect(problemsOf([{ sourceId: 'senior', share: '0.5' }, { sourceId: 'nope', share: '0.2' }])).toEqual(['UNKNOWN_REFERENCE waterfall.cashSweep[1].sourceId']);
    expect(problemsOf([{ sourceId: 'senior', share: '0.3' }, { sourceId: 'senior', share: '0.2' }])).toEqual(['DUPLICATE_ID waterfall.cashSweep[1].sourceId']);
    expect(problemsOf([{ sourceId: 'junior', share: '0.3' }, { sourceId: 'bond', share: '0.2' }], true)).toContain('WRONG_SOURCE_KIND waterfall.cashSweep[1].sourceId');
    // 0.6 + 0.5 = 1.1 > 1; each share alone is within 0–1.
    expect(problemsOf([{ sourceId: 'senior', share: '0.6' }, { sourceId: 'junior', share: '0.5' }])).toEqual(['SHARES_EXCEED_ONE waterfall.cashSweep']);
    // 0.6 + 0.4 = 1 exactly is allowed; an empty list is not (leave the field out).
    expect(problemsOf([{ sourceId: 'senior', share: '0.6' }, { sourceId: 'junior', share: '0.4' }])).toEqual([]);
    expect(problemsOf([]).some((p) => p.endsWith('waterfall.cashSweep'))).toBe(true);
  });

  it('reads a deal saved with one sweep as an object as a list of one, with the same figures', () => {
    const parsed = parseDeal(buildDeal({ sourceId: 'junior', share: '0.5' }));
    expect(parsed.ok && parsed.deal.waterfall.cashSweep).toEqual([{ sourceId: 'junior', share: '0.5', mode: 'shorten' }]);
    const asObject = evaluateInput(buildDeal({ sourceId: 'junior', share: '0.5' }));
    const asList = evaluateInput(buildDeal([{ sourceId: 'junior', share: '0.5' }]));
    expect(money(asObject.waterfall.sweep!.prepayment)).toEqual(money(asList.waterfall.sweep!.prepayment));
    expect(asObject.waterfall.sweep!.prepayment.some((v) => v.gt(0))).toBe(true);
  });
});

describe('two sweeps over generated shares and modes (methodology §11.11)', () => {
  it('each loan repays drawn + capitalised, its balance never below 0, the sweeps within the cash offered, free cash never negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        fc.constantFrom('shorten', 'reamortise'),
        fc.constantFrom('shorten', 'reamortise'),
        fc.boolean(),
        (a, b, modeA, modeB, distribute) => {
          // Two shares in hundredths that add up to at most 1: a/100 and (100 − a) × b / 10,000.
          const shareA = new D(a).div(100);
          const shareB = new D(100 - a).times(b).div(10_000);
          const input = { ...buildDeal([{ sourceId: 'senior', share: shareA.toString(), mode: modeA }, { sourceId: 'junior', share: shareB.toString(), mode: modeB }]) };
          input.waterfall = { ...input.waterfall, distributions: { enabled: distribute } };
          const x = evaluateInput(input);
          for (const l of x.financing.debts) {
            expect(sum(l.principal).plus(sum(l.prepayment)).toFixed(2)).toBe(sum(l.draw).plus(sum(l.capitalisedInterest)).toFixed(2));
            expect(l.closing.every((v) => !v.isNegative())).toBe(true);
          }
          x.waterfall.sweep!.prepayment.forEach((v, t) => expect(v.lte(x.waterfall.sweep!.available[t]!)).toBe(true));
          expect(x.waterfall.freeCash.every((v) => v.gte('-0.005'))).toBe(true);
        },
      ),
      { numRuns: 15, seed: 1515 },
    );
  }, 240_000);
});

describe('the sweep on the wire (serializeEvaluation)', () => {
  const wireOf = (cashSweep: unknown) => serializeEvaluation(evaluateInput(buildDeal(cashSweep))).waterfall.sweep!;

  it('lists each swept loan; with one loan, also its terms where engine 0.3.4 put them', () => {
    const one = wireOf({ sourceId: 'senior', share: '0.5', mode: 'shorten' });
    expect(one.loans.map((l) => l.sourceId)).toEqual(['senior']);
    expect({ sourceId: one.sourceId, share: one.share, mode: one.mode }).toEqual({ sourceId: 'senior', share: one.loans[0]!.share, mode: 'shorten' });
    expect(Number(one.share)).toBe(0.5);
    const two = wireOf(SWEEPS);
    expect(two.loans.map((l) => [l.sourceId, l.mode])).toEqual([['senior', 'shorten'], ['junior', 'reamortise']]);
    expect('sourceId' in two).toBe(false);
  });
});
