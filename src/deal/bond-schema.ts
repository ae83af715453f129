import { z } from 'zod';
import { fenAmount, identifier, integerField, label, rate, share } from './primitives.js';

/**
 * Principal profile of a special bond or one of its batches (methodology §10): a bullet on the tenor's
 * anniversary, or shares repaid in given bond years (bond year 1 is the year of issue, so bond year k
 * is repaid on the (k − 1)-th anniversary of issue).
 */
export const bondPrincipalSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('bullet') }),
    /** Share of each tranche repaid in the given bond year (1 = year of issue), e.g. 20% in years 3–7. */
    z.strictObject({
      kind: z.literal('schedule'),
      shares: z.array(z.strictObject({ bondYear: integerField(1, 30, 'a bond year'), share: share() })).min(1).max(30),
    }),
  ],
  { error: 'must be {"kind":"bullet"} or {"kind":"schedule","shares":[{"bondYear":3,"share":"0.2"},…]}' },
);
export type BondPrincipal = z.output<typeof bondPrincipalSchema>;

/**
 * Order in which a bond's repayment account pays the bond and the loans its income also serves
 * (组合融资, methodology §10.9): `bond-first` (default: the special bond's service is secured from its
 * earmarked income before market financing takes any), `loan-first`, or `pro-rata` to what falls due.
 */
export const SERVICE_ORDERS = ['bond-first', 'loan-first', 'pro-rata'] as const;
export type ServiceOrder = (typeof SERVICE_ORDERS)[number];

export const BOND_BATCH_STATUSES = ['issued', 'planned'] as const;
export const COUPON_FREQUENCIES = ['annual', 'semi-annual'] as const;

/**
 * One batch of a bond programme as it is issued (methodology §10): its issue date (year and month),
 * amount, coupon, tenor, coupon frequency and principal profile. `planned` batches carry an assumed
 * coupon, which the results label as an assumption.
 */
export const bondBatchSchema = z.strictObject({
  id: identifier(),
  /** 发行批次名称, e.g. "2025年第三批". */
  name: label().optional(),
  status: z.enum(BOND_BATCH_STATUSES, { error: 'must be issued or planned' }).default('issued'),
  issueYear: integerField(1990, 2130, 'a calendar year'),
  issueMonth: integerField(1, 12, 'a month (1–12)'),
  amount: fenAmount(),
  couponRate: rate(),
  tenorYears: integerField(1, 30, 'a bond tenor in years'),
  /** Coupons on the anniversaries of issue (annual) or on its half-year anniversaries (semi-annual). */
  interestFrequency: z.enum(COUPON_FREQUENCIES, { error: 'must be annual or semi-annual' }).default('semi-annual'),
  principal: bondPrincipalSchema.default({ kind: 'bullet' }),
  /** 发行费用 as a share of the batch, paid by the issuer in the year of issue. */
  issuanceCostRate: rate().default('0'),
});
export type BondBatch = z.output<typeof bondBatchSchema>;

/**
 * The income earmarked to a bond (专项收入, methodology §10): the revenue streams (or shares of them)
 * that serve it and the operating costs charged to it. Costs not named are shared costs: they are
 * allocated by `sharedCosts` (default `revenue-share`: each year, the earmarked share of the revenue
 * the cost line is computed on; `none` charges only the named costs). Taxes and surcharges follow the
 * earmarked share of output VAT.
 */
export const bondEarmarkSchema = z.strictObject({
  streams: z.array(z.strictObject({ stream: identifier(), share: share().default('1') })).min(1).max(100),
  costs: z.array(z.strictObject({ item: identifier(), share: share().default('1') })).max(200).default([]),
  sharedCosts: z.enum(['revenue-share', 'none'], { error: 'must be revenue-share or none' }).default('revenue-share'),
  /**
   * Numerator of the coverage (published cards differ): revenue net of VAT (default) or as paid, and
   * net income before (default) or after the income tax that falls on it (by earmarked revenue share).
   */
  basis: z
    .strictObject({
      vat: z.enum(['exclusive', 'inclusive'], { error: 'must be exclusive or inclusive' }).default('exclusive'),
      incomeTax: z.enum(['before', 'after'], { error: 'must be before or after' }).default('before'),
    })
    .default({ vat: 'exclusive', incomeTax: 'before' }),
  /**
   * Market financing served by the same income (组合融资): bank-loan ids counted with the bond in its
   * all-debt coverage and paid from its repayment account in `serviceOrder`. Every bank loan of the
   * deal when omitted.
   */
  alsoServes: z.array(identifier()).max(50).optional(),
  /** Which the repayment account pays first when it cannot pay the bond and those loans both (methodology §10.9). */
  serviceOrder: z.enum(SERVICE_ORDERS, { error: 'must be bond-first, loan-first or pro-rata' }).default('bond-first'),
});
export type BondEarmark = z.output<typeof bondEarmarkSchema>;
