import { z } from 'zod';
import { CAPEX_CATEGORIES, CAPEX_KINDS, ASSET_OWNERS, UTILITIES } from './capex-schema.js';
import { bondBatchSchema, bondEarmarkSchema, bondPrincipalSchema } from './bond-schema.js';
import { decimalField, fenAmount, identifier, integerField, label, price, rate, share } from './primitives.js';

/** Levels of government that pay or receive (methodology §5). 街道 spend the district's budget. */
export const GOVERNMENT_LEVELS = ['central', 'provincial', 'municipal', 'district'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];
export const GOVERNMENT_LEVEL_ZH: Record<GovernmentLevel, string> = { central: '中央', provincial: '省级', municipal: '市级', district: '区县级' };
const governmentLevel = () => z.enum(GOVERNMENT_LEVELS, { error: `must be one of: ${GOVERNMENT_LEVELS.join(', ')}` });

/** Grant kinds and the level of government each comes from. */
export const GRANT_LEVEL = {
  'central-budget': 'central', // 中央预算内投资
  'central-special-fund': 'central', // 中央财政专项资金（城镇保障性安居工程补助资金）
  'provincial-grant': 'provincial',
  'municipal-grant': 'municipal',
  'district-grant': 'district',
} as const satisfies Record<string, GovernmentLevel>;
export type GrantKind = keyof typeof GRANT_LEVEL;
const GRANT_KINDS = Object.keys(GRANT_LEVEL) as [GrantKind, ...GrantKind[]];

/** How residents pay: cash, housing provident fund, special maintenance fund, co-building fund. */
export const RESIDENT_MEANS = ['cash', 'provident-fund', 'maintenance-fund', 'co-building-fund'] as const;

/** Which capex items a rule or a pooled source applies to; every given filter must match (all items when none is given). */
const selector = {
  items: z.array(identifier()).min(1).max(500).optional(),
  categories: z.array(z.enum(CAPEX_CATEGORIES)).min(1).optional(),
  kinds: z.array(z.enum(CAPEX_KINDS)).min(1).optional(),
  utilities: z.array(z.enum(UTILITIES)).min(1).optional(),
  owners: z.array(z.enum(ASSET_OWNERS)).min(1).optional(),
};
export const selectorSchema = z.strictObject(selector);
export type CapexSelector = z.output<typeof selectorSchema>;

const common = {
  id: identifier(),
  name: label(),
  /**
   * What the source commits in 元. A source without an amount is unlimited: it takes whatever its
   * rules give it, or, in the fill order, the whole remaining need (the last filler is usually equity).
   */
  amount: fenAmount().optional(),
};

/** What a government grant is to the project entity (methodology §9): 投资补助 (default) or 资本金注入 (政府投资条例 第六条). */
export const GRANT_TYPES = ['investment-subsidy', 'capital-injection'] as const;
export const GRANT_TYPE_ZH: Record<(typeof GRANT_TYPES)[number], string> = { 'investment-subsidy': '投资补助', 'capital-injection': '资本金注入' };

const grantSchema = z.strictObject({
  ...common,
  kind: z.enum(GRANT_KINDS),
  /**
   * `investment-subsidy` (投资补助, default): not 项目资本金; `capital-injection` (资本金注入): government
   * money given as capital, counted in 项目资本金, the equity ratio and ROE (methodology §9).
   */
  grantType: z.enum(GRANT_TYPES, { error: 'must be investment-subsidy (投资补助) or capital-injection (资本金注入)' }).default('investment-subsidy'),
  /**
   * An investment subsidy received as 不征税收入 (财税〔2011〕70号, default true): not taxed, and the
   * depreciation of the assets it pays for is not deductible. `false`: taxable income of the year it
   * is received, and the assets depreciate for tax in full (methodology §9).
   */
  nonTaxable: z.boolean().default(true),
  /**
   * Whether the depreciation of the part of investor assets this grant pays for is deductible for
   * income tax; default false for a non-taxable grant (财税〔2011〕70号), true for a taxable one.
   */
  depreciationDeductible: z.boolean().optional(),
});
const utilitySchema = z.strictObject({ ...common, kind: z.literal('utility'), utility: z.enum(UTILITIES, { error: `must be one of: ${UTILITIES.join(', ')}` }) });
const propertyRightsUnitSchema = z.strictObject({ ...common, kind: z.literal('property-rights-unit') });
const donationSchema = z.strictObject({ ...common, kind: z.literal('donation') });
const residentsSchema = z.strictObject({
  ...common,
  kind: z.literal('residents'),
  means: z.enum(RESIDENT_MEANS).default('cash'),
  /** Commitment per ㎡ of floor area (scope.floorAreaM2), instead of an amount: 青岛 10元/㎡. */
  perM2: price().optional(),
  /** Commitment per household (scope.households), instead of an amount. */
  perHousehold: price().optional(),
});
const investorEquitySchema = z.strictObject({
  ...common,
  kind: z.literal('investor-equity'),
  /** The investor (one source per investor); per-investor IRRs are computed from each source. */
  investor: label(),
  /** Share of the equity distributions; by default in proportion to the equity contributed. */
  profitShare: share().optional(),
});

/** Interest rate of a loan: 5-year LPR plus a spread (3.50% since May 2025, methodology §6) or fixed. */
const loanRateSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('lpr'), lpr: rate().default('0.035'), spread: decimalField({ min: -0.05, max: 0.1, what: 'a spread over LPR between -0.05 and 0.1' }).default('0') }),
    z.strictObject({ kind: z.literal('fixed'), rate: rate() }),
  ],
  { error: 'must be {"kind":"lpr","lpr":"0.035","spread":"-0.001"} or {"kind":"fixed","rate":"0.04"}' },
);

/** How much a loan lends: a stated amount, a share of the need left when its turn comes, or all of it. Never above the need. */
const loanSizeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('amount'), amount: fenAmount() }),
    z.strictObject({ kind: z.literal('share-of-need'), share: share() }),
    z.strictObject({ kind: z.literal('need') }),
  ],
  { error: 'must be {"kind":"amount","amount":…}, {"kind":"share-of-need","share":…} or {"kind":"need"}' },
);

const dscr = () => decimalField({ min: 1, max: 10, what: 'a debt service coverage ratio between 1 and 10' });

/** Repayment profiles of methodology §6, over the repayment years (after construction and grace). */
const repaymentSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('annuity') }), // 等额本息
    z.strictObject({ kind: z.literal('equal-principal') }), // 等额本金
    z.strictObject({ kind: z.literal('bullet') }),
    /** Share of the principal repaid in each repayment year, adding up to 1. */
    z.strictObject({ kind: z.literal('custom'), shares: z.array(share()).min(1).max(30) }),
    /** Debt service = CFADS / target DSCR in every repayment year; the loan is what that repays. */
    z.strictObject({ kind: z.literal('sculpted'), targetDscr: dscr() }),
  ],
  { error: 'must be one of: annuity, equal-principal, bullet, custom (with shares), sculpted (with targetDscr)' },
);

/**
 * A loan's or bond's own covenants (methodology §11.9), tested on its own cover after the facility
 * order. A loan without them is held to the deal's covenants.minDscr and covenants.minLlcr; a bond
 * only to those it states (its deal-level test is the coverage of §10).
 */
const facilityCovenantsSchema = z.strictObject({
  minDscr: decimalField({ min: 0, max: 100, what: 'a DSCR threshold' }).optional(),
  minLlcr: decimalField({ min: 0, max: 100, what: 'an LLCR threshold' }).optional(),
});
export type FacilityCovenants = z.output<typeof facilityCovenantsSchema>;

const bankLoanSchema = z.strictObject({
  id: identifier(),
  name: label(),
  kind: z.literal('bank-loan'),
  lender: label().optional(),
  size: loanSizeSchema,
  rate: loanRateSchema,
  /** Years from the first year of the timeline to the final repayment. */
  tenorYears: integerField(1, 35, 'a tenor in years'),
  /** Operating years with interest only before principal repayment starts. */
  graceYears: integerField(0, 30, 'a number of grace years').default(0),
  repayment: repaymentSchema,
  /**
   * 建设期利息 (methodology §6): `capitalised` rolls it into the loan and the investment; `paid` is
   * paid in cash each construction year from 项目资本金 (still counted in total investment).
   */
  constructionInterest: z.enum(['capitalised', 'paid']).default('capitalised'),
  covenants: facilityCovenantsSchema.optional(),
});

/** Who pays a special bond's construction-period coupons (methodology §10.5). */
export const CONSTRUCTION_COUPON_PAYERS = ['issuer', 'equity', 'capitalised'] as const;

const specialBondSchema = z.strictObject({
  id: identifier(),
  name: label(),
  kind: z.literal('special-bond'),
  /** The government that owes the debt service (the issuer on-lends to it). */
  level: governmentLevel(),
  /**
   * The bond as one source drawn with the works (the original form): amount, coupon, tenor and
   * principal are required unless `batches` are given, in which case they must be left out.
   */
  amount: fenAmount().optional(),
  couponRate: rate().optional(),
  tenorYears: integerField(1, 30, 'a bond tenor in years').optional(),
  /** An annual model pays the same yearly interest either way; the frequency is recorded for the term sheet. */
  interestFrequency: z.enum(['annual', 'semi-annual']).default('annual'),
  principal: bondPrincipalSchema.optional(),
  /** 发行费用 as a share of the amount issued, paid in the year of issue. */
  issuanceCostRate: rate().default('0'),
  /** Share of the bond used as 项目资本金, within covenants.bondCapitalCap (国办发〔2024〕52号: 30%). */
  capitalShare: share().default('0'),
  /** The programme as issued (methodology §10): batches with their own dates, coupons and tenors. */
  batches: z.array(bondBatchSchema).min(1).max(40).optional(),
  /** The income that serves the bond (专项收入); without it the bond is covered by all project income. */
  earmark: bondEarmarkSchema.optional(),
  /**
   * Who pays the coupons that fall in construction years (methodology §10.5): `issuer` (default: the
   * issuer's 政府性基金预算, outside total investment), `equity` (项目资本金, counted in 建设期利息) or
   * `capitalised` (counted in 建设期利息 and paid from the bond's own proceeds; needs batches).
   */
  constructionCoupons: z.enum(CONSTRUCTION_COUPON_PAYERS, { error: 'must be issuer, equity or capitalised' }).default('issuer'),
  covenants: facilityCovenantsSchema.optional(),
});

export const fundingSourceSchema = z.discriminatedUnion(
  'kind',
  [grantSchema, utilitySchema, propertyRightsUnitSchema, donationSchema, residentsSchema, investorEquitySchema, bankLoanSchema, specialBondSchema],
  {
    error: `must be a source with kind one of: ${[...GRANT_KINDS, 'utility', 'property-rights-unit', 'donation', 'residents', 'investor-equity', 'bank-loan', 'special-bond'].join(', ')}`,
  },
);
export type FundingSource = z.output<typeof fundingSourceSchema>;
export type BankLoan = z.output<typeof bankLoanSchema>;
export type SpecialBond = z.output<typeof specialBondSchema>;
export type DebtSource = BankLoan | SpecialBond;

/**
 * Rules fund a share or an amount of given items before the pooled fill (methodology §5). Shares are
 * of the item's whole amount; rules on one item must not add up to more than the item.
 */
export const fundingRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('share'), source: identifier(), share: share(), ...selector }),
    z.strictObject({ kind: z.literal('amount'), source: identifier(), item: identifier(), amount: fenAmount() }),
    /**
     * Pipeline items: the utility source of the item's network pays `utilityShare` (湘潭: 0.7), or the
     * equipment share (1 − civilWorksShare of the item) on `civil-equipment` (保定). The government part
     * goes to `governmentSource` when given, else to the pooled fill.
     */
    z.strictObject({
      kind: z.literal('utility-split'),
      basis: z.enum(['percentage', 'civil-equipment']),
      utilityShare: share().optional(),
      governmentSource: identifier().optional(),
      ...selector,
    }),
  ],
  { error: 'must be a rule with kind share, amount or utility-split' },
);

/** A pooled source in the fill order, optionally earmarked to some items. */
const fillEntrySchema = z.strictObject({ source: identifier(), ...selector });

/** Elevator retrofits (methodology §5): subsidy by floors capped per elevator, residents' remainder by floor coefficients. */
const elevatorProgrammeSchema = z.strictObject({
  /** Elevator capex items: `units` elevators each serving one stairwell of `floors` floors. */
  items: z
    .array(z.strictObject({ item: identifier(), floors: integerField(2, 40, 'a number of floors'), householdsPerFloor: integerField(1, 20, 'a number of households per floor') }))
    .min(1)
    .max(100),
  subsidy: z.strictObject({
    source: identifier(),
    /** Subsidy per elevator by floors served: the last row whose minFloors ≤ floors applies. */
    table: z.array(z.strictObject({ minFloors: integerField(2, 40, 'a number of floors'), amount: fenAmount() })).min(1).max(40),
    capPerElevator: fenAmount(),
  }),
  residents: z.strictObject({
    source: identifier(),
    /** Share of the cost after subsidy that residents pay; the rest goes to the pooled fill. */
    share: share().default('1'),
    /** Coefficient of each floor, ground floor first (typically 0, rising with height). */
    floorCoefficients: z.array(decimalField({ min: 0, max: 10, what: 'a floor coefficient between 0 and 10' })).min(2).max(40),
    /** Share of each household's payment drawn from the housing provident fund. */
    providentFundShare: share().default('0'),
  }),
});
export type ElevatorProgramme = z.output<typeof elevatorProgrammeSchema>;

export const fundingSchema = z.strictObject({
  sources: z.array(fundingSourceSchema).min(1).max(100),
  rules: z.array(fundingRuleSchema).max(200).default([]),
  elevators: elevatorProgrammeSchema.optional(),
  /** Pooled sources fill what rules leave, in this order, each a share of every year's remaining need (pro rata). */
  fill: z.array(fillEntrySchema).max(100).default([]),
});
export type Funding = z.output<typeof fundingSchema>;

/** Construction-cost rebates, operating subsidies and viability-gap payments: dated, capped, attributed. */
export const operatingSupportSchema = z.strictObject({
  id: identifier(),
  name: label(),
  kind: z.enum(['construction-rebate', 'operating-subsidy', 'viability-gap']),
  level: governmentLevel(),
  payments: z.array(z.strictObject({ year: integerField(1990, 2130, 'a calendar year'), amount: fenAmount() })).min(1).max(40),
  /** The most the government has committed; the payments must not exceed it. */
  cap: fenAmount(),
  /** Counted as taxable income (default); `false` for 不征税收入 meeting 财税〔2011〕70号. */
  taxable: z.boolean().default(true),
});
export type OperatingSupport = z.output<typeof operatingSupportSchema>;

const ratio = (what: string) => decimalField({ min: 0, max: 100, what });

/** Thresholds that raise flags (methodology §4, §6); all are parameters with the textbook defaults. */
export const covenantsSchema = z.strictObject({
  minDscr: ratio('a DSCR threshold').default('1.3'),
  hardMinDscr: ratio('a DSCR threshold').default('1'),
  minIcr: ratio('an ICR threshold').default('2'),
  bondCoverage: ratio('a coverage multiple').default('1.1'),
  allDebtCoverage: ratio('a coverage multiple').default('1.2'),
  /** 项目资本金 / total investment: 20%, 15% for qualifying projects (国发〔2019〕26号). */
  minEquityRatio: share().default('0.2'),
  /** Most of a special bond that may count as 项目资本金 (国办发〔2024〕52号: 30%). */
  bondCapitalCap: share().default('0.3'),
  /** LLCR each bank loan is held to on its own cover (methodology §11.9); no LLCR test unless set. */
  minLlcr: ratio('an LLCR threshold').optional(),
});
export type Covenants = z.output<typeof covenantsSchema>;

/** How taxes reach each level (methodology §5 fiscal view); defaults are the current sharing rules. */
export const fiscalSchema = z.strictObject({
  /** VAT shared 50/50 between central and local since 2016 (国发〔2016〕26号). */
  vatCentralShare: share().default('0.5'),
  /** Enterprise income tax: central 60%, local 40%. */
  incomeTaxCentralShare: share().default('0.6'),
  /** The local level that receives the local share of taxes and the surcharges. */
  localTaxLevel: governmentLevel().default('district'),
  /** Rate for present values of the fiscal view; the deal's discount rate when omitted. */
  discountRate: rate().optional(),
});

export function isDebtSource(source: FundingSource): source is DebtSource {
  return source.kind === 'bank-loan' || source.kind === 'special-bond';
}
export function isGrantSource(source: FundingSource): source is z.output<typeof grantSchema> {
  return source.kind in GRANT_LEVEL;
}
