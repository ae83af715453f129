import { describe, expect, it } from 'vitest';
import { checkCovenants } from '../../src/analysis/covenant-check.js';
import { parseDeal } from '../../src/deal/parse-deal.js';
import { evaluateIndicators } from '../../src/engine/evaluate-deal.js';
import { buildFundedDealInput } from '../helpers/funded-deal.js';

describe('checkCovenants reports the waterfall (methodology §11)', () => {
  it('names the lock-up years of a deal whose DSCR stays below its lock-up threshold', () => {
    // A lock-up threshold of 100 blocks every year with a DSCR: each operating year with loan service.
    const parsed = parseDeal({ ...buildFundedDealInput(), waterfall: { lockUp: { minDscr: '100' }, distributions: { enabled: true } } });
    if (!parsed.ok) throw new Error('parse');
    const e = evaluateIndicators(parsed.deal, { asOf: '2026-11-23' });
    if (!e.ok) throw new Error('evaluate');
    const withService = e.debt.dscr.flatMap((v, t) => (v === null ? [] : [e.years[t]!.calendarYear]));
    expect(e.waterfall.lockUpYears).toEqual(withService);
    const breach = checkCovenants(parsed.deal.covenants, e).find((b) => b.covenant === 'lockUp')!;
    expect(breach.message).toBe(`distributions locked up (DSCR below the lock-up threshold) in ${withService.join(', ')}`);
    // Locked up in every serviced year: nothing is distributed in them.
    e.debt.dscr.forEach((v, t) => { if (v !== null) expect(e.waterfall.distributions[t]!.isZero()).toBe(true); });
  });
});
