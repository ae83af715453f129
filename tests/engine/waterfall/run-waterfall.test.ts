import { describe, expect, it } from 'vitest';
import { waterfallSchema } from '../../../src/deal/waterfall-schema.js';
import { D } from '../../../src/finance/decimal.js';
import { runWaterfall } from '../../../src/engine/waterfall/run-waterfall.js';

const row = (values: (number | string)[]) => values.map((v) => new D(v));
const text = (values: D[]) => values.map((v) => v.toString());
const ratios = (values: (number | null)[]) => values.map((v) => (v === null ? null : new D(v)));

describe('runWaterfall (methodology §11)', () => {
  it('funds a DSRA at close, builds an MMRA, locks up a year and catches the distribution up, releases at maturity', () => {
    const settings = waterfallSchema.parse({
      dsra: { months: 6, funding: 'at-close' }, mmra: { buildUpYears: 2 }, lockUp: { minDscr: '1.2' }, distributions: { enabled: true }, shortTermBorrowing: { rate: '0.05' },
    });
    const w = runWaterfall(settings, {
      cashBefore: row([0, 100, 100, -60, 100]),
      serviceDue: row([0, 40, 40, 40, 0]),
      dscr: ratios([null, 2, 1.1, 1.5, null]),
      maintenanceEvents: row([0, 0, 0, 0, 30]),
      distributableProfit: row([0, 50, 50, -20, 80]),
      calendarYears: [2026, 2027, 2028, 2029, 2030],
      C: 1,
    });
    // DSRA target = 6/12 × next year's service: 20, 20, 20, then 0 (no service after 2029's), 0.
    expect(text(w.dsra.target)).toEqual(['20', '20', '20', '0', '0']);
    // 2026 (close): the investors pay the 20 in; released in 2029, the year of the last service.
    expect(text(w.dsra.equityAtClose)).toEqual(['20', '0', '0', '0', '0']);
    expect(text(w.dsra.release)).toEqual(['0', '0', '0', '20', '0']);
    expect(text(w.dsra.closing)).toEqual(['20', '20', '20', '0', '0']);
    // MMRA for the 30 event of 2030 over 2 years: 2028 holds 30 × 1/2 = 15, 2029 holds 30; released in 2030.
    expect(text(w.mmra.target)).toEqual(['0', '0', '15', '30', '0']);
    expect(text(w.mmra.deposit)).toEqual(['0', '0', '15', '15', '0']);
    expect(text(w.mmra.release)).toEqual(['0', '0', '0', '0', '30']);
    // 2027: 100 cash, 50 distributable → 50 paid. 2028: DSCR 1.1 < 1.2 locks up: 150 − 15 MMRA = 135 kept, 50 owed.
    // 2029: 135 − 60 + 20 DSRA − 15 MMRA = 80; owed 50 − 20 = 30, paid (the catch-up). 2030: 50 + 100 + 30 = 180, 80 paid.
    expect(text(w.distributions)).toEqual(['0', '50', '0', '30', '80']);
    expect(text(w.freeCash)).toEqual(['0', '50', '135', '50', '100']);
    expect(w.lockUpYears).toEqual([2028]);
    expect(w.blockedYears).toEqual([2028]);
    expect(w.survivalFailures).toEqual([]);
    expect(text(w.undistributed)).toEqual(['0', '0', '50', '0', '0']);
    // Net flow after the waterfall = change of all cash (free + reserves) = cash before + DSRA equity − distributions:
    // 0 + 20, 100 − 50, 100 − 0, −60 − 30 = −90 (170 → 80), 100 − 80 = 20 (80 → 100).
    expect(text(w.netCashFlow)).toEqual(['20', '50', '100', '-90', '20']);
  });

  it('borrows short-term in a loss year, charges a year of interest and repays it first the next year', () => {
    const settings = waterfallSchema.parse({ distributions: { enabled: true }, shortTermBorrowing: { rate: '0.1' } });
    const w = runWaterfall(settings, {
      cashBefore: row([0, -50, 80, 10]), serviceDue: row([0, 0, 0, 0]), dscr: ratios([null, null, null, null]),
      maintenanceEvents: row([0, 0, 0, 0]), distributableProfit: row([0, -50, 60, 10]), calendarYears: [2026, 2027, 2028, 2029], C: 1,
    });
    // 2027: −50 → 临时借款 50, the year fails survival. 2028: interest 50 × 10% = 5; 80 − 5 = 75, repay 50 → 25;
    // distributable −50 + 60 = 10 ≤ 25: paid 10, 15 kept. 2029: 15 + 10 = 25, 10 distributable paid, 15 kept.
    expect(text(w.shortTerm.drawn)).toEqual(['0', '50', '0', '0']);
    expect(text(w.shortTerm.interest)).toEqual(['0', '0', '5', '0']);
    expect(text(w.shortTerm.repaid)).toEqual(['0', '0', '50', '0']);
    expect(text(w.shortTerm.closing)).toEqual(['0', '50', '0', '0']);
    expect(text(w.distributions)).toEqual(['0', '0', '10', '10']);
    expect(text(w.freeCash)).toEqual(['0', '0', '15', '15']);
    expect(w.survivalFailures).toEqual([2027]);
  });

  it('draws the DSRA for a year whose cash cannot pay its service, and rebuilds it from cash', () => {
    const settings = waterfallSchema.parse({ dsra: { months: 12 } });
    const w = runWaterfall(settings, {
      cashBefore: row([0, 100, -30, 100, 0]), serviceDue: row([0, 40, 40, 40, 0]), dscr: ratios([null, 1.5, 0.5, 1.5, null]),
      maintenanceEvents: row([0, 0, 0, 0, 0]), distributableProfit: row([0, 0, 0, 0, 0]), calendarYears: [2026, 2027, 2028, 2029, 2030], C: 1,
    });
    // Built from cash: 2026 has none; 2027 puts 40 aside (60 free); 2028: 60 − 30 = 30 ≥ 0, no draw needed;
    // a −130 year would draw. Here 2029 releases to 0 (no 2030 service): 30 + 100 + 40 = 170.
    expect(text(w.dsra.deposit)).toEqual(['0', '40', '0', '0', '0']);
    expect(text(w.dsra.draw)).toEqual(['0', '0', '0', '0', '0']);
    expect(text(w.freeCash)).toEqual(['0', '60', '30', '170', '170']);
    const short = runWaterfall(settings, {
      cashBefore: row([0, 100, -80, 100, 0]), serviceDue: row([0, 40, 40, 40, 0]), dscr: ratios([null, 1.5, 0.5, 1.5, null]),
      maintenanceEvents: row([0, 0, 0, 0, 0]), distributableProfit: row([0, 0, 0, 0, 0]), calendarYears: [2026, 2027, 2028, 2029, 2030], C: 1,
    });
    // 2028: 60 − 80 = −20: the DSRA pays 20 (20 left), no 临时借款; 2029: 0 + 100, release 20 → 120.
    expect(text(short.dsra.draw)).toEqual(['0', '0', '20', '0', '0']);
    expect(short.dsraDrawYears).toEqual([2028]);
    expect(text(short.dsra.closing)).toEqual(['0', '40', '20', '0', '0']);
    expect(text(short.freeCash)).toEqual(['0', '60', '0', '120', '120']);
    expect(short.survivalFailures).toEqual([]);
  });
});
