import { z } from 'zod';
import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { decimalField, label } from '../deal/primitives.js';
import { readCaseMetrics, type CaseMetrics } from './case-metrics.js';
import { readWaterfallOutcome, type WaterfallOutcome } from './waterfall-outcome.js';
import { checkCovenants, type CovenantBreach } from './covenant-check.js';
import { applyChanges, checkDriver, driverSchema, type Driver } from './drivers.js';
import { evaluateVariant } from './evaluate-variant.js';
import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { repaymentWindowOf } from '../engine/debt-schedule.js';
import { totalOf } from '../engine/series.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';

export interface StressCase {
  id: string;
  name: string;
  changes: { driver: Driver; change: number }[];
}

/**
 * The lender's named cases (issue 6). The combined downside is revenue −10%, capex +10%, opex +10%
 * and rates +100bp together (the delay stays a case of its own).
 */
export const DEFAULT_STRESS_CASES: StressCase[] = [
  { id: 'revenue-10', name: '收入 −10% (revenue −10%)', changes: [{ driver: { driver: 'revenue' }, change: -0.1 }] },
  { id: 'revenue-20', name: '收入 −20% (revenue −20%)', changes: [{ driver: { driver: 'revenue' }, change: -0.2 }] },
  { id: 'capex+10', name: '投资 +10% (capex +10%)', changes: [{ driver: { driver: 'capex' }, change: 0.1 }] },
  { id: 'capex+20', name: '投资 +20% (capex +20%)', changes: [{ driver: { driver: 'capex' }, change: 0.2 }] },
  { id: 'opex+20', name: '经营成本 +20% (opex +20%)', changes: [{ driver: { driver: 'opex' }, change: 0.2 }] },
  { id: 'rate+100bp', name: '利率 +100bp (loan rates +100bp)', changes: [{ driver: { driver: 'interest-rate-shift' }, change: 0.01 }] },
  { id: 'delay-1y', name: '建设延期一年 (one-year construction delay)', changes: [{ driver: { driver: 'construction-delay' }, change: 1 }] },
  {
    id: 'combined',
    name: '综合下行 (combined downside: revenue −10%, capex +10%, opex +10%, rates +100bp)',
    changes: [
      { driver: { driver: 'revenue' }, change: -0.1 },
      { driver: { driver: 'capex' }, change: 0.1 },
      { driver: { driver: 'opex' }, change: 0.1 },
      { driver: { driver: 'interest-rate-shift' }, change: 0.01 },
    ],
  },
];

/**
 * The bounds of a stressed driver's change, stated once for the stress pack and the portfolio shocks
 * (methodology §10.12): a relative change from −95% to +500% (as the sensitivity's steps), a rate
 * shift from −1,000bp to +1,000bp (−0.1 to 0.1; rates stay ≥ 0), a construction delay of 0 to 4 whole
 * years (a deal has at most 5 construction years).
 */
export const STRESS_CHANGE_BOUNDS = {
  relative: { min: -0.95, max: 5 },
  rateShift: { min: -0.1, max: 0.1 },
  delayYears: { min: 0, max: 4 },
} as const;

/** Cases (or shocks) in one request, each of at most this many changes. */
export const MAX_STRESS_CASES = 10;
export const MAX_CASE_CHANGES = 10;

const { relative, rateShift, delayYears } = STRESS_CHANGE_BOUNDS;

/** One driver and its change (a relative change, whole years of delay, or a rate shift; drivers.ts), within STRESS_CHANGE_BOUNDS for its driver. */
export const changeSchema = z
  .strictObject({
    driver: driverSchema,
    // Only a number is checked here; its bounds depend on the driver (below), so the message names the right ones.
    change: decimalField({ min: -1000, max: 1000, what: 'a change: relative (-0.1 for 10% less), years of delay, or a rate shift' }),
  })
  .superRefine(({ driver, change }, ctx) => {
    const value = Number(change);
    const outOfRange = (min: number, max: number, message = `must be between ${min} and ${max}; got ${change}`) => ctx.addIssue({ code: 'custom', path: ['change'], message, params: { code: 'OUT_OF_RANGE' } });
    if (driver.driver === 'construction-delay') {
      if (!Number.isInteger(value) || value < delayYears.min || value > delayYears.max) outOfRange(delayYears.min, delayYears.max, `must be a whole number of years of delay between ${delayYears.min} and ${delayYears.max}; got ${change}`);
    } else if (driver.driver === 'interest-rate-shift') {
      if (value < rateShift.min || value > rateShift.max) outOfRange(rateShift.min, rateShift.max);
    } else if (value < relative.min || value > relative.max) {
      outOfRange(relative.min, relative.max);
    }
  })
  .describe(
    `A driver and its change. Bounds by driver: a relative change (revenue, price, volume, capex, opex, interest-rate, operating-period) from ${relative.min} to ${relative.max} (-0.1 = 10% less); ` +
      `interest-rate-shift from ${rateShift.min} to ${rateShift.max} (0.01 = +100bp); construction-delay a whole number of years from ${delayYears.min} to ${delayYears.max}. Out of bounds: 422 OUT_OF_RANGE at changes[j].change.`,
  );

const CASE_ID = /^[A-Za-z0-9][A-Za-z0-9_+.-]{0,63}$/;

/**
 * A list of named cases — the stress pack's `cases`, the portfolio's `shocks` — with its bounds stated
 * once: 1 to MAX_STRESS_CASES cases, each with an id of its own (not "base", which names the unshocked
 * case) and 1 to MAX_CASE_CHANGES changes of `change` (a portfolio narrows the drivers).
 */
export function caseListSchema<C extends z.ZodType>(change: C) {
  return z
    .array(
      z.strictObject({
        id: z.string().regex(CASE_ID, { error: 'must be an id of letters, digits, "-", "+", "." or "_"' }),
        name: label(),
        changes: z.array(change).min(1).max(MAX_CASE_CHANGES),
      }),
    )
    .min(1)
    .max(MAX_STRESS_CASES)
    .describe(`1 to ${MAX_STRESS_CASES} cases, each with its own id (not "base") and 1 to ${MAX_CASE_CHANGES} changes.`)
    .superRefine((cases, ctx) => {
      cases.forEach((s, i) => {
        if (s.id === 'base' || cases.findIndex((x) => x.id === s.id) < i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: s.id === 'base' ? '"base" names the unshocked case' : `"${s.id}" is used by an earlier case` });
      });
    });
}

export const stressRequestSchema = z.strictObject({
  /** Cases in place of the default pack. */
  cases: caseListSchema(changeSchema).optional(),
});

export type StressRequest = z.output<typeof stressRequestSchema>;

/** The cases of a request (the default pack when it names none). */
export function readStressCases(request: StressRequest): StressCase[] {
  if (!request.cases) return DEFAULT_STRESS_CASES;
  return request.cases.map((c) => ({ id: c.id, name: c.name, changes: c.changes.map((ch) => ({ driver: ch.driver, change: Number(ch.change) })) }));
}

export interface StressCaseResult {
  id: string;
  name: string;
  changes: { driver: Driver; change: string }[];
  metrics: CaseMetrics | null;
  breaches: CovenantBreach[];
  /** The waterfall in the case: lock-up, DSRA draws, blocked distributions, survival, each facility's min DSCR (null when the case is invalid). */
  waterfall: WaterfallOutcome | null;
  /** Whether any covenant breaks (a hard DSCR floor, appraisal DSCR, ICR, coverage, equity, survival). */
  breaksCovenant: boolean;
  problems?: Problem[];
}

export interface StressResult {
  covenants: Deal['covenants'];
  base: StressCaseResult;
  cases: StressCaseResult[];
}

/**
 * The lender stress pack: the base and each case evaluated as a changed deal, with DSCR min/avg,
 * LLCR, ICR, coverage, the IRRs and the covenants each case breaks. A case whose changed deal is
 * invalid (a delay past 5 construction years) carries its problems instead of metrics. A loan sculpted
 * to a DSCR keeps, in every case, the amount and repayment profile it has in the base case (its
 * schedule becomes custom shares): otherwise each case would re-sculpt it and meet the target by
 * construction.
 */
export function runStressPack(deal: Deal, asOf: string, cases: StressCase[] = DEFAULT_STRESS_CASES): { ok: true; result: StressResult } | { ok: false; problems: Problem[] } {
  const problems = cases.flatMap((c, i) => c.changes.flatMap((ch, j) => checkDriver(deal, ch.driver, `cases[${i}].changes[${j}].driver`) ?? []));
  if (problems.length > 0) return { ok: false, problems };
  const baseOutcome = evaluateVariant(deal, asOf);
  // A lender stresses the cash flows against the debt it agreed, not against a loan re-sized to them.
  const agreed = baseOutcome.ok ? fixSculptedLoans(deal, baseOutcome.evaluation) : deal;
  const run = (stressCase: StressCase): StressCaseResult => {
    const outcome = stressCase.changes.length === 0 || !baseOutcome.ok ? baseOutcome : evaluateVariant(applyChanges(agreed, stressCase.changes), asOf);
    const changes = stressCase.changes.map((c) => ({ driver: c.driver, change: String(c.change) }));
    if (!outcome.ok) return { id: stressCase.id, name: stressCase.name, changes, metrics: null, breaches: [], waterfall: null, breaksCovenant: false, problems: outcome.problems };
    const breaches = checkCovenants(deal.covenants, outcome.evaluation);
    return { id: stressCase.id, name: stressCase.name, changes, metrics: readCaseMetrics(outcome.evaluation), breaches, waterfall: readWaterfallOutcome(outcome.evaluation), breaksCovenant: breaches.length > 0 };
  };
  const base = run({ id: 'base', name: '基准 (base case)', changes: [] });
  if (base.problems) return { ok: false, problems: base.problems };
  return { ok: true, result: { covenants: deal.covenants, base, cases: cases.map(run) } };
}

/**
 * The deal with each sculpted loan replaced by what the base case lends: the amount drawn and a custom
 * schedule of its principal by repayment year (shares to 1e-10, adding up to 1 by largest remainder).
 * A construction delay then compresses that schedule like any custom one (timeline-edits.ts).
 */
export function fixSculptedLoans(deal: Deal, base: Pick<IndicatorEvaluation, 'projection' | 'financing'>): Deal {
  const C = base.projection.timeline.C;
  const sources = deal.funding.sources.map((source) => {
    if (source.kind !== 'bank-loan' || source.repayment.kind !== 'sculpted') return source;
    const schedule = base.financing.debts.find((d) => d.source.id === source.id);
    if (!schedule) return source;
    const { first, last } = repaymentWindowOf(source, C);
    const principal = schedule.principal.slice(first, last + 1);
    const drawn = totalOf(schedule.draw);
    if (drawn.isZero() || principal.every((v) => v.isZero())) return source;
    const shares = allocateLargestRemainder('1', principal, '0.0000000001').map((v) => v.toString());
    return { ...source, size: { kind: 'amount' as const, amount: drawn.toFixed(2) }, repayment: { kind: 'custom' as const, shares } };
  });
  return { ...deal, funding: { ...deal.funding, sources } };
}
