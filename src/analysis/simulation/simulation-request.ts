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

/**
 * The variables drawn when a request names none (an empty body `{}`, term-sheet `include=simulation`,
 * CLI `--simulation '{}'`): the four every deal has, as in the 10,000-draw benchmark — revenue ~
 * Normal(0, 10%), capex ~ Triangular(−5%, 0, +20%) (overruns likelier than savings), opex ~
 * Uniform(−10%, +10%), loan rates × LogNormal(0, 0.1). A deal without loans is unmoved by the last.
 */
export const DEFAULT_SIMULATION_VARIABLES = [
  { driver: { driver: 'revenue' }, distribution: { kind: 'normal', mean: '0', sd: '0.1' } },
  { driver: { driver: 'capex' }, distribution: { kind: 'triangular', min: '-0.05', mode: '0', max: '0.2' } },
  { driver: { driver: 'opex' }, distribution: { kind: 'uniform', min: '-0.1', max: '0.1' } },
  { driver: { driver: 'interest-rate' }, distribution: { kind: 'lognormal', mu: '0', sigma: '0.1' } },
] as const;

const variablesSchema = z.array(z.strictObject({ driver: driverSchema, distribution: distributionSchema })).min(1).max(20);

export const simulationRequestSchema = z.strictObject({
  /** Omitted: DEFAULT_SIMULATION_VARIABLES, so an empty body `{}` simulates the default set. */
  variables: variablesSchema.default(() => structuredClone(DEFAULT_SIMULATION_VARIABLES) as unknown as z.output<typeof variablesSchema>),
  draws: integerField(1, 100_000, 'a number of draws').default(1000),
  seed: integerField(0, 4_294_967_295, 'a seed (a whole number from 0 to 2^32 − 1)').default(1),
  /** Hurdle for "IRR below target" (equity and project after tax). */
  irrTarget: rate().default('0.06'),
});
export type SimulationRequest = z.output<typeof simulationRequestSchema>;
