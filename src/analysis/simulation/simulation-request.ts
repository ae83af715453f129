import { z } from 'zod';
import { decimalField, integerField, rate } from '../../deal/primitives.js';
import { driverSchema } from '../drivers.js';

const param = (what: string) => decimalField({ min: -10, max: 10, what });

/**
 * Distributions of a driver's change (drivers.ts: a relative change, whole years of delay, a rate
 * shift). `lognormal` is of the factor 1 + change: ln(1 + change) ~ Normal(mu, sigma).
 */
export const distributionSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('triangular'), min: param('the minimum'), mode: param('the mode'), max: param('the maximum') }),
    z.strictObject({ kind: z.literal('normal'), mean: param('the mean'), sd: decimalField({ min: 0, max: 10, what: 'a standard deviation' }) }),
    z.strictObject({ kind: z.literal('uniform'), min: param('the minimum'), max: param('the maximum') }),
    z.strictObject({ kind: z.literal('lognormal'), mu: param('mu'), sigma: decimalField({ min: 0, max: 5, what: 'sigma' }) }),
  ],
  { error: 'must be a distribution: triangular (min, mode, max), normal (mean, sd), uniform (min, max) or lognormal (mu, sigma)' },
);
export type Distribution = z.output<typeof distributionSchema>;

export const simulationRequestSchema = z.strictObject({
  variables: z.array(z.strictObject({ driver: driverSchema, distribution: distributionSchema })).min(1).max(20),
  draws: integerField(1, 100_000, 'a number of draws').default(1000),
  seed: integerField(0, 4_294_967_295, 'a seed (a whole number from 0 to 2^32 − 1)').default(1),
  /** Hurdle for "IRR below target" (equity and project after tax). */
  irrTarget: rate().default('0.06'),
});
export type SimulationRequest = z.output<typeof simulationRequestSchema>;
