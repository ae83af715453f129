import { z } from 'zod';
import { GOVERNMENT_LEVELS } from './funding-schema.js';
import { amount, growthRate, integerField, label, share, text } from './primitives.js';

/** A deal in a portfolio: a revision (the current one when omitted) or a scenario of it. */
const memberSchema = z.strictObject({
  dealId: text(100, { min: 1 }),
  revision: integerField(1, 1_000_000_000, 'a revision number').optional(),
  scenario: text(100, { min: 1 }).optional(),
  label: label().optional(),
});

/**
 * The budget envelope (一般公共预算支出) of the government whose affordability is checked: stated by
 * calendar year, or a base year's amount grown at a yearly rate.
 */
const budgetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('by-year'),
      years: z.array(z.strictObject({ year: integerField(1990, 2130, 'a calendar year'), expenditure: amount() })).min(1).max(100),
    }),
    z.strictObject({ kind: z.literal('growth'), baseYear: integerField(1990, 2130, 'a calendar year'), baseExpenditure: amount(), growthRate: growthRate() }),
  ],
  { error: 'must be {"kind":"by-year","years":[{"year":2027,"expenditure":…}]} or {"kind":"growth","baseYear":…,"baseExpenditure":…,"growthRate":…}' },
);
export type BudgetEnvelope = z.output<typeof budgetSchema>;

/**
 * A portfolio (片区 bundling, 集中打捆): deals evaluated together, and the affordability check of
 * methodology §5 — PPP-type spending ≤ 10% (财金〔2015〕21号, 财金〔2022〕119号) and government-pay
 * spending ≤ 5% of the budget's general public expenditure, both parameters.
 */
/** A district's annual programme is dozens to hundreds of communities (湘潭 surveyed 306); a city's several thousand. */
export const MAX_PORTFOLIO_MEMBERS = 5_000;

export const portfolioSchema = z.strictObject({
  name: label(),
  description: text(4000).optional(),
  members: z.array(memberSchema).min(1).max(MAX_PORTFOLIO_MEMBERS),
  budget: budgetSchema.optional(),
  affordability: z
    .strictObject({
      /** The government whose budget the envelope is. */
      level: z.enum(GOVERNMENT_LEVELS).default('district'),
      pppLimit: share().default('0.1'),
      governmentPayLimit: share().default('0.05'),
    })
    .default({ level: 'district', pppLimit: '0.1', governmentPayLimit: '0.05' }),
  /**
   * 政府性基金预算支出 of the same government (methodology §10.10): the budget special-bond service is
   * shown against, apart from the general-budget test; stated by year or grown from a base year.
   */
  fundBudget: budgetSchema.optional(),
  /**
   * The special-debt quota (专项债务限额) available to these projects by calendar year: the limit less
   * the special debt already outstanding outside the portfolio. A year whose bonds outstanding exceed it
   * breaches; years not listed are not checked.
   */
  bondQuota: z
    .array(z.strictObject({ year: integerField(1990, 2130, 'a calendar year'), available: amount() }))
    .min(1)
    .max(100)
    .superRefine((years, ctx) => {
      years.forEach((y, i) => {
        if (years.findIndex((x) => x.year === y.year) < i) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${y.year} is listed more than once` });
      });
    })
    .optional(),
  /**
   * Cap on special bonds used as 项目资本金, as a share of the province's special bonds in the portfolio
   * (国办发〔2024〕52号: 30%, counted by province).
   */
  bondCapitalCap: share().default('0.3'),
});
export type Portfolio = z.output<typeof portfolioSchema>;
export type PortfolioMember = z.output<typeof memberSchema>;
