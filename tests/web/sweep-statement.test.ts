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
    sweep: {
      available: ['81300.00', '89129.25', '89286.66'], prepayment: ['40650.00', '44564.62', '44643.33'],
      loans: [{ sourceId: 'junior', share: '0.5000000000', mode: 'shorten', prepayment: ['40650.00', '44564.62', '44643.33'] }],
    },
  },
};

describe('the cash sweep table (methodology §11.11)', () => {
  it('names the swept loan, its share and mode, and totals what was swept', () => {
    expect(buildSweepStatement(result)!.settings).toEqual({ loans: [{ sourceId: 'junior', loanName: '次级贷款', share: '0.5000000000', mode: 'shorten', swept: '129857.95' }], swept: '129857.95' });
  });

  it('shows by year the cash offered, the prepayment, the swept loan\'s own balance and the locked-up years', () => {
    const rows = buildSweepStatement(result)!.statement.rows;
    expect(rows.map((r: any) => r.key)).toEqual(['sweep.available', 'sweep.junior.prepayment', 'sweep.junior.balance', 'sweep.lockedUp']);
    expect(rows[0].total).toBe('259715.91');
    expect(rows[2].values).toEqual(['159350.00', '114785.38', '70142.05']);
    expect(rows[3].values).toEqual(['', '锁定', '']);
  });

  /* Two sweeps: 0.3 of the cash to the senior loan and 0.5 to the junior, in that order. 2027: 0.3 × 81,300 = 24,390
   * and 0.5 × 81,300 = 40,650, together 65,040; senior balance 400,000 − 24,390 = 375,610 = 37.56 万元. */
  it('with several sweeps shows each loan\'s prepayment and balance in the order given, then the total', () => {
    const two = {
      ...result,
      statements: { debtService: { rows: [{ key: 'senior.closing', values: ['375610.00'] }, { key: 'junior.closing', values: ['159350.00'] }] } },
      years: [{ calendarYear: 2027 }],
      waterfall: { lockUpYears: [], sweep: {
        available: ['81300.00'], prepayment: ['65040.00'],
        loans: [{ sourceId: 'senior', share: '0.3', mode: 'shorten', prepayment: ['24390.00'] }, { sourceId: 'junior', share: '0.5', mode: 'reamortise', prepayment: ['40650.00'] }],
      } },
    };
    const built = buildSweepStatement(two)!;
    expect(built.settings.loans.map((l) => [l.loanName, l.mode, l.swept])).toEqual([['优先级贷款', 'shorten', '24390'], ['次级贷款', 'reamortise', '40650']]);
    expect(built.settings.swept).toBe('65040');
    expect(built.statement.rows.map((r: any) => r.key)).toEqual(['sweep.available', 'sweep.senior.prepayment', 'sweep.senior.balance', 'sweep.junior.prepayment', 'sweep.junior.balance', 'sweep.prepayment', 'sweep.lockedUp']);
    expect(built.statement.rows[5].total).toBe('65040');
  });

  it('is absent for an evaluation without a sweep', () => {
    expect(buildSweepStatement({ ...result, waterfall: { lockUpYears: [] } })).toBeNull();
  });
});
