import { describe, expect, it } from 'vitest';
import {
  D,
  cumipmt,
  cumprinc,
  fv,
  ipmt,
  ispmt,
  mirr,
  nper,
  pmt,
  ppmt,
  pv,
  rate,
} from '../../src/finance/index.js';
import { expectClose, expectFinanceError } from './helpers.js';

/** A 1000 loan over 3 periods at 10%: PMT = 1000·0.1·1.1³/(1.1³ − 1) = 133.1/0.331 = 402.1148036… */
const PAYMENT = '-402.114803625377643504531722054380664652567976';

const near = (value: D, reference: string, tolerance = '1e-28'): boolean => value.minus(reference).abs().lt(tolerance);

describe('pmt', () => {
  it('end of period: PMT(10%, 3, 1000) = -402.1148036253776435…', () => {
    expect(near(pmt(0.1, 3, 1000), PAYMENT)).toBe(true);
  });

  it('beginning of period (type 1) divides by 1 + r: -365.5589123867069486…', () => {
    expect(near(pmt(0.1, 3, 1000, 0, 1), '-365.558912386706948640483383685800604229607251')).toBe(true);
  });

  it('rate 0 is a straight line: PMT(0, 4, 1000) = -250, with fv 200: -300', () => {
    expect(pmt(0, 4, 1000).toNumber()).toBe(-250);
    expect(pmt(0, 4, 1000, 200).toNumber()).toBe(-300);
  });

  it('Excel examples: PMT(8%/12, 10, 10000) = -1037.03; saving 50000 over 18 years at 6%: -129.08', () => {
    expectClose(pmt(0.08 / 12, 10, 10000), -1037.03, 0.005);
    expectClose(pmt(0.06 / 12, 18 * 12, 0, 50000), -129.08, 0.005);
  });

  it('bad type flag, bad numbers → INVALID_INPUT; nper 0 → NO_SOLUTION', () => {
    expectFinanceError(() => pmt(0.1, 3, 1000, 0, 2 as 0), 'INVALID_INPUT', /type/);
    expectFinanceError(() => pmt(0.1, 'three', 1000), 'INVALID_INPUT', /nper/);
    expectFinanceError(() => pmt(0.1, 0, 1000), 'NO_SOLUTION');
    expectFinanceError(() => pmt(0, 0, 1000), 'NO_SOLUTION');
  });
});

describe('ipmt / ppmt', () => {
  it('period 1: interest = -pv·r = -100; principal = PMT + 100 = -302.1148…', () => {
    expect(ipmt(0.1, 1, 3, 1000).toNumber()).toBe(-100);
    expect(near(ppmt(0.1, 1, 3, 1000), '-302.114803625377643504531722054380664652567976')).toBe(true);
  });

  it('period 2: balance 1100 − 402.1148… = 697.8851…, interest -69.7885…', () => {
    expect(near(ipmt(0.1, 2, 3, 1000), '-69.7885196374622356495468277945619335347432024')).toBe(true);
  });

  it('period 3: balance 365.5589…, interest -36.5558…; principal repaid over the 3 periods = -1000', () => {
    expect(near(ipmt(0.1, 3, 3, 1000), '-36.5558912386706948640483383685800604229607250')).toBe(true);
    const principal = [1, 2, 3].reduce((sum, per) => sum.plus(ppmt(0.1, per, 3, 1000)), new D(0));
    expect(near(principal, '-1000')).toBe(true);
  });

  it('type 1, period 1: no interest has accrued (0), the whole payment is principal', () => {
    expect(ipmt(0.1, 1, 3, 1000, 0, 1).isZero()).toBe(true);
    expect(ppmt(0.1, 1, 3, 1000, 0, 1).eq(pmt(0.1, 3, 1000, 0, 1))).toBe(true);
  });

  it('rate 0: no interest, principal = PMT', () => {
    expect(ipmt(0, 2, 10, -50000).isZero()).toBe(true);
    expect(ppmt(0, 2, 10, -50000).toNumber()).toBe(5000);
  });

  it('per outside 1..nper → INVALID_INPUT', () => {
    expectFinanceError(() => ipmt(0.1, 0, 3, 1000), 'INVALID_INPUT', /per must be between 1 and nper/);
    expectFinanceError(() => ipmt(0.1, 4, 3, 1000), 'INVALID_INPUT');
    expectFinanceError(() => ppmt(0.1, 0, 3, 1000), 'INVALID_INPUT');
  });
});

describe('fv / pv / nper', () => {
  it('FV(10%, 2, -100) = 100·1.1 + 100 = 210; type 1: 231; rate 0: -(pv + pmt·n)', () => {
    expect(fv(0.1, 2, -100).toNumber()).toBe(210);
    expect(fv(0.1, 2, -100, 0, 1).toNumber()).toBe(231);
    expect(fv(0, 5, -100, -1000).toNumber()).toBe(1500);
  });

  it('PV(10%, 2, -100) = 100/1.1 + 100/1.21 = 21000/121 = 173.5537190082644628…', () => {
    expect(near(pv(0.1, 2, -100), '173.553719008264462809917355371900826446280992')).toBe(true);
    expect(pv(0, 24, 1000, 10000, 1).toNumber()).toBe(-34000);
  });

  it('NPER inverts PMT; rate 0 is linear; pmt 0 is ln(-fv/pv)/ln(1+r)', () => {
    expect(near(nper(0.1, PAYMENT, 1000), '3', '1e-25')).toBe(true);
    expect(nper(0, -100, 1000).toNumber()).toBe(10);
    // 500·1.1^n = 1500 ⇒ n = ln 3 / ln 1.1 = 11.5267046072476122…
    expect(near(nper(0.1, 0, -500, 1500), '11.5267046072476122555895250411027633378852992', '1e-25')).toBe(true);
  });

  it('a negative NPER is a valid spreadsheet answer', () => {
    expectClose(nper(0.1 / 12, -100, -1000), -9.645090919837394, 1e-9);
  });

  it('NPER without a value → NO_SOLUTION', () => {
    expectFinanceError(() => nper(0, 0, 1000), 'NO_SOLUTION', /never changes/);
    expectFinanceError(() => nper(0.1, -100, 1000, 1e9), 'NO_SOLUTION');
    expectFinanceError(() => nper(-1, -100, 1000), 'NO_SOLUTION');
  });
});

describe('rate', () => {
  it('inverts PMT: RATE(3, -402.1148…, 1000) = 10%', () => {
    expectClose(rate(3, PAYMENT, 1000), 0.1, 1e-14);
  });

  it('pmt 0 in closed form: RATE(10, 0, -3500, 10000) = (10000/3500)^(1/10) − 1 = 0.1106908537107528…', () => {
    expectClose(rate(10, 0, -3500, 10000), 0.1106908537107528, 1e-15);
  });

  it('the Excel example RATE(48, -200, 8000) = 0.77% a month', () => {
    expectClose(rate(48, -200, 8000), 0.00770147248820165, 1e-12);
  });

  it('a root exactly at 0 (payments sum to pv)', () => {
    expectClose(rate(10, -100, 1000), 0, 1e-12);
  });

  it('no rate → NO_SOLUTION; nper ≤ 0 or bad type → INVALID_INPUT', () => {
    expectFinanceError(() => rate(12, 400, 10000, 5000), 'NO_SOLUTION');
    expectFinanceError(() => rate(2, 0, -13.65, -329.67), 'NO_SOLUTION');
    expectFinanceError(() => rate(1, -100, 100, 0, 1), 'NO_SOLUTION', /every rate/); // pays pv at once
    expectFinanceError(() => rate(0, -100, 1000), 'INVALID_INPUT', /nper/);
    expectFinanceError(() => rate(10, -100, 1000, 0, 3 as 0), 'INVALID_INPUT');
  });
});

describe('cumipmt / cumprinc / ispmt / mirr', () => {
  it('over the whole 3-period loan: interest 3·PMT + 1000 = -206.3444…, principal -1000', () => {
    expect(near(cumipmt(0.1, 3, 1000, 1, 3, 0), '-206.34441087613293051359516616314199395770393')).toBe(true);
    expect(near(cumprinc(0.1, 3, 1000, 1, 3, 0), '-1000')).toBe(true);
  });

  it('type 1: 3·PMT_begin + 1000 = -96.676737…; period 1 carries no interest', () => {
    expect(near(cumipmt(0.1, 3, 1000, 1, 3, 1), '-96.67673716012084592145015105740181268882175')).toBe(true);
    expect(cumipmt(0.1, 3, 1000, 1, 1, 1).isZero()).toBe(true);
  });

  it('the Excel examples: 30-year mortgage 125000 at 9%/12, 2nd year interest -11135.23, first-month principal -68.28', () => {
    expectClose(cumipmt(0.09 / 12, 360, 125000, 13, 24, 0), -11135.23213075, 1e-7);
    expectClose(cumprinc(0.09 / 12, 360, 125000, 1, 1, 0), -68.27827118, 1e-7);
  });

  it('fractional start rounds up and end rounds down (Excel in practice)', () => {
    expect(cumipmt(0.6, 2, 100, 1.3, 2, 0).eq(cumipmt(0.6, 2, 100, 2, 2, 0))).toBe(true);
    expect(cumipmt(0.6, 2, 100, 1, 1.2, 0).eq(cumipmt(0.6, 2, 100, 1, 1, 0))).toBe(true);
  });

  it('Excel #NUM! conditions → INVALID_INPUT', () => {
    expectFinanceError(() => cumipmt(0, 3, 1000, 1, 3, 0), 'INVALID_INPUT', /rate/);
    expectFinanceError(() => cumipmt(0.1, 3, -1000, 1, 3, 0), 'INVALID_INPUT', /pv/);
    expectFinanceError(() => cumipmt(0.1, 3, 1000, 3, 1, 0), 'INVALID_INPUT');
    expectFinanceError(() => cumprinc(0.1, 3, 1000, 1, 4, 0), 'INVALID_INPUT', /nper/);
    expectFinanceError(() => cumprinc(0.1, 3, 1000, 1, 3, 2 as 0), 'INVALID_INPUT', /type/);
  });

  it('ISPMT (equal principal): 1000 at 1% over 10 periods, period 0: -10; period 5: -5', () => {
    expect(ispmt(0.01, 0, 10, 1000).toNumber()).toBe(-10);
    expect(ispmt(0.01, 5, 10, 1000).toNumber()).toBe(-5);
    expectFinanceError(() => ispmt(0.01, 0, 0, 1000), 'NO_SOLUTION');
  });

  it('MIRR([-100, 0, 121], 10%, 10%) = √(121/100) − 1 = 10%', () => {
    // positives carried forward at 10%: 121 (already at the end); negatives brought back: −100
    expect(near(mirr([-100, 0, 121], 0.1, 0.1), '0.1')).toBe(true);
  });

  it('the Excel example: MIRR([-120000, 39000, 30000, 21000, 37000, 46000], 10%, 12%) = 12.6094%', () => {
    const value = mirr([-120000, 39000, 30000, 21000, 37000, 46000], 0.1, 0.12);
    expect(near(value, '0.12609413036590514582842188005031089816309107', '1e-25')).toBe(true);
  });

  it('MIRR without both signs or with a rate of -1 → NO_SOLUTION', () => {
    expectFinanceError(() => mirr([100, 200], 0.1, 0.1), 'NO_SOLUTION', /positive and one negative/);
    expectFinanceError(() => mirr([-100, 200], -1, 0.1), 'NO_SOLUTION');
    expectFinanceError(() => mirr([], 0.1, 0.1), 'INVALID_INPUT');
  });
});
