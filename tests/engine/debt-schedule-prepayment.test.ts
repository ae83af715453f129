import { describe, expect, it } from 'vitest';
import type { BankLoan } from '../../src/deal/funding-schema.js';
import { fundingSourceSchema } from '../../src/deal/funding-schema.js';
import { scheduleLoan } from '../../src/engine/debt-schedule.js';
import { D } from '../../src/finance/decimal.js';

const loan = (fields: object) =>
  fundingSourceSchema.parse({ id: 'l', name: '贷款', kind: 'bank-loan', size: { kind: 'need' }, rate: { kind: 'fixed', rate: '0.04' }, tenorYears: 6, constructionInterest: 'paid', ...fields }) as BankLoan;
const series = (...values: (string | number)[]) => values.map((v) => new D(v));
const fen = (row: D[]) => row.map((v) => v.toFixed(2));
const sum = (row: D[]) => row.reduce((s, v) => s.plus(v), new D(0));

/*
 * 1,000,000 drawn mid-year in one construction year at 4%, interest paid (500,000 × 4% = 20,000), repaid
 * 等额本息 over years 2–6 (n = 5): payment = 1,000,000 × 0.04 / (1 − 1.04⁻⁵) = 224,627.11.
 * Without prepayments: interest 40,000.00, 32,614.92, 24,934.43, 16,946.72, 8,639.51 (Σ 123,135.58).
 */
const draws = series(1_000_000, 0, 0, 0, 0, 0);
const annuity = loan({ repayment: { kind: 'annuity' } });

describe('a loan prepaid by the cash sweep (methodology §11.11)', () => {
  it('shortens: the instalment stays 224,627.11, the interest falls, the loan ends in year 4 instead of 6', () => {
    // 150,000 asked at the end of every operating year:
    //  y2: interest 40,000.00, principal 184,627.11 → 815,372.89, prepaid 150,000 → 665,372.89
    //  y3: interest 665,372.89 × 4% = 26,614.92, principal 198,012.19 → 467,360.70, prepaid 150,000 → 317,360.70
    //  y4: interest 12,694.43, principal 211,932.68 → 105,428.02, prepaid only the 105,428.02 left → 0
    const s = scheduleLoan(annuity, draws, 1, undefined, { amounts: series(0, 150_000, 150_000, 150_000, 150_000, 150_000), mode: 'shorten' });
    expect(fen(s.interest)).toEqual(['20000.00', '40000.00', '26614.92', '12694.43', '0.00', '0.00']);
    expect(fen(s.principal)).toEqual(['0.00', '184627.11', '198012.19', '211932.68', '0.00', '0.00']);
    expect(fen(s.prepayment)).toEqual(['0.00', '150000.00', '150000.00', '105428.02', '0.00', '0.00']);
    expect(fen(s.closing)).toEqual(['1000000.00', '665372.89', '317360.70', '0.00', '0.00', '0.00']);
    // Scheduled service is the instalment, the prepayment outside it.
    expect(fen(s.debtService.slice(1, 4))).toEqual(['224627.11', '224627.11', '224627.11']);
    // Interest in operation 79,309.35 against 123,135.58: 43,826.23 saved.
    const plain = scheduleLoan(annuity, draws, 1);
    expect(sum(plain.interest.slice(1)).toFixed(2)).toBe('123135.58');
    expect(sum(plain.interest.slice(1)).minus(sum(s.interest.slice(1))).toFixed(2)).toBe('43826.23');
    // Every yuan drawn is repaid, scheduled or prepaid.
    expect(sum(s.principal).plus(sum(s.prepayment)).toFixed(2)).toBe('1000000.00');
  });

  it('reamortises: after 150,000 prepaid in year 2 the 665,372.89 left is re-scheduled over years 3–6', () => {
    // Payment = 665,372.89 × 0.04 / (1 − 1.04⁻⁴) = 183,303.61:
    //  y3: interest 26,614.92, principal 156,688.69 → 508,684.20;  y4: 20,347.37, 162,956.24 → 345,727.96
    //  y5: 13,829.12, 169,474.49 → 176,253.47;  y6: 7,050.14, the 176,253.47 left (service 183,303.61).
    const s = scheduleLoan(annuity, draws, 1, undefined, { amounts: series(0, 150_000, 0, 0, 0, 0), mode: 'reamortise' });
    expect(fen(s.interest)).toEqual(['20000.00', '40000.00', '26614.92', '20347.37', '13829.12', '7050.14']);
    expect(fen(s.principal)).toEqual(['0.00', '184627.11', '156688.69', '162956.24', '169474.49', '176253.47']);
    expect(fen(s.debtService.slice(2))).toEqual(['183303.61', '183303.61', '183303.61', '183303.61']);
    expect(s.closing[5]!.toFixed(2)).toBe('0.00');
  });

  it('shortening an equal-principal loan keeps its 200,000 parts; reamortising spreads the rest evenly', () => {
    const ep = loan({ repayment: { kind: 'equal-principal' } });
    const asked = series(0, 300_000, 0, 0, 0, 0);
    // Shorten: 200,000 a year from 1,000,000; y2 repays 200,000 + 300,000 → 500,000 left: y3, y4 200,000, y5 the 100,000 left.
    const short = scheduleLoan(ep, draws, 1, undefined, { amounts: asked, mode: 'shorten' });
    expect(fen(short.principal)).toEqual(['0.00', '200000.00', '200000.00', '200000.00', '100000.00', '0.00']);
    // Reamortise: the 500,000 left over the 4 years left, 125,000 each.
    const re = scheduleLoan(ep, draws, 1, undefined, { amounts: asked, mode: 'reamortise' });
    expect(fen(re.principal)).toEqual(['0.00', '200000.00', '125000.00', '125000.00', '125000.00', '125000.00']);
  });

  it('prepays in a grace year without moving a shortened loan\'s instalments, and never below a zero balance', () => {
    // Grace in year 2, repaid years 3–6 from 1,000,000: payment = PMT(4%, 4, 1,000,000) = 275,490.05.
    // 100,000 prepaid at the end of year 2; shorten keeps 275,490.05 from the 900,000 left.
    const grace = loan({ repayment: { kind: 'annuity' }, graceYears: 1 });
    const s = scheduleLoan(grace, draws, 1, undefined, { amounts: series(0, 100_000, 0, 0, 0, 0), mode: 'shorten' });
    expect(s.debtService[2]!.toFixed(2)).toBe('275490.05');
    expect(s.interest[2]!.toFixed(2)).toBe('36000.00');
    expect(s.closing.every((v) => !v.isNegative())).toBe(true);
    expect(sum(s.principal).plus(sum(s.prepayment)).toFixed(2)).toBe('1000000.00');
    // An ask larger than the balance takes only the balance.
    const all = scheduleLoan(annuity, draws, 1, undefined, { amounts: series(0, 5_000_000, 0, 0, 0, 0), mode: 'shorten' });
    expect(fen(all.prepayment)).toEqual(['0.00', '815372.89', '0.00', '0.00', '0.00', '0.00']);
    expect(all.closing.slice(1).every((v) => v.isZero())).toBe(true);
  });
});
