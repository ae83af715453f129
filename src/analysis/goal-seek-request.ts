import { z } from 'zod';
import { GOVERNMENT_LEVELS } from '../deal/funding-schema.js';
import { decimalField, identifier, integerField, text } from '../deal/primitives.js';
import { INDICATOR_NAMES } from './indicators.js';

/** A number or decimal string on the scale of deal amounts, prices and indicators. */
export const analysisNumber = (what: string) => decimalField({ min: -1e12, max: 1e12, what });

/** The deal input a goal seek changes (see levers.ts for what each does to the deal). */
export const goalInputSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('grant'), source: identifier() }),
    z.strictObject({ kind: z.literal('operating-support'), support: identifier() }),
    z.strictObject({
      kind: z.literal('new-operating-subsidy'),
      level: z.enum(GOVERNMENT_LEVELS).default('district'),
      years: integerField(1, 30, 'a number of operating years').optional(),
      taxable: z.boolean().default(true),
    }),
    z.strictObject({ kind: z.literal('price'), stream: identifier(), input: text(40).optional() }),
    z.strictObject({ kind: z.literal('operating-years') }),
    z.strictObject({ kind: z.literal('residents'), source: identifier() }),
    z.strictObject({ kind: z.literal('loan-amount'), source: identifier() }),
  ],
  { error: 'must be an input with kind grant, operating-support, new-operating-subsidy, price, operating-years, residents or loan-amount' },
);
export type GoalInput = z.output<typeof goalInputSchema>;

export const targetSchema = z.strictObject({
  indicator: z.enum(INDICATOR_NAMES, { error: `must be one of: ${INDICATOR_NAMES.join(', ')}` }),
  value: analysisNumber('a target value').default('0'),
  /** A loan or bond id: the target is that facility's own minDscr, avgDscr or llcr (methodology §11.9), not the project's pooled one. */
  facility: identifier().optional(),
});

/**
 * The question an empty body `{}` asks: the smallest new yearly district operating subsidy at which
 * the equity IRR reaches 6% (the FNPV discount rate's default, methodology §4) — the first question a
 * finance bureau asks of a deal that does not pay for itself.
 */
export const DEFAULT_SOLVE_INPUT = { kind: 'new-operating-subsidy', level: 'district' } as const;
export const DEFAULT_SOLVE_TARGET = { indicator: 'equityIrr', value: '0.06' } as const;

export const solveRequestSchema = z.strictObject({
  input: goalInputSchema.prefault(DEFAULT_SOLVE_INPUT),
  target: targetSchema.prefault(DEFAULT_SOLVE_TARGET),
  /** Lower and upper bound of the input; defaults per input (levers.ts). */
  bounds: z.tuple([analysisNumber('a lower bound'), analysisNumber('an upper bound')]).optional(),
  /** Tolerance on the indicator; defaults by its kind (indicators.ts). */
  tolerance: decimalField({ min: 0, max: 1e9, what: 'a tolerance' }).optional(),
  maxEvaluations: integerField(2, 200, 'a number of evaluations').default(60),
});
export type SolveRequest = z.output<typeof solveRequestSchema>;
