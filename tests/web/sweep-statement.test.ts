import { describe, expect, it } from 'vitest';
import { buildSweepStatement } from '../../web/src/lib/sweep-statement.js';

/* A three-year slice of the two-loan deal with half of each year's cash swept to the junior loan (200,000 bullet):
 * prepayments 40,650.00 + 44,564.62 + 44,643.33 = 129,857.95 swept; balance 200,000 − 40,650 = 159,350.00,
 * − 44,564.62 = 114,785.38, − 44,643.33 = 70,142.05. */
const result = {
  years: [{ calendarYear: 2027 }, { calendarYear: 2028 }, { calendarYear: 2029 }],
  debt: { facilities: [{ id: 'senior', name: '优先级贷款' }, { id: 'junior', name: '次级贷款' }] },
  statements: { debtService: { rows: [{ key: 'senior.closing', values: ['400000.00', '200000.00', '0.00'] }, { key: 'junior.closing', values: ['159350.00', '114785.38', '70142.05'] }] } },
  waterfall: {
    lockUpYears: [2028],
    sweep: { sourceId: 'junior', share: '0.5000000000', mode: 'shorten', available: ['81300.00', '89129.25', '89286.66'], prepayment: ['40650.00', '44564.62', '44643.33'] },
  },
};

describe('the cash sweep table (methodology §11.11)', () => {
  it('names the swept loan, its share and mode, and totals what was swept', () => {
    expect(buildSweepStatement(result)!.settings).toEqual({ sourceId: 'junior', loanName: '次级贷款', share: '0.5000000000', mode: 'shorten', swept: '129857.95' });
  });

  it('shows by year the cash offered, the prepayment, the swept loan\'s own balance and the locked-up years', () => {
    const rows = buildSweepStatement(result)!.statement.rows;
    expect(rows.map((r: any) => r.key)).toEqual(['sweep.available', 'sweep.prepayment', 'sweep.balance', 'sweep.lockedUp']);
    expect(rows[0].total).toBe('259715.91');
    expect(rows[2].values).toEqual(['159350.00', '114785.38', '70142.05']);
    expect(rows[3].values).toEqual(['', '锁定', '']);
  });

  it('is absent for an evaluation without a sweep', () => {
    expect(buildSweepStatement({ ...result, waterfall: { lockUpYears: [] } })).toBeNull();
  });
});
