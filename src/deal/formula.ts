import type { MathNode } from 'mathjs';
import { loadMathjs } from './load-mathjs.js';
import { D } from '../finance/decimal.js';
import { checkFormulaMeasure, DEFAULT_FORMULA_LIMITS, measureFormulaTree, scanFormulaText, type FormulaLimits } from './formula-cost.js';

/**
 * Custom revenue formulas (DESIGN.md: the sandboxed mathjs parser). A formula is checked against a
 * whitelist before it is ever evaluated: numbers, named inputs, the built-ins below, arithmetic,
 * comparisons, the ternary `c ? a : b`, and a few pure functions. Anything else — assignments,
 * matrices, ranges, property access, `import`, `evaluate`, units — is rejected with a reason, so a
 * formula can neither alter the parser nor allocate unbounded work.
 *
 * mathjs runs in BigNumber mode at the project's precision; its values are converted to our Decimal
 * in one place (`evaluateFormula`), never mixed into money arithmetic.
 */
let instance: MathJsInstance | undefined;
type MathJsInstance = ReturnType<ReturnType<typeof loadMathjs>['create']>;
/** The formula parser's own mathjs instance, made on the first formula. */
function loadFormulaMath(): MathJsInstance {
  if (!instance) {
    const mathjs = loadMathjs();
    instance = mathjs.create(mathjs.all as NonNullable<typeof mathjs.all>, { number: 'BigNumber', precision: 34 });
  }
  return instance;
}

/** Built-in variables: operating year of the deal, year of the stream, calendar year. */
export const FORMULA_BUILTINS = ['n', 's', 'calendarYear'] as const;
const CONSTANTS = new Set(['pi', 'e']);
const FUNCTIONS = new Set(['min', 'max', 'abs', 'round', 'floor', 'ceil', 'sqrt', 'exp', 'log', 'pow']);
const OPERATORS = new Set(['+', '-', '*', '/', '^', '<', '>', '<=', '>=', '==', '!=', 'and', 'or', 'not']);

export interface CompiledFormula {
  evaluate(scope: Record<string, D>): D;
}

/** Names an input may not take: the built-ins, constants and allowed functions. */
export const RESERVED_FORMULA_NAMES: ReadonlySet<string> = new Set([...FORMULA_BUILTINS, ...CONSTANTS, ...FUNCTIONS]);

export type FormulaCheck = { ok: true; formula: CompiledFormula; cost: number } | { ok: false; code: string; message: string };

/** Formulas checked and compiled, by text, input names and limits: the same formula in many deals (a portfolio of one template's variants) is compiled once. */
const compiledFormulas = new Map<string, FormulaCheck>();
/** Formulas kept compiled per thread; the oldest is dropped beyond this. */
const MAX_COMPILED_FORMULAS = 500;

/**
 * Parse and whitelist-check a formula over the given input names, once per text, names and limits (a
 * check is a pure function of them, and a compiled formula keeps no state between evaluations).
 */
export function compileFormula(source: string, inputNames: readonly string[], limits: FormulaLimits = DEFAULT_FORMULA_LIMITS): FormulaCheck {
  const key = JSON.stringify([source, inputNames, limits]);
  const known = compiledFormulas.get(key);
  if (known) return known;
  const check = checkAndCompileFormula(source, inputNames, limits);
  if (compiledFormulas.size >= MAX_COMPILED_FORMULAS) compiledFormulas.delete(compiledFormulas.keys().next().value!);
  compiledFormulas.set(key, check);
  return check;
}

/**
 * Parse and whitelist-check a formula over the given input names. The text is pre-scanned and the
 * tree measured against the limits (formula-cost.ts) before mathjs recurses over it, so a hostile
 * formula is refused with FORMULA_TOO_COMPLEX rather than overflowing the stack.
 */
function checkAndCompileFormula(source: string, inputNames: readonly string[], limits: FormulaLimits): FormulaCheck {
  const scanned = scanFormulaText(source, limits);
  if (scanned) return { ok: false, ...scanned };
  const math = loadFormulaMath();
  let root: MathNode;
  try {
    root = math.parse(source);
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, code: 'FORMULA_TOO_COMPLEX', message: 'the formula is nested too deeply to parse' };
    return { ok: false, code: 'FORMULA_SYNTAX', message: `cannot parse the formula: ${(error as Error).message}` };
  }
  const measure = measureFormulaTree(root);
  const bounded = checkFormulaMeasure(measure, limits);
  if (bounded) return { ok: false, ...bounded };
  const known = new Set<string>([...inputNames, ...FORMULA_BUILTINS]);
  const problems: string[] = [];
  root.traverse((node, _path, parent) => {
    switch (node.type) {
      case 'ConstantNode':
      case 'ParenthesisNode':
      case 'ConditionalNode':
        return;
      case 'OperatorNode': {
        const op = (node as unknown as { op: string }).op;
        if (!OPERATORS.has(op)) problems.push(`operator "${op}" is not allowed`);
        return;
      }
      case 'FunctionNode': {
        const name = (node as unknown as { fn: { name?: string } }).fn.name;
        if (!name || !FUNCTIONS.has(name)) problems.push(`function "${name ?? '?'}" is not allowed (allowed: ${[...FUNCTIONS].join(', ')})`);
        return;
      }
      case 'SymbolNode': {
        const name = (node as unknown as { name: string }).name;
        const isFunctionName = parent?.type === 'FunctionNode' && (parent as unknown as { fn: MathNode }).fn === node;
        if (!isFunctionName && !known.has(name) && !CONSTANTS.has(name)) {
          problems.push(`unknown name "${name}" (define it in inputs, or use ${FORMULA_BUILTINS.join(', ')})`);
        }
        return;
      }
      default:
        problems.push(`${node.type} is not allowed in a formula`);
    }
  });
  if (problems.length > 0) {
    const unknownOnly = problems.every((p) => p.startsWith('unknown name'));
    return { ok: false, code: unknownOnly ? 'FORMULA_UNKNOWN_NAME' : 'FORMULA_NOT_ALLOWED', message: [...new Set(problems)].join('; ') };
  }
  const compiled = root.compile();
  return {
    ok: true,
    cost: measure.cost,
    formula: {
      evaluate(scope) {
        const mathScope = new Map<string, unknown>();
        for (const [name, value] of Object.entries(scope)) mathScope.set(name, math.bignumber(value.toString()));
        try {
          return toDecimal(compiled.evaluate(mathScope));
        } catch {
          // Wrong argument counts and the like surface here; the caller reports NaN as a problem.
          return new D(NaN);
        }
      },
    },
  };
}

/** The one conversion from a mathjs value to our Decimal; non-numbers become NaN for the caller to report. */
function toDecimal(value: unknown): D {
  if (typeof value === 'number' || typeof value === 'boolean') return new D(Number(value));
  if (value !== null && typeof value === 'object' && 'isBigNumber' in value) return new D((value as { toString(): string }).toString());
  return new D(NaN);
}
