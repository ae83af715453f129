import { describe, expect, it } from 'vitest';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { buildDealInput } from '../helpers/build-deal.js';

describe('deal.waterfall (methodology §11)', () => {
  it('defaults to no reserve, no lock-up, no distribution and 临时借款 at 3%', () => {
    const parsed = parseDeal(buildDealInput());
    if (!parsed.ok) throw new Error('parse');
    expect(parsed.deal.waterfall).toEqual({
      dsra: { months: 0, funding: 'from-cash' }, mmra: { buildUpYears: 0 }, lockUp: { basis: 'year', trailingYears: 2 },
      distributions: { enabled: false, payoutRatio: '1' }, shortTermBorrowing: { enabled: true, rate: '0.03' },
    });
  });

  it('names every bad field of the waterfall at once', () => {
    const parsed = parseDeal({
      ...buildDealInput(),
      waterfall: { dsra: { months: 30, funding: 'later' }, lockUp: { minDscr: '-1' }, distributions: { payoutRatio: '1.5' }, shortTermBorrowing: { rate: 'high' }, sweep: {} },
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const paths = parsed.problems.map((p) => p.path).sort();
    expect(paths).toEqual([
      'waterfall.distributions.payoutRatio', 'waterfall.dsra.funding', 'waterfall.dsra.months', 'waterfall.lockUp.minDscr', 'waterfall.shortTermBorrowing.rate', 'waterfall.sweep',
    ]);
    expect(parsed.problems.find((p) => p.path === 'waterfall.dsra.months')!.message).toMatch(/0 to 24/);
  });
});
