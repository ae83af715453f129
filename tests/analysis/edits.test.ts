import { describe, expect, it } from 'vitest';
import { applyDriver } from '../../src/analysis/drivers.js';
import { readLoanRate } from '../../src/analysis/edits/cost-edits.js';
import { setOperatingYears } from '../../src/analysis/edits/timeline-edits.js';
import { evaluateVariant } from '../../src/analysis/evaluate-variant.js';
import { summariseFunding } from '../../src/analysis/funding-summary.js';
import { D } from '../../src/finance/decimal.js';
import { loadTemplate } from '../helpers/load-template.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';
import { parseDeal } from '../../src/deal/parse-deal.js';

const AS_OF = '2026-03-01';
const evaluate = (deal: Parameters<typeof evaluateVariant>[0]) => {
  const outcome = evaluateVariant(deal, AS_OF);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.evaluation;
};
const paid = (e: ReturnType<typeof evaluate>, id: string) => Number(summariseFunding(e).find((f) => f.source === id)!.amount);

describe('deal edits', () => {
  const fuzhou = loadTemplate('fuzhou-gulou-25y');

  it('scales capex; on an overrun the utility pays its share of its pipes and the sponsor what nothing else may fund', () => {
    const base = evaluate(fuzhou);
    const over = evaluate(applyDriver(fuzhou, { driver: 'capex' }, 0.2));
    expect(over.metrics.constructionInvestment.toNumber()).toBeCloseTo(base.metrics.constructionInvestment.toNumber() * 1.2, 0);
    expect(paid(over, 'fz-water-co')).toBe(42_000_000);
    // Grants are fixed commitments: the roofs' overrun falls to the sponsor (the last equity).
    expect(paid(over, 'fz-district')).toBe(paid(base, 'fz-district'));
    expect(paid(over, 'fz-park-group')).toBeGreaterThan(paid(base, 'fz-park-group'));
    const sources = summariseFunding(over).reduce((s, f) => s.plus(f.amount), new D(0));
    expect(sources.eq(over.metrics.constructionInvestment)).toBe(true);
  });

  it('on an overrun, a source whose rules claim a share of items pays that share of the overrun, not more', () => {
    // 深圳: the subsidy (35万 per elevator at most) stays; the residents (share 1) take the elevators' whole overrun.
    const shenzhen = loadTemplate('shenzhen-elevator');
    const changed = applyDriver(shenzhen, { driver: 'capex' }, 0.1);
    const overrun = (deal: typeof shenzhen, ids: string[]) =>
      ids.reduce((s, id) => s + Number(changed.capex.find((c) => c.id === id)!.amount) - Number(deal.capex.find((c) => c.id === id)!.amount), 0);
    const [base, over] = [evaluate(shenzhen), evaluate(changed)];
    expect(paid(over, 'sz-subsidy')).toBe(paid(base, 'sz-subsidy'));
    expect(paid(over, 'sz-residents') - paid(base, 'sz-residents')).toBeCloseTo(overrun(shenzhen, ['sz-elevators']), 2);
    // Each elevator's cost stays whole 分: 12 elevators, 650,000 × 1.1 each.
    expect(changed.capex.find((c) => c.id === 'sz-elevators')!.amount).toBe('8580000.00');
    // 湘潭: the central budget is the government side (30%) of the 30/70 utility split and also fills basic
    // items; it pays 30% of the pipes' overrun more (and at most 1 分 per pipe of headroom), the rest of
    // the overrun falls to the fill and the sponsor — not a whole-commitment scaling.
    const xiangtan = loadTemplate('xiangtan-heping');
    const xChanged = applyDriver(xiangtan, { driver: 'capex' }, 0.2);
    const [x0, x1] = [evaluate(xiangtan), evaluate(xChanged)];
    const pipes = ['xt-water', 'xt-gas', 'xt-power'].reduce((s, id) => s + Number(xChanged.capex.find((c) => c.id === id)!.amount) - Number(xiangtan.capex.find((c) => c.id === id)!.amount), 0);
    const growth = paid(x1, 'xt-central-budget') - paid(x0, 'xt-central-budget');
    expect(growth).toBeGreaterThanOrEqual(0.3 * pipes - 0.01);
    expect(growth).toBeLessThanOrEqual(0.3 * pipes + 0.05);
    expect(paid(x1, 'xt-gas-co')).toBeCloseTo(paid(x0, 'xt-gas-co') * 1.2, 1);
  });

  it('keeps every template fundable at capex +10% and +20% (the stress pack’s overrun cases)', () => {
    for (const id of ['baoding-utility-split', 'beijing-jinsong-20y', 'fuzhou-gulou-25y', 'lugu-package', 'shenzhen-elevator', 'xiangtan-heping', 'xiangtan-bond-card', 'gulou-bond-cdb-combined']) {
      for (const change of [0.1, 0.2]) {
        const outcome = evaluateVariant(applyDriver(loadTemplate(id), { driver: 'capex' }, change), AS_OF);
        expect(outcome.ok ? [] : outcome.problems.map((p) => p.code), `${id} capex +${change * 100}%`).toEqual([]);
      }
    }
  });

  it('delays construction: the last year of works slips, operation keeps its length and starts later', () => {
    const delayed = applyDriver(fuzhou, { driver: 'construction-delay' }, 1);
    expect(delayed.timeline.constructionYears).toBe(3);
    expect(delayed.timeline.capexPhasing).toEqual(['0.6', '0', '0.4']);
    expect(delayed.timeline.operatingYears).toBe(25);
    expect(evaluate(delayed).years).toHaveLength(28);
  });

  it('shortens the operating period: later maintenance is dropped and the loan ends with the deal', () => {
    const short = setOperatingYears(fuzhou, 21);
    expect(short.opex.majorMaintenance.flatMap((e) => e.operatingYears).every((y) => y <= 21)).toBe(true);
    const loan = short.funding.sources.find((s) => s.id === 'fz-cdb-loan')!;
    expect(loan.kind === 'bank-loan' && loan.tenorYears).toBe(23);
    expect(evaluate(short).years).toHaveLength(23);
  });

  it('scales prices (a custom formula is wrapped) and volumes (occupancy stops at 100%)', () => {
    const lugu = loadTemplate('lugu-package');
    const custom = lugu.revenue.find((s) => s.driver === 'custom')!;
    const scaled = applyDriver(lugu, { driver: 'revenue' }, -0.1);
    const after = scaled.revenue.find((s) => s.id === custom.id)!;
    expect(after.driver === 'custom' && after.formula).toBe(`(${custom.driver === 'custom' ? custom.formula : ''}) * 0.9`);
    const revenue = (d: typeof lugu) => evaluate(d).projection.revenue.net.reduce((s: D, v: D) => s.plus(v), new D(0)).toNumber();
    expect(revenue(scaled) / revenue(lugu)).toBeCloseTo(0.9, 6);
    const full = applyDriver(fuzhou, { driver: 'volume', stream: 'fz-parking-community' }, 0.5);
    const stream = full.revenue.find((s) => s.id === 'fz-parking-community')!;
    expect(stream.driver === 'parking' && stream.occupancy).toEqual(['0.975', '1', '1']);
  });

  it('moves LPR loans by their LPR and keeps the spread', () => {
    const shifted = applyDriver(fuzhou, { driver: 'interest-rate-shift' }, 0.01);
    const loan = shifted.funding.sources.find((s) => s.id === 'fz-cdb-loan')!;
    expect(loan.kind === 'bank-loan' && readLoanRate(loan.rate).toString()).toBe('0.042');
    expect(loan.kind === 'bank-loan' && loan.rate.kind === 'lpr' && loan.rate.spread).toBe('-0.003');
  });
});

describe('a custom repayment schedule under timeline edits', () => {
  // The funded helper deal's loan: tenor 10 from year 1, 2 construction years, 1 grace year: 7 repayment years.
  const withSchedule = () => {
    const input = buildFundedDealInput();
    const loan = input.funding!.sources.find((s) => s.id === 'loan')!;
    Object.assign(loan, { repayment: { kind: 'custom', shares: ['0.1', '0.1', '0.1', '0.1', '0.2', '0.2', '0.2'] } });
    const parsed = parseDeal(input);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    return parsed.deal;
  };
  const sharesOf = (deal: ReturnType<typeof withSchedule>) => {
    const loan = deal.funding.sources.find((s) => s.id === 'loan')!;
    return loan.kind === 'bank-loan' && loan.repayment.kind === 'custom' ? loan.repayment.shares : [];
  };

  it("a delay within the same tenor moves the lost year's principal into the first repayment year", () => {
    const delayed = applyDriver(withSchedule(), { driver: 'construction-delay' }, 1);
    expect(sharesOf(delayed)).toEqual(['0.2', '0.1', '0.1', '0.2', '0.2', '0.2']);
    expect(evaluate(delayed)).toBeDefined();
  });

  it('a shorter operation cuts the tenor and moves the principal of the years cut into the new last year', () => {
    const shorter = setOperatingYears(withSchedule(), 7); // 2 + 7 = 9 years: the 10-year tenor loses one
    expect(sharesOf(shorter)).toEqual(['0.1', '0.1', '0.1', '0.1', '0.2', '0.4']);
    expect(evaluate(shorter)).toBeDefined();
  });
});
