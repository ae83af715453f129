import { z } from 'zod';
import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { identifier } from '../deal/primitives.js';
import { D } from '../finance/decimal.js';
import { changeLoanRatesInPlace, scaleCapexInPlace, scaleOpexInPlace } from './edits/cost-edits.js';
import { findStream, scaleStreamPriceInPlace, scaleStreamVolumeInPlace } from './edits/revenue-edits.js';
import { delayConstructionInPlace, setOperatingYearsInPlace } from './edits/timeline-edits.js';

/**
 * What sensitivity, stress and simulation move. Each driver takes a change: a relative change for
 * most (−0.1 = 10% less), a whole number of years for `construction-delay`, and an absolute shift of
 * the rate (0.01 = +100bp) for `interest-rate-shift`.
 */
export const driverSchema = z.discriminatedUnion(
  'driver',
  [
    z.strictObject({ driver: z.literal('revenue') }),
    z.strictObject({ driver: z.literal('price'), stream: identifier() }),
    z.strictObject({ driver: z.literal('volume'), stream: identifier() }),
    z.strictObject({ driver: z.literal('capex') }),
    z.strictObject({ driver: z.literal('opex') }),
    z.strictObject({ driver: z.literal('interest-rate') }),
    z.strictObject({ driver: z.literal('interest-rate-shift') }),
    z.strictObject({ driver: z.literal('construction-delay') }),
    z.strictObject({ driver: z.literal('operating-period') }),
  ],
  { error: 'must be a driver: revenue, price (with stream), volume (with stream), capex, opex, interest-rate, interest-rate-shift, construction-delay or operating-period' },
);
export type Driver = z.output<typeof driverSchema>;

/** A short stable name of a driver: `revenue`, `price:fz-parking-public`. */
export function nameDriver(driver: Driver): string {
  return 'stream' in driver ? `${driver.driver}:${driver.stream}` : driver.driver;
}

/** Whether the driver's change is in whole years rather than a relative change. */
export const isYearDriver = (driver: Driver) => driver.driver === 'construction-delay';

/** A problem when the driver names something the deal does not have. */
export function checkDriver(deal: Deal, driver: Driver, path: string): Problem | undefined {
  if ('stream' in driver) {
    const found = findStream(deal, driver.stream, `${path}.stream`);
    if ('problem' in found) return found.problem;
  }
  return undefined;
}

/**
 * The deal with the driver changed by `change` (see driverSchema). The operating period is rounded to
 * whole years (25 × 1.1 = 27.5 → 28) within 1–30; a delay beyond 5 construction years is invalid and
 * the changed deal says so when parsed.
 */
export function applyDriver(deal: Deal, driver: Driver, change: number): Deal {
  return applyChanges(deal, [{ driver, change }]);
}

/** A set of changes applied one after another (a combined case), to one copy of the deal. */
export function applyChanges(deal: Deal, changes: readonly { driver: Driver; change: number }[]): Deal {
  const next = structuredClone(deal);
  for (const { driver, change } of changes) changeDriverInPlace(next, driver, change);
  return next;
}

function changeDriverInPlace(next: Deal, driver: Driver, change: number): void {
  const factor = new D(1).plus(change);
  switch (driver.driver) {
    case 'revenue':
      return scaleStreamPriceInPlace(next, undefined, factor);
    case 'price':
      return scaleStreamPriceInPlace(next, driver.stream, factor);
    case 'volume':
      return scaleStreamVolumeInPlace(next, driver.stream, factor);
    case 'capex':
      return scaleCapexInPlace(next, factor);
    case 'opex':
      return scaleOpexInPlace(next, factor);
    case 'interest-rate':
      return changeLoanRatesInPlace(next, { factor });
    case 'interest-rate-shift':
      return changeLoanRatesInPlace(next, { shift: new D(change) });
    case 'construction-delay':
      return delayConstructionInPlace(next, Math.round(change));
    case 'operating-period': {
      const years = Math.min(30, Math.max(1, Math.round(next.timeline.operatingYears * (1 + change))));
      if (years !== next.timeline.operatingYears) setOperatingYearsInPlace(next, years);
      return;
    }
  }
}
