import { loadMathjs } from '../../deal/load-mathjs.js';
import { isNumberBelowFloor } from '../../engine/covenant-rule.js';
import { formatIndicator } from '../format-indicator.js';
import { buildHistogram } from './histogram.js';
import { DRAW_INDICATORS, type DrawOutcome } from './run-chunk.js';

export interface IndicatorDistribution {
  p5: string | null;
  p50: string | null;
  p95: string | null;
  mean: string | null;
  /** Draws in which the indicator does not exist (no IRR, no debt, no bond). */
  absent: number;
}

export interface SimulationResult {
  draws: number;
  seed: number;
  validDraws: number;
  /** Draws whose changed deal is invalid (e.g. a price driven below zero), by problem code. */
  invalidDraws: Record<string, number>;
  percentiles: Record<(typeof DRAW_INDICATORS)[number], IndicatorDistribution>;
  /** The draws in which each indicator exists, in equal-width bins (methodology §8.6): edges as decimals, counts. */
  histograms: Record<(typeof DRAW_INDICATORS)[number], { edges: string[]; counts: number[] }>;
  probabilities: {
    minDscrBelow1: string;
    bondCoverageBelow1_1: string | null;
    allDebtCoverageBelow1_2: string | null;
    equityIrrBelowTarget: string;
    projectIrrBelowTarget: string;
  };
  irrTarget: string;
}

/** The thresholds whose breach the probabilities count: DSCR 1.0 (hard fail), bond coverage 1.1, all-debt coverage 1.2 (methodology §4). */
export const BREACH_THRESHOLD = { minDscr: 1, bondCoverageNet: 1.1, allDebtCoverageNet: 1.2 } as const;

const share = (count: number, of: number) => (of === 0 ? '0.0000' : (count / of).toFixed(4));

/**
 * Percentiles (P5/P50/P95, mathjs quantileSeq with linear interpolation) and probabilities over the
 * valid draws. IRRs that do not exist are ranked at their limits (−100% when the flows never repay);
 * DSCR and coverage are ranked over the draws that have debt, and absent ones never breach. A ratio
 * breaches as a covenant does (covenant-rule.ts): below its floor by more than the tolerance.
 */
export function summariseDraws(outcomes: DrawOutcome[], meta: { draws: number; seed: number; irrTarget: string }): SimulationResult {
  const valid = outcomes.flatMap((o) => ('values' in o ? [o] : []));
  const invalidDraws: Record<string, number> = {};
  for (const o of outcomes) if ('invalid' in o) invalidDraws[o.invalid] = (invalidDraws[o.invalid] ?? 0) + 1;
  const percentiles = Object.fromEntries(
    DRAW_INDICATORS.map((k) => {
      const ranksAbsent = k === 'equityIrr' || k === 'projectIrrAfterTax' || k === 'projectNpvAfterTax';
      const values = valid.filter((o) => ranksAbsent || o.present[k]).map((o) => o.values[k]);
      const absent = valid.filter((o) => !o.present[k]).length;
      if (values.length === 0) return [k, { p5: null, p50: null, p95: null, mean: null, absent }];
      const { quantileSeq, mean } = loadMathjs();
      const [p5, p50, p95] = quantileSeq(values, [0.05, 0.5, 0.95]) as number[];
      return [k, { p5: formatIndicator(k, p5!), p50: formatIndicator(k, p50!), p95: formatIndicator(k, p95!), mean: formatIndicator(k, mean(values) as number), absent }];
    }),
  ) as SimulationResult['percentiles'];
  // Only the draws where the indicator exists: an absent IRR ranked at −100% would stretch every bin.
  const histograms = Object.fromEntries(
    DRAW_INDICATORS.map((k) => {
      const { edges, counts } = buildHistogram(valid.filter((o) => o.present[k]).map((o) => o.values[k]));
      return [k, { edges: edges.map((e) => formatIndicator(k, e)!), counts }];
    }),
  ) as SimulationResult['histograms'];
  const target = Number(meta.irrTarget);
  const count = (test: (o: (typeof valid)[number]) => boolean) => valid.filter(test).length;
  const hasBond = valid.some((o) => o.present.bondCoverageNet);
  const hasDebt = valid.some((o) => o.present.allDebtCoverageNet);
  return {
    draws: meta.draws,
    seed: meta.seed,
    validDraws: valid.length,
    invalidDraws,
    percentiles,
    histograms,
    probabilities: {
      minDscrBelow1: share(count((o) => o.present.minDscr && isNumberBelowFloor(o.values.minDscr, BREACH_THRESHOLD.minDscr)), valid.length),
      bondCoverageBelow1_1: hasBond ? share(count((o) => o.present.bondCoverageNet && isNumberBelowFloor(o.values.bondCoverageNet, BREACH_THRESHOLD.bondCoverageNet)), valid.length) : null,
      allDebtCoverageBelow1_2: hasDebt ? share(count((o) => o.present.allDebtCoverageNet && isNumberBelowFloor(o.values.allDebtCoverageNet, BREACH_THRESHOLD.allDebtCoverageNet)), valid.length) : null,
      equityIrrBelowTarget: share(count((o) => o.values.equityIrr < target), valid.length),
      projectIrrBelowTarget: share(count((o) => o.values.projectIrrAfterTax < target), valid.length),
    },
    irrTarget: meta.irrTarget,
  };
}
