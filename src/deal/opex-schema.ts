import { z } from 'zod';
import { GOVERNMENT_LEVELS } from './funding-schema.js';
import { amount, escalationSchema, identifier, integerField, label, openingYear, operatingYear, rate, share, text } from './primitives.js';

// Every opex amount is the cash paid (VAT-inclusive); `inputVatRate` is the VAT contained in it,
// credited against output VAT (methodology §7). Staff costs carry none, hence the default 0.

const fixedCostSchema = z.strictObject({
  id: identifier(),
  name: label(),
  annualAmount: amount(),
  /** Overrides the opex-wide escalation. */
  escalation: escalationSchema.optional(),
  startOperatingYear: operatingYear().default(1),
  endOperatingYear: operatingYear().optional(),
  /** Phased opening (methodology §10.11): the calendar year of construction from which the cost is paid (instead of startOperatingYear). */
  openingYear: openingYear().optional(),
  inputVatRate: rate().default('0'),
  /**
   * Revenue streams (ids) the cost is used for (methodology §9, 财税〔2016〕36号 附件1 第二十七、二十九条):
   * its input VAT is not credited in proportion to the exempt sales of those streams; a cost that
   * names none is apportioned by the exempt share of all sales.
   */
  servesStreams: z.array(text(100)).min(1).max(100).optional(),
});

const percentOfRevenueSchema = z.strictObject({
  id: identifier(),
  name: label(),
  /** Share of VAT-exclusive revenue of the listed streams (all streams when omitted). */
  share: share(),
  streams: z.array(text(100)).min(1).optional(),
  inputVatRate: rate().default('0'),
  /** A revenue share paid to this level of government (an inflow of the fiscal view, methodology §5). */
  governmentLevel: z.enum(GOVERNMENT_LEVELS).optional(),
});

const percentOfCapexSchema = z.strictObject({
  id: identifier(),
  name: label(),
  /** Yearly cost as a share of capex (e.g. 0.01 for routine maintenance at 1% of the works). */
  share: share(),
  /** Capex base: investor-owned items only (default) or every item. */
  basis: z.enum(['investor-owned', 'all']).default('investor-owned'),
  escalation: escalationSchema.optional(),
  inputVatRate: rate().default('0'),
  /**
   * Revenue streams (ids) the cost is used for (methodology §9, 财税〔2016〕36号 附件1 第二十七、二十九条):
   * its input VAT is not credited in proportion to the exempt sales of those streams; a cost that
   * names none is apportioned by the exempt share of all sales.
   */
  servesStreams: z.array(text(100)).min(1).max(100).optional(),
});

const majorMaintenanceSchema = z.strictObject({
  id: identifier(),
  name: label(),
  amount: amount(),
  operatingYears: z.array(operatingYear()).min(1).max(30),
  /**
   * `expense`: an operating cost of its year. `sustaining-capex`: 维持运营投资, a cash outflow of the
   * investment tables, depreciated straight-line over the shorter of its life and the operating years left
   * (methodology §9).
   */
  treatment: z.enum(['expense', 'sustaining-capex']).default('expense'),
  /** Capex items (ids) this event renews, e.g. smart-security equipment replaced every 5 years. */
  replacesCapex: z.array(text(100)).max(100).default([]),
  /**
   * Life of a sustaining-capex renewal in years (methodology §9): each spend is depreciated over the
   * shorter of this life and the operating years left. Default: the life of the first item it
   * replaces (replacesCapex), else the operating years left.
   */
  depreciationYears: integerField(1, 70, 'a depreciation life in years').optional(),
  escalation: escalationSchema.optional(),
  inputVatRate: rate().default('0'),
  /**
   * Revenue streams (ids) the event is used for (methodology §9); default: those every item it
   * replaces serves. A renewal (sustaining capex) is a fixed asset: not credited when it serves only
   * exempt services in the year spent, else credited in full; an expensed event is apportioned.
   */
  servesStreams: z.array(text(100)).min(1).max(100).optional(),
});

export const opexSchema = z.strictObject({
  /** Default escalation of fixed, percent-of-capex and major-maintenance costs. */
  escalation: escalationSchema.default({ kind: 'none' }),
  fixed: z.array(fixedCostSchema).max(200).default([]),
  percentOfRevenue: z.array(percentOfRevenueSchema).max(200).default([]),
  percentOfCapex: z.array(percentOfCapexSchema).max(200).default([]),
  majorMaintenance: z.array(majorMaintenanceSchema).max(200).default([]),
});
