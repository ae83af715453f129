import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { computeMetrics, type Metrics } from './metrics.js';
import { projectDeal, type Projection } from './project-deal.js';
import type { Statement } from './statement.js';
import { buildProfitAndLossStatement, buildProjectCashFlowStatement } from './statements.js';
import type { TimelineYear } from './timeline.js';
import { buildTimeline } from './timeline.js';
import { collectWarnings, type Warning } from './warnings.js';

export const ENGINE_VERSION = '0.1.0';

export interface EvaluateOptions {
  /** The as-of date (YYYY-MM-DD) of the evaluation; the engine never reads the clock. */
  asOf: string;
}

export interface Evaluation {
  ok: true;
  engineVersion: string;
  asOf: string;
  deal: { id: string | null; name: string };
  years: TimelineYear[];
  projection: Projection;
  statements: { projectCashFlow: Statement; profitAndLoss: Statement };
  metrics: Metrics;
  metricNotes: Partial<Record<keyof Metrics, string>>;
  warnings: Warning[];
}

export type EvaluationOutcome = Evaluation | { ok: false; problems: Problem[] };

/** Evaluate a parsed deal: projection, statements, indicators and warnings (FINANCE.md §2–§4). */
export function evaluateDeal(deal: Deal, options: EvaluateOptions): EvaluationOutcome {
  if (!isCalendarDate(options.asOf)) {
    return { ok: false, problems: [{ code: 'INVALID_AS_OF', path: 'asOf', message: 'must be a date YYYY-MM-DD' }] };
  }
  const timeline = buildTimeline(deal);
  const projection = projectDeal(deal, timeline);
  if (projection.problems.length > 0) return { ok: false, problems: projection.problems };
  const metricsOutcome = computeMetrics(deal, projection);
  return {
    ok: true,
    engineVersion: ENGINE_VERSION,
    asOf: options.asOf,
    deal: { id: deal.id ?? null, name: deal.name },
    years: timeline.years,
    projection,
    statements: {
      projectCashFlow: buildProjectCashFlowStatement(projection),
      profitAndLoss: buildProfitAndLossStatement(projection),
    },
    metrics: metricsOutcome.metrics,
    metricNotes: metricsOutcome.notes,
    warnings: collectWarnings(deal, projection, metricsOutcome, options.asOf),
  };
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
