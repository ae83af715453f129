import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import type { IndicatorEvaluation } from '../engine/evaluate-deal.js';
import { hasBankLoan } from './edits/cost-edits.js';
import { applyDriver, isYearDriver, nameDriver, type Driver } from './drivers.js';
import { evaluateVariant } from './evaluate-variant.js';
import { formatIndicator } from './format-indicator.js';
import { readIndicator, type Indicator } from './indicators.js';
import { readWaterfallOutcome, type WaterfallOutcome } from './waterfall-outcome.js';

export type IndicatorValues = Partial<Record<Indicator, string | null>>;

export interface TornadoPoint {
  change: string;
  values: IndicatorValues | null;
  /** The waterfall at this point: lock-up, DSRA draws, blocked distributions, each facility's min DSCR (methodology §11). */
  waterfall?: WaterfallOutcome;
  problems?: Problem[];
}

export interface TornadoRow {
  driver: Driver;
  name: string;
  points: TornadoPoint[];
  /** Lowest and highest value of the first indicator over the points: the bar of the tornado. */
  range: { low: string | null; high: string | null };
}

/** The default drivers of a deal: revenue, each stream's price and volume, capex, opex, loan rates (with a loan), delay, operating period. */
export function listDefaultDrivers(deal: Deal): Driver[] {
  return [
    { driver: 'revenue' },
    ...deal.revenue.flatMap((s): Driver[] => [{ driver: 'price', stream: s.id }, { driver: 'volume', stream: s.id }]),
    { driver: 'capex' },
    { driver: 'opex' },
    ...(hasBankLoan(deal) ? [{ driver: 'interest-rate' } as const] : []),
    { driver: 'construction-delay' },
    { driver: 'operating-period' },
  ];
}

/** The indicators of one evaluated variant as decimal strings. */
export function readValues(deal: Deal, asOf: string, indicators: readonly Indicator[]): { values: IndicatorValues | null; waterfall?: WaterfallOutcome; problems?: Problem[] } {
  const outcome = evaluateVariant(deal, asOf);
  if (!outcome.ok) return { values: null, problems: outcome.problems };
  return { values: formatValues(outcome.evaluation, indicators), waterfall: readWaterfallOutcome(outcome.evaluation) };
}

/** The indicators of an evaluation as decimal strings. */
export function formatValues(e: IndicatorEvaluation, indicators: readonly Indicator[]): IndicatorValues {
  return Object.fromEntries(indicators.map((k) => [k, formatIndicator(k, readIndicator(e, k))]));
}

/**
 * One-way sensitivity (tornado): each driver moved by each step on its own, every other input at base.
 * Relative drivers take `steps`, the construction delay `delaySteps` (whole years). Rows are ordered by
 * the width of their bar on the first indicator, widest first.
 */
export function buildTornado(deal: Deal, asOf: string, drivers: readonly Driver[], steps: readonly number[], delaySteps: readonly number[], indicators: readonly Indicator[]): TornadoRow[] {
  const first = indicators[0]!;
  const rows = drivers.map((driver): TornadoRow => {
    const changes = isYearDriver(driver) ? delaySteps : steps;
    const points = changes.map((change): TornadoPoint => ({ change: String(change), ...readValues(applyDriver(deal, driver, change), asOf, indicators) }));
    const numbers = points.flatMap((p) => (p.values?.[first] == null ? [] : [Number(p.values[first])]));
    const low = numbers.length ? points.find((p) => Number(p.values?.[first]) === Math.min(...numbers))!.values![first]! : null;
    const high = numbers.length ? points.find((p) => Number(p.values?.[first]) === Math.max(...numbers))!.values![first]! : null;
    return { driver, name: nameDriver(driver), points, range: { low, high } };
  });
  return sortTornadoRows(rows);
}

/** Widest swing first (of the first indicator); rows without one last. A stable sort: rows of equal width keep the drivers' order. */
export function sortTornadoRows(rows: TornadoRow[]): TornadoRow[] {
  const width = (row: TornadoRow) => (row.range.low === null ? -1 : Number(row.range.high) - Number(row.range.low));
  return rows.sort((a, b) => width(b) - width(a));
}
