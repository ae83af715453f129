import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../src/deal/formula.js';
import { DEFAULT_FORMULA_LIMITS, scanFormulaText } from '../../src/deal/formula-cost.js';

const expectTooComplex = (source: string, names: string[] = ['m']) => {
  const check = compileFormula(source, names);
  expect(check.ok).toBe(false);
  if (!check.ok) expect(check.code).toBe('FORMULA_TOO_COMPLEX');
  return check.ok ? '' : check.message;
};

describe('formula bounds', () => {
  it('refuses the cost bomb of issue 12 (exp(log( ×190 m )) ×190) before mathjs parses it', () => {
    const bomb = `${'exp(log('.repeat(190)}m${'))'.repeat(190)}`;
    expect(bomb.length).toBe(190 * 8 + 1 + 380);
    // 380 brackets open at once, against a bound of 16.
    expect(expectTooComplex(bomb)).toContain('380 deep');
  });

  it('refuses ~1,994 unary minus signs with a problem, not a stack overflow', () => {
    expect(expectTooComplex(`${'-'.repeat(1994)}m`)).toContain('1994 signs in a row');
    expect(expectTooComplex(`${'not '.repeat(400)}m`)).toContain('400 signs in a row');
  });

  it('refuses long chains of right-associative operators (each one a level of parser recursion)', () => {
    expect(expectTooComplex(Array.from({ length: 40 }, () => 'm').join('^'))).toContain('39 "^" and "?"');
  });

  it('refuses nesting of function calls beyond the bound even when the brackets stay shallow enough', () => {
    // 7 calls nested: 7 brackets deep (≤ 16) but function nesting 7 > 6.
    const source = `${'abs('.repeat(7)}m${')'.repeat(7)}`;
    expect(expectTooComplex(source)).toContain('function calls are nested 7 deep');
  });

  it('refuses more terms than the node bound', () => {
    // 300 inputs added: 300 symbols + 299 operators = 599 nodes > 400.
    const names = Array.from({ length: 300 }, (_, i) => `v${i}`);
    expect(expectTooComplex(names.join(' + '), names)).toContain('599 terms');
  });

  it('accepts ordinary formulas and prices them: overhead 10 + 1 a node, 100 for exp/log/pow/^', () => {
    const simple = compileFormula('members * monthlyFee * 12', ['members', 'monthlyFee']);
    // 5 nodes (3 symbols/constants… 2 operators) → 10 + 5 = 15.
    expect(simple.ok && simple.cost).toBe(15);
    const growth = compileFormula('a * (1 + g) ^ (n - 1)', ['a', 'g']);
    // Nodes: *, a, ( ), ^, ( ), +, 1, g, -, n, 1 = 11; of them ^ costs 100 → 10 + 10 + 100 = 120.
    expect(growth.ok && growth.cost).toBe(120);
    expect(compileFormula('--m', ['m']).ok).toBe(true);
    expect(compileFormula('a - -b', ['a', 'b']).ok).toBe(true);
  });

  it('pre-scans linearly and leaves legal text alone', () => {
    expect(scanFormulaText('max(a, 1) + 2 ^ 3 ? 1 : 2')).toBeUndefined();
    expect(scanFormulaText('('.repeat(DEFAULT_FORMULA_LIMITS.maxBracketDepth) + ')'.repeat(DEFAULT_FORMULA_LIMITS.maxBracketDepth))).toBeUndefined();
    expect(scanFormulaText('('.repeat(DEFAULT_FORMULA_LIMITS.maxBracketDepth + 1))?.code).toBe('FORMULA_TOO_COMPLEX');
  });
});
