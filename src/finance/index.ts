/**
 * Spreadsheet-exact finance primitives (methodology §8). Arguments follow the spreadsheet order; inputs
 * are `DecimalInput` (number, numeric string or `D`); every function returns a `D` or throws
 * `FinanceError` with `code` `'NO_SOLUTION'` (no real root / undefined for these inputs) or
 * `'INVALID_INPUT'` (malformed argument), and a plain-English message.
 *
 *   irr(values, guess?)                       xirr(values, dates, guess?)
 *   npv(rate, values)                         xnpv(rate, values, dates)
 *   pmt(rate, nper, pv, fv?, type?)           fv(rate, nper, pmt, pv?, type?)
 *   ipmt(rate, per, nper, pv, fv?, type?)     pv(rate, nper, pmt, fv?, type?)
 *   ppmt(rate, per, nper, pv, fv?, type?)     nper(rate, pmt, pv, fv?, type?)
 *   rate(nper, pmt, pv, fv?, type?, guess?)   mirr(values, financeRate, reinvestRate)
 *   cumipmt(rate, nper, pv, start, end, type) cumprinc(rate, nper, pv, start, end, type)
 *   ispmt(rate, per, nper, pv)
 *
 * Dates (`DateInput`): `'YYYY-MM-DD'` strings, `Date`s (their UTC day), or spreadsheet serial numbers.
 *
 * ## Several IRRs: `solveIrr` / `solveXirr`
 *
 *   solveIrr(values, guess?): RateSolution
 *   solveXirr(values, dates, guess?): RateSolution
 *
 *   interface RateSolution {
 *     rate: D;                                  // exactly what irr() / xirr() return
 *     method: 'closed-form' | 'newton' | 'brent';
 *     roots: D[];                               // every root found in (−1, 1e7], ascending, incl. rate
 *     otherRootsExist: boolean;                 // roots.length > 1
 *     signChanges: number;                      // Descartes bound on the number of roots
 *   }
 *
 * Both throw like irr()/xirr(). The engine can call `irr()` for the number and `solveIrr()` when it
 * must report "several roots exist" (otherRootsExist) and which one it shows (method).
 *
 * Multiple-root rule (root-finder.ts, deterministic): two net flows → the unique root in closed form;
 * otherwise Newton from the guess (default 0.1) — the root a spreadsheet reports; if Newton fails
 * (leaves r > −1, overflows, stalls or does not converge) → the lowest root found by a log-spaced scan
 * of 1 + r from 1e-14 up to r = 1e7, refined by Brent's method. No sign change / no root found →
 * FinanceError('NO_SOLUTION'), never a made-up number.
 *
 * Precision: irr, xirr and rate solve in float64 (like the spreadsheets) and return `new D(rate)`;
 * npv, xnpv, pmt, ipmt, ppmt, fv, pv, nper, mirr, cumipmt, cumprinc and ispmt compute in `D`.
 */
export { D, type DecimalInput } from './decimal.js';
export { FinanceError, type FinanceErrorCode } from './finance-error.js';
export type { DateInput } from './dates.js';
export type { RateSolution } from './rate-solution.js';
export { irr, solveIrr } from './irr.js';
export { xirr, solveXirr } from './xirr.js';
export { npv } from './npv.js';
export { xnpv } from './xnpv.js';
export { pmt, ipmt, ppmt } from './annuity.js';
export { fv } from './fv.js';
export { pv } from './pv.js';
export { nper } from './nper.js';
export { rate } from './rate.js';
export { mirr } from './mirr.js';
export { cumipmt, cumprinc } from './cumulative.js';
export { ispmt } from './ispmt.js';
