import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import type { Driver } from './drivers.js';
import { evaluateVariant } from './evaluate-variant.js';
import { keyOfTarget, readIndicator } from './indicators.js';
import type { SensitivityResult } from './sensitivity.js';
import type { SensitivityRequest } from './sensitivity-request.js';
import { fixSculptedLoans } from './stress-pack.js';
import { DEFAULT_SWITCHING_TARGETS, findSwitchingValues, listDefaultSwitchingDrivers, type SwitchingValue } from './switching-values.js';
import { buildTornado, formatValues, listDefaultDrivers, sortTornadoRows, type IndicatorValues, type TornadoRow } from './tornado.js';
import { buildTwoWayTable, type TwoWayTable } from './two-way-table.js';
import { readWaterfallOutcome, type WaterfallOutcome } from './waterfall-outcome.js';

/**
 * A sensitivity analysis (sensitivity.ts) in parts that run anywhere, each on the deal, the request and
 * the as-of date alone: the base case; one tornado driver; one two-way table; one switching driver.
 * Every part evaluates the base itself (one evaluation) and runs its cases against the agreed debt
 * (fixSculptedLoans), as analyseSensitivity does once for all; the parts put back together in order
 * (combineSensitivityParts) are exactly analyseSensitivity's answer: the tornado's rows in the
 * drivers' order sorted by the same stable sort, the tables and the switching values in order.
 */
export type SensitivityPart = { kind: 'base' } | { kind: 'tornado'; driver: Driver } | { kind: 'table'; index: number } | { kind: 'switching'; driver: Driver };

export type SensitivityPartOutcome =
  | { ok: false; problems: Problem[] }
  | { ok: true; kind: 'base'; base: IndicatorValues; baseWaterfall: WaterfallOutcome }
  | { ok: true; kind: 'tornado'; rows: TornadoRow[] }
  | { ok: true; kind: 'table'; table: TwoWayTable }
  | { ok: true; kind: 'switching'; values: SwitchingValue[] };

/** The parts of a request (checked first: checkSensitivityRequest): the base, each tornado driver, each table, each switching driver. */
export function splitSensitivity(deal: Deal, request: SensitivityRequest): SensitivityPart[] {
  return [
    { kind: 'base' },
    ...(request.drivers ?? listDefaultDrivers(deal)).map((driver): SensitivityPart => ({ kind: 'tornado', driver })),
    ...request.tables.map((_, index): SensitivityPart => ({ kind: 'table', index })),
    ...(request.switching ? (request.switching.drivers ?? listDefaultSwitchingDrivers(deal)).map((driver): SensitivityPart => ({ kind: 'switching', driver })) : []),
  ];
}

export function runSensitivityPart(deal: Deal, request: SensitivityRequest, asOf: string, part: SensitivityPart): SensitivityPartOutcome {
  const baseOutcome = evaluateVariant(deal, asOf);
  if (!baseOutcome.ok) return baseOutcome;
  if (part.kind === 'base') return { ok: true, kind: 'base', base: formatValues(baseOutcome.evaluation, request.indicators), baseWaterfall: readWaterfallOutcome(baseOutcome.evaluation) };
  const agreed = fixSculptedLoans(deal, baseOutcome.evaluation);
  switch (part.kind) {
    case 'tornado':
      return { ok: true, kind: 'tornado', rows: buildTornado(agreed, asOf, [part.driver], request.steps.map(Number), request.delaySteps, request.indicators) };
    case 'table': {
      const t = request.tables[part.index]!;
      return { ok: true, kind: 'table', table: buildTwoWayTable(agreed, asOf, { driver: t.rows.driver, changes: t.rows.changes.map(Number) }, { driver: t.columns.driver, changes: t.columns.changes.map(Number) }, t.indicator) };
    }
    case 'switching': {
      const targets = request.switching?.targets ?? DEFAULT_SWITCHING_TARGETS;
      const present = Object.fromEntries(targets.map((t) => [keyOfTarget(t), readIndicator(baseOutcome.evaluation, t.indicator, (t as { facility?: string }).facility) !== null]));
      return { ok: true, kind: 'switching', values: findSwitchingValues(agreed, asOf, [part.driver], targets, present) };
    }
  }
}

/** The parts' outcomes, in the order of splitSensitivity, as one answer; the first part that failed (the base, when the deal does not evaluate) answers for all. */
export function combineSensitivityParts(request: SensitivityRequest, outcomes: readonly SensitivityPartOutcome[]): { ok: true; result: SensitivityResult } | { ok: false; problems: Problem[] } {
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) return failed;
  const base = outcomes.find((o) => o.ok && o.kind === 'base');
  if (!base || !base.ok || base.kind !== 'base') throw new Error('a sensitivity in parts has its base part first');
  const of = <K extends 'tornado' | 'table' | 'switching'>(kind: K) => outcomes.filter((o): o is Extract<SensitivityPartOutcome, { kind: K }> => o.ok && o.kind === kind);
  return {
    ok: true,
    result: {
      base: base.base,
      baseWaterfall: base.baseWaterfall,
      steps: request.steps,
      tornado: sortTornadoRows(of('tornado').flatMap((o) => o.rows)),
      tables: of('table').map((o) => o.table),
      switching: request.switching ? of('switching').flatMap((o) => o.values) : [],
    },
  };
}
