/**
 * IRR speed: this project's `irr` beside @formulajs/formulajs `IRR` on the same vectors.
 * Run: npx vitest bench --run tests/bench/irr.bench.ts
 *
 * The 27-year vector is a typical deal (methodology §2): 2 construction years of capex (5200万, 3800万),
 * then 25 operating years whose net inflow ramps up with occupancy (60% → 75% → 90%), escalates 2% a
 * year, and ends with a 300万 residual value. Its IRR is 10.52% (Newton from 0.1, unique root).
 */
import { IRR } from '@formulajs/formulajs';
import { bench, describe } from 'vitest';
import { D, irr, solveIrr } from '../../src/finance/index.js';

const DEAL_27_YEARS: number[] = [
  -52_000_000, -38_000_000, 6_533_333.33, 8_330_000, 10_195_920, 10_399_838.4, 10_607_835.17, 10_819_991.87,
  11_036_391.71, 11_257_119.54, 11_482_261.93, 11_711_907.17, 11_946_145.32, 12_185_068.22, 12_428_769.59,
  12_677_344.98, 12_930_891.88, 13_189_509.72, 13_453_299.91, 13_722_365.91, 13_996_813.23, 14_276_749.49,
  14_562_284.48, 14_853_530.17, 15_150_600.77, 15_453_612.79, 18_762_685.04,
];
const DEAL_27_YEARS_DECIMAL: D[] = DEAL_27_YEARS.map((value) => new D(value));
/** The same flows as 34-digit decimals (as a statement keeps them before rounding to the 分). */
const DEAL_27_YEARS_FULL_PRECISION: D[] = DEAL_27_YEARS.map((value) => new D(value).div(7).times(7.000001));

/** IRR = −0.75 exactly (5y² + 5y − 100 = 0 with y = 1/(1+r) gives y = 4); Newton from 0.1 fails. */
const DEEPLY_NEGATIVE: number[] = [-100, 5, 5];

/** Sink so the engine cannot drop the calls. */
let sink = 0;

describe('IRR of a 27-year deal vector (2 construction + 25 operating years)', () => {
  bench('finance irr(number[])', () => {
    sink += irr(DEAL_27_YEARS).toNumber();
  });
  bench('formulajs IRR(number[])', () => {
    sink += IRR(DEAL_27_YEARS) as number;
  });
  bench('finance irr(D[])', () => {
    sink += irr(DEAL_27_YEARS_DECIMAL).toNumber();
  });
  bench('finance irr(D[] with 34 significant digits)', () => {
    sink += irr(DEAL_27_YEARS_FULL_PRECISION).toNumber();
  });
  bench('finance solveIrr(number[]) (unique root: no scan)', () => {
    sink += solveIrr(DEAL_27_YEARS).rate.toNumber();
  });
});

describe('IRR of a deeply negative vector [-100, 5, 5] (root -0.75)', () => {
  bench('finance irr (Newton fails → scan + Brent)', () => {
    sink += irr(DEEPLY_NEGATIVE).toNumber();
  });
  bench('formulajs IRR', () => {
    sink += IRR(DEEPLY_NEGATIVE) as number;
  });
});

export { sink };
