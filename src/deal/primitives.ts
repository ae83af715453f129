import { z } from 'zod';
import { D } from '../finance/decimal.js';
import { findForbiddenCharacter } from './xml-safe-text.js';

// Decimals travel as strings ("12345.67", "0.035"); numbers are accepted on input and normalised to
// their shortest decimal string, so the parsed deal never holds a binary float (methodology §8).
const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

interface DecimalBounds {
  min: number;
  max: number;
  /** What the number is, for messages: "an amount in 元", "a rate". */
  what: string;
}

/** A decimal given as a JSON number or a numeric string, checked against bounds, output as a string. */
export function decimalField({ min, max, what }: DecimalBounds) {
  return z
    .union([
      z.number({ error: `must be ${what}, given as a number or a decimal string` }),
      z.string().trim().regex(DECIMAL_PATTERN, { error: `must be ${what}, e.g. "1234.56"` }),
    ], { error: `must be ${what}, given as a number or a decimal string` })
    .transform((value, ctx) => {
      const parsed = new D(value);
      if (parsed.lt(min) || parsed.gt(max)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be between ${min} and ${max}; got ${parsed.toString()}`,
          params: { code: 'OUT_OF_RANGE' },
        });
        return z.NEVER;
      }
      return parsed.toString();
    });
}

/** Upper bound for any single amount: 1万亿元. A renovation deal is many orders of magnitude below. */
export const MAX_AMOUNT = 1e12;

/** A non-negative amount in 元 (VAT-inclusive unless the field says otherwise). */
export const amount = () => decimalField({ min: 0, max: MAX_AMOUNT, what: 'an amount in 元' });
/**
 * An amount in 元 to the 分 (at most two decimals): what funding commitments and capex contracts are
 * written in, so that sources and uses can balance to the 分 (methodology §5, §8).
 */
export const fenAmount = () =>
  amount().refine((value) => new D(value).decimalPlaces() <= 2, {
    error: 'must be an amount in 元 to the 分: at most two decimals',
    params: { code: 'TOO_PRECISE' },
  });
/** A unit price or fee in 元 (per month, per meal, per kWh…). */
export const price = () => decimalField({ min: 0, max: 1e9, what: 'a price in 元' });
/** A count that may be fractional on average (meals a day, kWh a day). */
export const quantity = () => decimalField({ min: 0, max: 1e9, what: 'a non-negative quantity' });
/** A share in [0, 1]: occupancy, collection rate, cost share, phasing percentage. */
export const share = () => decimalField({ min: 0, max: 1, what: 'a share between 0 and 1 (decimal, not percent)' });
/** A tax or discount rate in [0, 1]. */
export const rate = () => decimalField({ min: 0, max: 1, what: 'a rate between 0 and 1 (decimal, not percent: 0.09 for 9%)' });
/** A growth rate, possibly negative. */
export const growthRate = () => decimalField({ min: -0.5, max: 1, what: 'a yearly growth rate between -0.5 and 1' });
/** A ramp-up factor applied to volume: usually below 1 in the first years, 1 thereafter. */
export const rampFactor = () => decimalField({ min: 0, max: 2, what: 'a ramp-up factor between 0 and 2' });

export const identifier = () =>
  z
    .string({ error: 'must be an identifier string' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
      error: 'must be an identifier of letters, digits, "-" or "_" (at most 64 characters)',
    });

const TEXT_TYPE_ERROR = { error: (issue: { code: string }) => (issue.code === 'invalid_type' ? 'must be a text' : undefined) };

/** Refuse text that is not well-formed Unicode or holds characters XML 1.0 does not allow (xml-safe-text.ts). */
export function refineXmlSafe(value: string, ctx: z.RefinementCtx): void {
  const forbidden = findForbiddenCharacter(value);
  if (forbidden === undefined) return;
  ctx.addIssue({
    code: 'custom',
    message: `must be well-formed Unicode without control characters or U+FFFE/U+FFFF (found ${forbidden})`,
    params: { code: 'INVALID_CHARACTER' },
  });
}

/**
 * The shared string primitive: a text of at most `max` characters (at least `min`), well-formed
 * Unicode and XML-safe, so whatever is stored can always be written to a workbook or a header.
 * Every free text of deals, scenarios and portfolios (names, labels, notes, ids) is built on it.
 */
export const text = (max: number, { min = 0, trim = false }: { min?: number; trim?: boolean } = {}) => {
  const base = trim ? z.string(TEXT_TYPE_ERROR).trim() : z.string(TEXT_TYPE_ERROR);
  return base
    .min(min, { error: min <= 1 ? 'must not be empty' : `must be at least ${min} characters` })
    .max(max, { error: `must be at most ${max} characters` })
    .superRefine(refineXmlSafe);
};

/** A name or label: a non-empty text of at most 200 characters, trimmed. */
export const label = () => text(200, { min: 1, trim: true });

/**
 * A whole number in [min, max]. One message for every way it can be wrong (type, fraction, range),
 * naming what the number is and its bounds, so a user never reads "must be a whole number" about 0.
 */
export function integerField(min: number, max: number, what: string) {
  const message = `must be ${what}: a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

/** A count of things (spaces, panels, households). */
export const count = (max: number, what = 'a count') => integerField(0, max, what);

/** An operating year, counted 1…N from the first operating year. */
export const operatingYear = () => integerField(1, 30, 'an operating year (1 = first year of operation)');

/**
 * The calendar year a stream, a cost or a work starts operating when that is during construction
 * (phased opening, methodology §10.11); the deal's checks keep it inside the construction years.
 */
export const openingYear = () => integerField(1990, 2105, 'a calendar year of the construction period');

/** Price escalation: none, a yearly rate, or a step every k years (methodology §2). */
export const escalationSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('none') }).strict(),
    z.object({ kind: z.literal('annual'), rate: growthRate() }).strict(),
    z
      .object({ kind: z.literal('step'), rate: growthRate(), everyYears: integerField(1, 30, 'a number of years') })
      .strict(),
  ],
  { error: 'must be an escalation: {"kind":"none"}, {"kind":"annual","rate":…} or {"kind":"step","rate":…,"everyYears":…}' },
);
export type Escalation = z.output<typeof escalationSchema>;
