import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { checkDriver, type Driver } from './drivers.js';
import { evaluateVariant } from './evaluate-variant.js';
import { fixSculptedLoans } from './stress-pack.js';
import { checkFacilityTarget, keyOfTarget, readIndicator } from './indicators.js';
import type { SensitivityRequest } from './sensitivity-request.js';
import { readWaterfallOutcome, type WaterfallOutcome } from './waterfall-outcome.js';
import { DEFAULT_SWITCHING_TARGETS, findSwitchingValues, listDefaultSwitchingDrivers, type SwitchingValue } from './switching-values.js';
import { buildTornado, formatValues, listDefaultDrivers, type IndicatorValues, type TornadoRow } from './tornado.js';
import { buildTwoWayTable, type TwoWayTable } from './two-way-table.js';

export interface SensitivityResult {
  base: IndicatorValues;
  /** The base case's waterfall (lock-up, DSRA draws, blocked distributions, each facility's min DSCR); each tornado point carries its own. */
  baseWaterfall: WaterfallOutcome;
  steps: string[];
  tornado: TornadoRow[];
  tables: TwoWayTable[];
  switching: SwitchingValue[];
}

/** The request's problems with the deal, by path: drivers it does not have, facility targets that name no facility. No evaluation. */
export function checkSensitivityRequest(deal: Deal, request: SensitivityRequest): Problem[] {
  const check = (drivers: readonly Driver[] | undefined, path: string) => (drivers ?? []).flatMap((d, i) => checkDriver(deal, d, `${path}[${i}]`) ?? []);
  return [
    ...check(request.drivers, 'drivers'),
    ...request.tables.flatMap((t, i) => [checkDriver(deal, t.rows.driver, `tables[${i}].rows.driver`), checkDriver(deal, t.columns.driver, `tables[${i}].columns.driver`)].flatMap((p) => p ?? [])),
    ...check(request.switching?.drivers, 'switching.drivers'),
    ...(request.switching?.targets ?? []).flatMap((t, i) => checkFacilityTarget(deal, t, `switching.targets[${i}]`)),
  ];
}

/** Sensitivity of a deal: the tornado, the two-way tables asked for, and switching values. */
export function analyseSensitivity(deal: Deal, request: SensitivityRequest, asOf: string): { ok: true; result: SensitivityResult } | { ok: false; problems: Problem[] } {
  const problems = checkSensitivityRequest(deal, request);
  if (problems.length > 0) return { ok: false, problems };
  const baseOutcome = evaluateVariant(deal, asOf);
  if (!baseOutcome.ok) return baseOutcome;
  // As in the stress pack, the cases run against the agreed debt: a sculpted loan keeps its base amount
  // and profile, so DSCR and coverage move with the driver instead of being re-sculpted to the target.
  const agreed = fixSculptedLoans(deal, baseOutcome.evaluation);
  const steps = request.steps.map(Number);
  const base = formatValues(baseOutcome.evaluation, request.indicators);
  const tornado = buildTornado(agreed, asOf, request.drivers ?? listDefaultDrivers(deal), steps, request.delaySteps, request.indicators);
  const tables = request.tables.map((t) =>
    buildTwoWayTable(agreed, asOf, { driver: t.rows.driver, changes: t.rows.changes.map(Number) }, { driver: t.columns.driver, changes: t.columns.changes.map(Number) }, t.indicator),
  );
  let switching: SwitchingValue[] = [];
  if (request.switching) {
    const targets = request.switching.targets ?? DEFAULT_SWITCHING_TARGETS;
    const present = Object.fromEntries(targets.map((t) => [keyOfTarget(t), readIndicator(baseOutcome.evaluation, t.indicator, (t as { facility?: string }).facility) !== null]));
    switching = findSwitchingValues(agreed, asOf, request.switching.drivers ?? listDefaultSwitchingDrivers(deal), targets, present);
  }
  return { ok: true, result: { base, baseWaterfall: readWaterfallOutcome(baseOutcome.evaluation), steps: request.steps, tornado, tables, switching } };
}
