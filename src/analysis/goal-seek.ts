import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { D } from '../finance/decimal.js';
import { evaluateVariant } from './evaluate-variant.js';
import { fixSculptedLoans } from './stress-pack.js';
import { formatIndicator } from './format-indicator.js';
import { summariseFunding } from './funding-summary.js';
import type { SolveRequest } from './goal-seek-request.js';
import { checkFacilityTarget, DEFAULT_INDICATOR_TOLERANCE, INDICATORS, readIndicator, readIndicatorForSearch, type Indicator } from './indicators.js';
import { createLever, snapToQuantum, type Lever } from './levers.js';
import { solveBracketed, solveOnIntegers } from './solve-bracketed.js';

/** The input and the indicator at one point of the search; `problems` when the deal is invalid there. */
export interface SolvePoint {
  /** Null for the base of an input the deal does not state (a loan sized on the need). */
  input: string | null;
  indicator: string | null;
  problems?: Problem[];
}

export interface SolveResult {
  status: 'solved' | 'no-solution' | 'not-converged';
  input: { label: string; unit: string; base: string | null };
  target: { indicator: Indicator; facility?: string; value: string; tolerance: string };
  base: SolvePoint;
  bounds: { lower: SolvePoint; upper: SolvePoint };
  /** The solved input and the indicator there (a fresh evaluation of the deal with that input). */
  solution?: SolvePoint & { converged: 'indicator' | 'input' | 'whole-number'; funding: ReturnType<typeof summariseFunding> };
  /** Engine evaluations used, the bounds and the base included. */
  evaluations: number;
  reason?: string;
  notes: string[];
}

export type SolveOutcome = { ok: true; result: SolveResult } | { ok: false; problems: Problem[] };

const formatInput = (lever: Lever, x: number | null) => (x === null ? null : lever.integer ? String(x) : new D(x).toFixed(Math.max(0, Math.round(-Math.log10(lever.quantum)))));

/**
 * Goal seek (methodology §4 indicators): the value of one input at which one indicator reaches a
 * target, by bracketing (Brent, src/finance/root-finder.ts) between stated bounds; whole-number inputs
 * (operating years) by bisection on integers. Every point is the deal changed through levers.ts and
 * parsed and funded again, so funding stays consistent. The targets are floors (an IRR hurdle, a DSCR
 * covenant, NPV ≥ 0), so where the input only reaches a tolerance band the answer is the end of the
 * band on the side that meets the target.
 */
export function solveGoal(deal: Deal, request: SolveRequest, asOf: string): SolveOutcome {
  // Asked of a cover ratio, the question is the lender's: a sculpted loan keeps its base amount and
  // profile (as in the stress pack), else it would be re-sculpted to its target at every input.
  const baseOutcome = evaluateVariant(deal, asOf);
  const holdsDebt = baseOutcome.ok && DEBT_INDICATORS.has(request.target.indicator) && request.input.kind !== 'loan-amount' && hasSculptedLoan(deal);
  const searched = holdsDebt && baseOutcome.ok ? fixSculptedLoans(deal, baseOutcome.evaluation) : deal;
  const targetProblems = checkFacilityTarget(deal, request.target, 'target');
  if (targetProblems.length > 0) return { ok: false, problems: targetProblems };
  const created = createLever(searched, request.input);
  if ('problem' in created) return { ok: false, problems: [created.problem] };
  const lever = created.lever;
  const { indicator, facility } = request.target;
  const target = Number(request.target.value);
  const tolerance = request.tolerance === undefined ? DEFAULT_INDICATOR_TOLERANCE[INDICATORS[indicator]] : Number(request.tolerance);
  const [lower, upper] = request.bounds ? request.bounds.map((b) => snapToQuantum(lever, Number(b))) : lever.bounds;
  if (!(lower! < upper!)) return { ok: false, problems: [{ code: 'INVALID_BOUNDS', path: 'bounds', message: `the lower bound must be below the upper bound; got ${lower} and ${upper}` }] };
  if (lever.integer && (lower! < 1 || upper! > 30)) return { ok: false, problems: [{ code: 'INVALID_BOUNDS', path: 'bounds', message: 'operating years are searched within 1 to 30' }] };

  let evaluations = 0;
  const cache = new Map<number, ReturnType<typeof evaluateVariant>>();
  const evaluateAt = (x: number) => {
    const snapped = snapToQuantum(lever, x);
    let outcome = cache.get(snapped);
    if (!outcome) {
      evaluations++;
      outcome = evaluateVariant(lever.apply(snapped), asOf);
      cache.set(snapped, outcome);
    }
    return { x: snapped, outcome };
  };
  const pointAt = (x: number): SolvePoint => {
    const { x: snapped, outcome } = evaluateAt(x);
    if (!outcome.ok) return { input: formatInput(lever, snapped)!, indicator: null, problems: outcome.problems };
    return { input: formatInput(lever, snapped)!, indicator: formatIndicator(indicator, readIndicator(outcome.evaluation, indicator, facility)) };
  };
  /** indicator − target, or null where the deal is invalid. */
  const gap = (x: number): number | null => {
    const { outcome } = evaluateAt(x);
    return outcome.ok ? readIndicatorForSearch(outcome.evaluation, indicator, facility) - target : null;
  };

  evaluations++; // the base, evaluated above
  if (!baseOutcome.ok) return { ok: false, problems: baseOutcome.problems };
  const result: SolveResult = {
    status: 'no-solution',
    input: { label: lever.label, unit: lever.unit, base: formatInput(lever, lever.base) },
    target: { indicator, ...(facility !== undefined ? { facility } : {}), value: request.target.value, tolerance: String(tolerance) },
    base: { input: formatInput(lever, lever.base), indicator: formatIndicator(indicator, readIndicator(baseOutcome.evaluation, indicator, facility)) },
    bounds: { lower: pointAt(lower!), upper: pointAt(upper!) },
    evaluations: 0,
    notes: holdsDebt ? ['the sculpted loan is held at its base-case amount and principal profile (the agreed debt), as in the stress pack'] : [],
  };
  const gLo = gap(lower!);
  const gHi = gap(upper!);
  const finish = () => ({ ok: true as const, result: { ...result, evaluations } });

  if (gLo === null || gHi === null) {
    if (!lever.integer || (gLo === null && gHi === null)) {
      const where = gLo === null && gHi === null ? 'either bound' : `the ${gLo === null ? 'lower' : 'upper'} bound`;
      result.reason = `the deal is not valid at ${where} (see its problems): change the bounds`;
      return finish();
    }
  }
  if (!lever.integer && (Math.abs(gLo!) <= tolerance || Math.abs(gHi!) <= tolerance)) {
    const x = Math.abs(gLo!) <= tolerance ? lower! : upper!;
    result.status = 'solved';
    result.solution = { ...solutionAt(x), converged: 'indicator' };
    return finish();
  }
  const meets = (g: number | null) => g !== null && g >= 0;
  if (meets(gLo) === meets(gHi)) {
    const side = meets(gLo) ? 'above' : 'below';
    result.reason = `no solution within bounds: the ${indicator} is ${side} the target ${request.target.value} at both bounds`;
    addFundingNotes();
    return finish();
  }
  if (lever.integer) {
    const found = solveOnIntegers(gap, lower!, upper!, gLo, gHi);
    result.status = 'solved';
    result.solution = { ...solutionAt(found.x), converged: 'whole-number' };
    const neighbour = meets(gHi) ? found.x - 1 : found.x + 1;
    if (neighbour >= lower! && neighbour <= upper!) {
      const next = pointAt(neighbour);
      const why = next.problems?.[0] ? `the deal is invalid there: ${next.problems[0].path} ${next.problems[0].message}` : '';
      result.notes.push(`at ${neighbour} ${lever.unit} the ${indicator} is ${next.indicator ?? `not available (${why})`}`);
    }
    return finish();
  }
  const search = solveBracketed((x) => gap(x) ?? Number.NaN, { x: lower!, fx: gLo! }, { x: upper!, fx: gHi! }, { value: tolerance, input: lever.quantum, maxEvaluations: request.maxEvaluations });
  if (search.converged === 'none') {
    result.status = 'not-converged';
    result.reason = `no convergence within ${request.maxEvaluations} evaluations; the best point meeting the target is given`;
  } else result.status = 'solved';
  result.solution = { ...solutionAt(search.point.x), converged: search.converged === 'value' ? 'indicator' : 'input' };
  if (search.converged === 'input') result.notes.push(`the ${indicator} moves by more than the tolerance within one step of the input (${lever.quantum} ${lever.unit}); the answer is the step at which it meets the target`);
  addFundingNotes();
  return finish();

  function solutionAt(x: number) {
    const { x: snapped, outcome } = evaluateAt(x);
    if (!outcome.ok) return { ...pointAt(snapped), funding: [] };
    return { ...pointAt(snapped), funding: summariseFunding(outcome.evaluation) };
  }

  /** Say when a commitment is left unused at the upper bound: its items are fully funded, so more of it changes nothing. */
  function addFundingNotes() {
    if (request.input.kind !== 'grant' && request.input.kind !== 'loan-amount') return;
    const id = request.input.source;
    const { outcome } = evaluateAt(upper!);
    if (!outcome.ok) return;
    const unused = outcome.evaluation.financing.funding.unused.find((u) => u.sourceId === id);
    if (unused) {
      result.notes.push(
        `at the upper bound ${unused.amount.toFixed(2)} 元 of ${id} is unused: the capex items its rules and fill entry may fund are fully funded, so more of it changes nothing (widen its fill entry's items to let it fund more)`,
      );
    }
  }
}

/** Indicators of debt cover: with these as the target, a sculpted loan is held at its agreed schedule. */
const DEBT_INDICATORS = new Set<string>(['minDscr', 'avgDscr', 'llcr', 'minIcr', 'bondCoverageNet', 'bondCoverageGross', 'allDebtCoverageNet', 'allDebtCoverageGross']);

function hasSculptedLoan(deal: Deal): boolean {
  return deal.funding.sources.some((s) => s.kind === 'bank-loan' && s.repayment.kind === 'sculpted');
}
