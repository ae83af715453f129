import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/deal/formula.js';
import { D } from '../../src/finance/decimal.js';

describe('compileFormula', () => {
  it('evaluates arithmetic over inputs and built-ins in decimal', () => {
    const check = compileFormula('units * price * 12 * (1 + 0.03) ^ (n - 1)', ['units', 'price']);
    if (!check.ok) throw new Error(check.message);
    const value = check.formula.evaluate({ units: new D(10), price: new D('0.1'), n: new D(3), s: new D(1), calendarYear: new D(2030) });
    // 10 × 0.1 × 12 × 1.03² = 12.7308 exactly in decimal (a float would give 12.730800000000002).
    expect(value.toString()).toBe('12.7308');
  });

  it('supports conditionals and the whitelisted functions', () => {
    const check = compileFormula('calendarYear >= 2030 ? max(a, 5) : round(a / 3)', ['a']);
    if (!check.ok) throw new Error(check.message);
    const at = (year: number) => check.formula.evaluate({ a: new D(10), n: new D(1), s: new D(1), calendarYear: new D(year) }).toString();
    expect(at(2030)).toBe('10');
    expect(at(2029)).toBe('3');
  });

  it.each([
    ['import("fs")', 'FORMULA_NOT_ALLOWED'],
    ['evaluate("1+1")', 'FORMULA_NOT_ALLOWED'],
    ['x = 5', 'FORMULA_NOT_ALLOWED'],
    ['[1, 2, 3]', 'FORMULA_NOT_ALLOWED'],
    ['a.b', 'FORMULA_NOT_ALLOWED'],
    ['zeros(1000000000)', 'FORMULA_NOT_ALLOWED'],
    ['missing * 2', 'FORMULA_UNKNOWN_NAME'],
    ['1 +', 'FORMULA_SYNTAX'],
  ])('rejects %s', (source, code) => {
    const check = compileFormula(source, []);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.code).toBe(code);
  });

  it('compiles a formula once per text, names and limits: the same check again, another for other names', () => {
    const first = compileFormula('spaces * fee * 12', ['spaces', 'fee']);
    expect(compileFormula('spaces * fee * 12', ['spaces', 'fee'])).toBe(first);
    // Without `fee` among the inputs the same text is refused, not answered from the first check.
    const other = compileFormula('spaces * fee * 12', ['spaces']);
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.code).toBe('FORMULA_UNKNOWN_NAME');
    // A compiled formula keeps nothing between evaluations: each answers from its own scope.
    if (!first.ok) throw new Error(first.message);
    const scope = (fee: string) => ({ spaces: new D(10), fee: new D(fee), n: new D(1), s: new D(1), calendarYear: new D(2030) });
    expect(first.formula.evaluate(scope('150')).toString()).toBe('18000');
    expect(first.formula.evaluate(scope('180')).toString()).toBe('21600');
  });
});
