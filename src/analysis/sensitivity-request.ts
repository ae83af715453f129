import { z } from 'zod';
import { decimalField, integerField } from '../deal/primitives.js';
import { driverSchema } from './drivers.js';
import { targetSchema } from './goal-seek-request.js';
import { INDICATOR_NAMES } from './indicators.js';

const relativeChange = () => decimalField({ min: -0.95, max: 5, what: 'a relative change between -0.95 and 5 (0.1 for +10%)' });
const indicator = () => z.enum(INDICATOR_NAMES, { error: `must be one of: ${INDICATOR_NAMES.join(', ')}` });
const changes = () => z.array(z.union([relativeChange(), integerField(0, 4, 'years of delay')])).min(1).max(11);

export const sensitivityRequestSchema = z.strictObject({
  /** Drivers of the tornado; by default revenue, each stream's price and volume, capex, opex, loan rates, delay and the operating period. */
  drivers: z.array(driverSchema).min(1).max(60).optional(),
  /** Relative steps on each side (±5%, ±10%, ±20% by default); 0 gives the base. */
  steps: z.array(relativeChange()).min(1).max(12).default(['-0.2', '-0.1', '-0.05', '0.05', '0.1', '0.2']),
  /** Years of construction delay (1 and 2 by default). */
  delaySteps: z.array(integerField(0, 4, 'years of delay')).min(1).max(4).default([1, 2]),
  indicators: z.array(indicator()).min(1).max(8).default(['equityIrr', 'projectIrrAfterTax', 'projectNpvAfterTax', 'minDscr']),
  /** Two-way tables, e.g. parking fee × occupancy → equity IRR. */
  tables: z
    .array(
      z.strictObject({
        rows: z.strictObject({ driver: driverSchema, changes: changes() }),
        columns: z.strictObject({ driver: driverSchema, changes: changes() }),
        indicator: indicator(),
      }),
    )
    .max(4)
    .default([]),
  /** Switching values: the change of each driver that brings each indicator to its threshold. */
  switching: z
    .strictObject({
      drivers: z.array(driverSchema).min(1).max(12).optional(),
      targets: z.array(targetSchema).min(1).max(8).optional(),
    })
    .nullable()
    .default({}),
});
export type SensitivityRequest = z.output<typeof sensitivityRequestSchema>;
