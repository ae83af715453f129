import { describe, expect, it } from 'vitest';
import { applyDriver } from '../../src/analysis/drivers.js';
import { validateDeal } from '../../src/deal/validate-deal.js';
import { evaluateDeal } from '../../src/engine/evaluate-deal.js';
import { buildDeal } from '../helpers/build-deal.js';
import { buildTwoPhaseDealInput } from '../engine/phased-opening.fixture.js';

/** A construction delay of a phased deal (methodology §10.11): openings in the last construction year slip with its works. */
describe('construction delay of a phased opening', () => {
  it('keeps an opening before the last construction year and slips one in it', () => {
    const input = buildTwoPhaseDealInput();
    // The centre built 2026–2027 opens in 2027 (the last construction year), with its lease.
    input.capex[1] = { ...input.capex[1]!, openingYear: 2027 };
    input.revenue![1] = { ...input.revenue![1]!, openingYear: 2027 };
    const deal = buildDeal(input);
    const delayed = applyDriver(deal, { driver: 'construction-delay' }, 1);
    expect(delayed.timeline.constructionYears).toBe(3);
    expect(delayed.capex.map((c) => c.openingYear)).toEqual([2026, 2028]);
    expect(delayed.revenue.map((s) => s.openingYear)).toEqual([2026, 2028]);
    expect(delayed.opex.fixed.map((c) => c.openingYear)).toEqual([2026, undefined]);
    // Still a valid deal: the centre's last share slipped to 2028 with its opening.
    expect(validateDeal(delayed)).toEqual([]);
    const e = evaluateDeal(delayed, { asOf: '2026-03-01' });
    expect(e.ok).toBe(true);
    if (e.ok) expect(e.years.map((y) => y.phase).slice(0, 4)).toEqual(['construction-and-operation', 'construction-and-operation', 'construction-and-operation', 'operation']);
  });
});

describe('stress pack of a phased card (methodology §10.11)', () => {
  it('runs every default case on xiangtan-bond-card with chargers and ad spaces opening in 2026, delay included', async () => {
    const { runStressPack, DEFAULT_STRESS_CASES } = await import('../../src/analysis/stress-pack.js');
    const { buildPhasedCardInput } = await import('../engine/bonds/phased-card.fixture.js');
    const outcome = runStressPack(buildDeal(buildPhasedCardInput()), '2026-03-01');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    expect(outcome.result.cases).toHaveLength(DEFAULT_STRESS_CASES.length);
    expect(DEFAULT_STRESS_CASES.some((c) => c.id === 'delay-1y')).toBe(true);
  });
});
