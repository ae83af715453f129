import { z } from 'zod';
import { capexItemSchema } from './capex-schema.js';
import { opexSchema } from './opex-schema.js';
import { covenantsSchema, fiscalSchema, fundingSchema, operatingSupportSchema, type Funding } from './funding-schema.js';
import { amount, identifier, label, operatingYear, rate, text } from './primitives.js';
import { revenueStreamSchema } from './revenue-schema.js';
import { taxSchema } from './tax-schema.js';
import { waterfallSchema } from './waterfall-schema.js';
import { constructionProfitSchema } from './construction-profit-schema.js';
import { scopeSchema, timelineSchema } from './timeline-schema.js';

/** Without a funding section the investor funds everything with equity: the all-equity case. */
export const ALL_EQUITY_FUNDING: Funding = {
  sources: [{ id: 'investor-equity', name: '投资方资本金', kind: 'investor-equity', investor: '投资方' }],
  rules: [],
  fill: [{ source: 'investor-equity' }],
};

const placeSchema = z.strictObject({
  province: label(),
  city: label(),
  district: label().optional(),
  subdistrict: label().optional(),
  community: label().optional(),
});

/** Where a number of a template comes from: the public record or an assumption of ours. */
const sourceNoteSchema = z.strictObject({
  item: label(),
  value: text(200).optional(),
  basis: z.enum(['public-record', 'assumption']),
  reference: text(500).optional(),
});

const metaSchema = z.strictObject({
  archetype: text(300).optional(),
  description: text(4000).optional(),
  /** Provenance of the template's numbers. */
  sources: z.array(sourceNoteSchema).max(200).default([]),
});

export const dealSchema = z.strictObject({
  schemaVersion: z.literal(1).default(1),
  id: identifier().optional(),
  name: label(),
  nameEn: label().optional(),
  place: placeSchema,
  meta: metaSchema.default({ sources: [] }),
  timeline: timelineSchema,
  scope: scopeSchema,
  capex: z.array(capexItemSchema).min(1, { error: 'a deal needs at least one capex item' }).max(500),
  revenue: z.array(revenueStreamSchema).max(100).default([]),
  opex: opexSchema.default({ escalation: { kind: 'none' }, fixed: [], percentOfRevenue: [], percentOfCapex: [], majorMaintenance: [] }),
  /** 流动资金: invested in the given operating year, recovered in the last year of operation. */
  workingCapital: z
    .strictObject({ amount: amount(), operatingYear: operatingYear().default(1) })
    .default({ amount: '0', operatingYear: 1 }),
  /** Hand-back at the end of operation: free transfer (无偿移交) unless a residual value is given. */
  handBack: z.strictObject({ residualValue: amount().default('0') }).default({ residualValue: '0' }),
  /** Who funds the capex (methodology §5, §6): sources, rules, elevator programme and the fill order. */
  funding: fundingSchema.default(ALL_EQUITY_FUNDING),
  /** Rebates, operating subsidies and viability-gap payments (methodology §5). */
  operatingSupport: z.array(operatingSupportSchema).max(100).default([]),
  covenants: covenantsSchema.default(covenantsSchema.parse({})),
  fiscal: fiscalSchema.default(fiscalSchema.parse({})),
  /** The cash waterfall (methodology §11): reserves, lock-up, distributions, short-term borrowing. */
  waterfall: waterfallSchema.default(waterfallSchema.parse({})),
  tax: taxSchema.default(taxSchema.parse({})),
  /** 施工利润 of an investor that also builds (methodology §9.8); absent: not counted. */
  constructionProfit: constructionProfitSchema.optional(),
  /** FNPV discount rate (methodology §4, default 6%). */
  discountRate: rate().default('0.06'),
  indicators: z
    .strictObject({
      /** Operating year used as the "normal year" for ROI/ROE; the operating average when omitted. */
      normalOperatingYear: operatingYear().optional(),
      /** Rate at which the break-even occupancy makes the after-tax FNPV zero; the discount rate when omitted. */
      breakEvenRate: rate().optional(),
    })
    .default({}),
});

export type DealInput = z.input<typeof dealSchema>;
export type Deal = z.output<typeof dealSchema>;
