import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { findRow } from '../../src/engine/statement.js';
import { buildDeal } from '../helpers/build-deal.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

const fen = (row: { toFixed(n: number): string }[]) => row.map((v) => v.toFixed(2));

function evaluateFunded(overrides = {}) {
  const parsed = parseDeal(buildFundedDealInput(overrides));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const e = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
  if (!e.ok) throw new Error(JSON.stringify(e.problems));
  return e;
}

describe('funding the capex', () => {
  const e = evaluateFunded();
  const byId = (id: string) => e.financing.funding.sources.find((s) => s.source.id === id)!;

  it('applies the 30/70 utility split, with the government part from the named grant', () => {
    // water 1,000,000 phased 60/40: utility 70% = 420,000 + 280,000; district 30% = 180,000 + 120,000.
    expect(fen(byId('water-co').byItem.get('water')!.slice(0, 2))).toEqual(['420000.00', '280000.00']);
    expect(fen(byId('district').byItem.get('water')!.slice(0, 2))).toEqual(['180000.00', '120000.00']);
  });

  it('fills in order, each pooled source paying the same fraction of every year of what is left', () => {
    // Basic works left after rules: road 2,000,000 + roofs 400,000 = 2,400,000; the central grant's
    // 1,500,000 is 62.5% of each: road 750,000 + 500,000, roofs 150,000 + 100,000.
    expect(fen(byId('central').byItem.get('road')!.slice(0, 2))).toEqual(['750000.00', '500000.00']);
    expect(fen(byId('central').byItem.get('roofs')!.slice(0, 2))).toEqual(['150000.00', '100000.00']);
    // The loan takes 3,000,000 of the garage's 6,000,000 (half of each year); equity the rest.
    expect(fen(byId('loan').total.slice(0, 2))).toEqual(['1800000.00', '1200000.00']);
    expect(fen(byId('soe').total.slice(0, 2))).toEqual(['1800000.00', '1200000.00']);
  });

  it('balances sources and uses to the 分 in every year', () => {
    const plan = e.statements.investmentPlan;
    expect(fen(findRow(plan, 'totalFunding').values)).toEqual(fen(findRow(plan, 'totalInvestment').values));
    e.projection.capex.lines.forEach((line) => {
      const funded = line.gross.map((_, t) => e.financing.funding.sources.reduce((s, a) => s.plus(a.byItem.get(line.item.id)?.[t] ?? 0), line.gross[0]!.minus(line.gross[0]!)));
      expect(funded.map(String)).toEqual(line.gross.map(String));
    });
  });

  it('splits a third of a 分 by largest remainder, never losing or inventing one', () => {
    const deal = buildDeal({
      timeline: { startYear: 2027, constructionYears: 3, operatingYears: 3 },
      capex: [{ id: 'works', name: '工程', category: 'basic', kind: 'road', amount: '100.00', owner: 'community' }],
      funding: {
        sources: [
          { id: 'a', name: '甲', kind: 'district-grant' },
          { id: 'b', name: '乙', kind: 'municipal-grant' },
        ],
        rules: [{ kind: 'share', source: 'a', share: '0.333' }],
        fill: [{ source: 'b' }],
      },
    });
    const e3 = evaluateDeal(deal, { asOf: '2026-11-23' });
    if (!e3.ok) throw new Error('does not evaluate');
    const [a, b] = e3.financing.funding.sources;
    expect(fen(e3.projection.capex.total.slice(0, 3))).toEqual(['33.34', '33.33', '33.33']);
    expect(a!.total.slice(0, 3).reduce((s, v) => s.plus(v)).toFixed(2)).toBe('33.30');
    a!.total.slice(0, 3).forEach((v, t) => expect(v.plus(b!.total[t]!).toFixed(2)).toBe(e3.projection.capex.total[t]!.toFixed(2)));
  });

  it('names the item and the amount of an unfunded gap', () => {
    const deal = buildDeal({
      funding: { sources: [{ id: 'g', name: '补助', kind: 'district-grant', amount: '600000' }], fill: [{ source: 'g' }] },
    });
    const outcome = evaluateDeal(deal, { asOf: '2026-11-23' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toEqual([
      { code: 'UNFUNDED', path: 'capex[0]', message: expect.stringContaining('400000.00 元 of works (改造工程) is not funded (2026: 400000.00') },
    ]);
  });

  it('names the item and the excess of an over-funded item', () => {
    const deal = buildDeal({
      funding: {
        sources: [
          { id: 'g', name: '补助', kind: 'district-grant' },
          { id: 'r', name: '居民', kind: 'residents' },
        ],
        rules: [
          { kind: 'share', source: 'g', share: '0.9' },
          { kind: 'amount', source: 'r', item: 'works', amount: '150000' },
        ],
      },
    });
    const outcome = evaluateDeal(deal, { asOf: '2026-11-23' });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems[0]).toMatchObject({ code: 'OVER_FUNDED', path: 'capex[0]', message: expect.stringContaining('over-funded by 50000.00 元') });
  });

  it('reports a commitment larger than the need as a warning, with the amount left over', () => {
    const big = evaluateFunded({});
    expect(big.warnings.filter((w) => w.code === 'SOURCE_NOT_USED')).toEqual([]);
    const input = buildFundedDealInput();
    input.funding!.sources[4] = { ...input.funding!.sources[4]!, size: { kind: 'amount', amount: '9000000' } } as never;
    const parsed = parseDeal(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const e2 = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
    if (!e2.ok) throw new Error(JSON.stringify(e2.problems));
    // The loan lends the garage's whole remaining 6,000,000 and no more.
    expect(e2.financing.funding.sources.find((s) => s.source.id === 'loan')!.total.slice(0, 2).map((v) => v.toFixed(2))).toEqual(['3600000.00', '2400000.00']);
    expect(e2.warnings.find((w) => w.code === 'SOURCE_NOT_USED')?.message).toContain('3000000.00 元 of loan');
  });

  it('taxes a grant in the investor’s works as 财税〔2011〕70号 says (methodology §9.7), without a warning', () => {
    expect(e.warnings.filter((w) => w.code === 'SUBSIDISED_INVESTOR_ASSET')).toEqual([]);
    const evaluateWith = (nonTaxable: boolean) => {
      const input = buildFundedDealInput();
      input.funding!.rules!.push({ kind: 'share', source: 'district', items: ['garage'], share: '0.1' });
      const district = input.funding!.sources.find((s) => s.id === 'district') as { nonTaxable?: boolean };
      district.nonTaxable = nonTaxable;
      const parsed = parseDeal(input);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      const outcome = evaluateDeal(parsed.deal, { asOf: '2026-11-23' });
      if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
      return outcome;
    };
    // Non-taxable (the default): the district pays 600,000 of the 6,000,000 garage, so a tenth of the
    // garage's depreciation is added back each year; nothing is taxed as income.
    const exempt = evaluateWith(true);
    expect(exempt.warnings.find((w) => w.code === 'SUBSIDISED_INVESTOR_ASSET')).toBeUndefined();
    const p = exempt.projection;
    const garage = p.depreciation.lines.find((l) => l.id === 'garage')!;
    expect(p.grantTax.nonDeductibleDepreciation.map((v) => v.toFixed(6))).toEqual(garage.charge.map((c) => c.times('0.1').toFixed(6)));
    expect(p.grantTax.nonDeductibleDepreciation.some((v) => !v.isZero())).toBe(true);
    expect(p.grantTax.taxableGrantIncome.every((v) => v.isZero())).toBe(true);
    // The tax base is the EBIT plus that add-back (no other relief in this deal's years with a charge).
    const t = p.grantTax.nonDeductibleDepreciation.findIndex((v) => !v.isZero());
    expect(p.taxableEbit[t]!.minus(p.ebit[t]!).toFixed(6)).toBe(p.grantTax.nonDeductibleDepreciation[t]!.toFixed(6));
    // Taxable: the 600,000 is income of the years it is paid and the garage depreciates in full.
    const taxed = evaluateWith(false).projection;
    expect(taxed.grantTax.taxableGrantIncome.reduce((s, v) => s.plus(v)).toFixed(2)).toBe('600000.00');
    expect(taxed.grantTax.nonDeductibleDepreciation.every((v) => v.isZero())).toBe(true);
  });
});

describe('validation of the funding section', () => {
  it('lists bad references, fill order and debt that outlives the deal, all at once', () => {
    const input = buildFundedDealInput();
    input.funding!.rules!.push({ kind: 'share', source: 'nobody', items: ['nothing'], share: '0.1' });
    input.funding!.fill = [{ source: 'loan' }, { source: 'central' }, { source: 'soe' }];
    (input.funding!.sources[4] as { tenorYears: number }).tenorYears = 20;
    const parsed = parseDeal(input);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => `${p.code} ${p.path}`)).toEqual(
      expect.arrayContaining([
        'UNKNOWN_REFERENCE funding.rules[2].items[0]',
        'UNKNOWN_REFERENCE funding.rules[2].source',
        'FILL_ORDER funding.fill[1].source',
        'DEBT_OUTLIVES_OPERATION funding.sources[4].tenorYears',
      ]),
    );
  });

  it('requires capex amounts to the 分', () => {
    const parsed = parseDeal(buildFundedDealInput({ capex: [{ id: 'x', name: '工程', category: 'basic', kind: 'road', amount: '100.005', owner: 'community' }] }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toContainEqual({ code: 'TOO_PRECISE', path: 'capex[0].amount', message: 'must be an amount in 元 to the 分: at most two decimals' });
  });
});
