import type { MathNode } from 'mathjs';

/**
 * Bounds on a custom revenue formula (methodology §2, custom streams), so that no formula a client
 * sends can overflow the parser's stack or keep an evaluation busy: the text is pre-scanned before
 * mathjs sees it, the parsed tree is measured without recursion, and each formula gets a cost — a
 * rough count of work units per evaluation — that the deal's validation multiplies by the years the
 * stream runs (validate-deal.ts).
 */
export interface FormulaLimits {
  /** Brackets ( [ { open at once, function calls included: each costs the recursive parser ~15 frames. */
  maxBracketDepth: number;
  /** Prefix signs in a row (`- - x`, `not not x`): the parser recurses once per sign. */
  maxPrefixRun: number;
  /** `^` and `?` in the whole text: both are parsed by recursion (right-associative). */
  maxRightAssociative: number;
  /** Nodes of the parsed expression. */
  maxNodes: number;
  /** Depth of the parsed expression (the root is depth 1). */
  maxDepth: number;
  /** Function calls inside function calls (`exp(log(exp(x)))` is 3). */
  maxFunctionNesting: number;
  /** Work units of one evaluation of the whole deal: Σ over custom streams of cost × years it runs. */
  maxEvaluationWork: number;
}

/**
 * The defaults. Measured on the 2-core build machine (loaded): one evaluation of a small formula costs
 * ~10 µs of scope set-up and ~1 µs a node; exp, log, pow and ^ in 34-digit BigNumber ~1 ms each. With
 * a work unit ≈ 10 µs, the evaluation bound of 50,000 units keeps the formulas of one evaluation under
 * about half a second; the templates' formulas cost 20–60 units a year.
 */
export const DEFAULT_FORMULA_LIMITS: FormulaLimits = {
  maxBracketDepth: 16,
  maxPrefixRun: 4,
  maxRightAssociative: 32,
  maxNodes: 400,
  maxDepth: 40,
  maxFunctionNesting: 6,
  maxEvaluationWork: 50_000,
};

/** Work units of one formula evaluation beyond its nodes: converting the scope into mathjs values. */
const EVALUATION_OVERHEAD = 10;
/** Work units of the functions and operators BigNumber computes by series: transcendental or fractional powers. */
const HEAVY_COST = 100;
const HEAVY_FUNCTIONS = new Set(['exp', 'log', 'pow']);
const MEDIUM_COST = 20;
const MEDIUM_FUNCTIONS = new Set(['sqrt']);

export type FormulaBoundProblem = { code: 'FORMULA_TOO_COMPLEX'; message: string };

/**
 * A linear pre-scan of the text, before any parser recursion: bracket depth, runs of prefix signs,
 * and the count of right-associative operators. Strings are not part of the formula language, so no
 * quoting is tracked (a quote makes the whitelist refuse the formula afterwards).
 */
export function scanFormulaText(source: string, limits: FormulaLimits = DEFAULT_FORMULA_LIMITS): FormulaBoundProblem | undefined {
  let depth = 0;
  let maxDepth = 0;
  let prefixRun = 0;
  let maxPrefixRun = 0;
  let rightAssociative = 0;
  // Whether an operand is expected next: a + or - there is a prefix sign, not a binary operator.
  let expectOperand = true;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') continue;
    if (ch === '(' || ch === '[' || ch === '{') {
      depth++;
      maxDepth = Math.max(maxDepth, depth);
      prefixRun = 0;
      expectOperand = true;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
      prefixRun = 0;
      expectOperand = false;
    } else if ((ch === '+' || ch === '-') && expectOperand) {
      prefixRun++;
      maxPrefixRun = Math.max(maxPrefixRun, prefixRun);
    } else if (/[A-Za-z_]/.test(ch)) {
      let end = i + 1;
      while (end < source.length && /[A-Za-z0-9_]/.test(source[end]!)) end++;
      const word = source.slice(i, end);
      i = end - 1;
      if (word === 'not' || word === 'and' || word === 'or') {
        if (word === 'not') {
          prefixRun++;
          maxPrefixRun = Math.max(maxPrefixRun, prefixRun);
        } else prefixRun = 0;
        expectOperand = true;
      } else {
        prefixRun = 0;
        expectOperand = false;
      }
    } else if (/[0-9.]/.test(ch)) {
      prefixRun = 0;
      expectOperand = false;
    } else {
      // A binary operator, a comparison, a comma, ? or :
      if (ch === '^' || ch === '?') rightAssociative++;
      prefixRun = 0;
      expectOperand = true;
    }
  }
  if (maxDepth > limits.maxBracketDepth) return tooComplex(`brackets are nested ${maxDepth} deep; at most ${limits.maxBracketDepth} are allowed`);
  if (maxPrefixRun > limits.maxPrefixRun) return tooComplex(`${maxPrefixRun} signs in a row; at most ${limits.maxPrefixRun} are allowed`);
  if (rightAssociative > limits.maxRightAssociative) return tooComplex(`${rightAssociative} "^" and "?" operators; at most ${limits.maxRightAssociative} are allowed`);
  return undefined;
}

export interface FormulaMeasure {
  nodes: number;
  depth: number;
  functionNesting: number;
  /** Work units of one evaluation. */
  cost: number;
}

/** Size, depth, function nesting and cost of a parsed formula, walked with an explicit stack (no recursion). */
export function measureFormulaTree(root: MathNode): FormulaMeasure {
  let nodes = 0;
  let depth = 0;
  let functionNesting = 0;
  let cost = EVALUATION_OVERHEAD;
  const stack: { node: MathNode; depth: number; calls: number }[] = [{ node: root, depth: 1, calls: 0 }];
  while (stack.length > 0) {
    const { node, depth: d, calls } = stack.pop()!;
    nodes++;
    depth = Math.max(depth, d);
    let innerCalls = calls;
    if (node.type === 'FunctionNode') {
      innerCalls = calls + 1;
      functionNesting = Math.max(functionNesting, innerCalls);
      const name = (node as unknown as { fn: { name?: string } }).fn.name ?? '';
      cost += HEAVY_FUNCTIONS.has(name) ? HEAVY_COST : MEDIUM_FUNCTIONS.has(name) ? MEDIUM_COST : 1;
    } else if (node.type === 'OperatorNode' && (node as unknown as { op: string }).op === '^') {
      cost += HEAVY_COST;
    } else {
      cost += 1;
    }
    // Only the node's own children; a FunctionNode's name symbol is one of them and costs its unit.
    node.forEach((child) => stack.push({ node: child, depth: d + 1, calls: innerCalls }));
  }
  return { nodes, depth, functionNesting, cost };
}

/** The first bound a measured formula exceeds, if any. */
export function checkFormulaMeasure(measure: FormulaMeasure, limits: FormulaLimits = DEFAULT_FORMULA_LIMITS): FormulaBoundProblem | undefined {
  if (measure.nodes > limits.maxNodes) return tooComplex(`the formula has ${measure.nodes} terms; at most ${limits.maxNodes} are allowed`);
  if (measure.depth > limits.maxDepth) return tooComplex(`the formula is nested ${measure.depth} levels deep; at most ${limits.maxDepth} are allowed`);
  if (measure.functionNesting > limits.maxFunctionNesting) {
    return tooComplex(`function calls are nested ${measure.functionNesting} deep; at most ${limits.maxFunctionNesting} are allowed`);
  }
  return undefined;
}

const tooComplex = (message: string): FormulaBoundProblem => ({ code: 'FORMULA_TOO_COMPLEX', message });
