import { z } from 'zod';
import {
  count,
  integerField,
  escalationSchema,
  identifier,
  label,
  openingYear,
  operatingYear,
  price,
  quantity,
  rampFactor,
  rate,
  share,
  decimalField,
} from './primitives.js';

/**
 * Default VAT rate of each revenue driver (methodology §7): parking, leases of space and express-locker
 * sites 9%; advertising services, property management and catering 6%; EV charging (sale of
 * electricity and service) 13%. A stream may override it.
 */
export const DRIVER_DEFAULT_VAT_RATE = {
  parking: '0.09',
  canteen: '0.06',
  advertising: '0.06',
  'ev-charging': '0.13',
  'express-lockers': '0.09',
  'property-service': '0.06',
  'space-leasing': '0.09',
  custom: '0.06',
} as const;

const vatSchema = z.strictObject({
  /** VAT rate of the stream; defaults to the driver's rate. */
  rate: rate().optional(),
  /** Prices entered are what payers pay (VAT-inclusive) unless this says otherwise (methodology §7). */
  pricesIncludeVat: z.boolean().default(true),
});

/** Fields every stream has, whatever its driver. */
const streamCommon = {
  id: identifier(),
  name: label(),
  /** First operating year (1-based) in which the stream earns. */
  startOperatingYear: operatingYear().default(1),
  /** Last operating year in which the stream earns; defaults to the end of operation. */
  endOperatingYear: operatingYear().optional(),
  /**
   * Phased opening (methodology §10.11): the calendar year of construction in which the stream starts to
   * earn, before the last works are done; it then earns from that year (instead of startOperatingYear).
   */
  openingYear: openingYear().optional(),
  /** Price escalation, counted from the first operating year of the deal. */
  escalation: escalationSchema.default({ kind: 'none' }),
  vat: vatSchema.default({ pricesIncludeVat: true }),
  /**
   * `community-care`: elderly care, childcare, meal aid (助餐) — VAT-exempt and counted at 90% of income
   * for income tax while the incentive lasts (公告2019年第76号; methodology §7).
   */
  taxIncentive: z.enum(['none', 'community-care']).default('none'),
  /** Whether the stream's income may service debt (CFADS); e.g. a ring-fenced fund may not. */
  countsForDebtService: z.boolean().default(true),
};

/** Volume factors for the stream's first years (60% → 90%); the last value holds thereafter. */
const ramp = () => z.array(rampFactor()).max(30).default([]);
/** A ramp of shares (occupancy, collection rate) by stream year; the last value holds thereafter. */
const shareRamp = () => z.array(share()).min(1).max(30);

export const parkingStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('parking'),
  /** Spaces rented; defaults to scope.parkingSpaces. */
  spaces: count(1_000_000, 'a number of parking spaces').optional(),
  occupancy: shareRamp(),
  monthlyFee: price(),
});

export const canteenStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('canteen'),
  mealsPerDay: quantity(),
  daysPerYear: integerField(1, 366, 'a number of days a year').default(360),
  averagePrice: price(),
  /** Food cost as a share of VAT-exclusive canteen revenue; an operating cost of the stream. */
  foodCostShare: share(),
  /** VAT contained in food purchases (agricultural products 9%). */
  foodCostInputVatRate: rate().default('0.09'),
  rampUp: ramp(),
});

export const advertisingStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('advertising'),
  panels: count(1_000_000, 'a number of panels'),
  annualRentPerPanel: price(),
  rampUp: ramp(),
});

export const evChargingStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('ev-charging'),
  chargers: count(1_000_000, 'a number of chargers'),
  kwhPerChargerPerDay: quantity(),
  daysPerYear: integerField(1, 366, 'a number of days a year').default(365),
  /** Service fee per kWh (the part of the price the operator keeps). */
  serviceFeePerKwh: price(),
  rampUp: ramp(),
});

export const expressLockerStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('express-lockers'),
  sites: count(1_000_000, 'a number of sites'),
  annualFeePerSite: price(),
  rampUp: ramp(),
});

export const propertyServiceStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('property-service'),
  /** Fee per household per month, or per ㎡ of floor area per month. */
  basis: z.enum(['household', 'floor-area']).default('household'),
  /** Households or ㎡ billed; defaults to scope.households or scope.floorAreaM2. */
  billedUnits: decimalField({ min: 0, max: 1e9, what: 'a number of households or ㎡' }).optional(),
  monthlyFee: price(),
  /** Share of fees actually collected (劲松: 82–85%), by stream year. */
  collectionRate: shareRamp(),
});

export const spaceLeasingStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('space-leasing'),
  areaM2: quantity(),
  monthlyRentPerM2: price(),
  occupancy: shareRamp().default(['1']),
});

/**
 * A stream whose yearly amount (元, on the same VAT basis as other prices) is a mathjs formula over
 * named inputs and the built-in variables `n` (operating year of the deal, 1-based), `s` (year of the
 * stream, 1-based) and `calendarYear`.
 */
export const customStreamSchema = z.strictObject({
  ...streamCommon,
  driver: z.literal('custom'),
  formula: z.string().trim().min(1).max(2000),
  inputs: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, { error: 'input names are letters, digits and _' }),
      decimalField({ min: -1e12, max: 1e12, what: 'a number' }),
    )
    .default({}),
  rampUp: ramp(),
});

export const revenueStreamSchema = z.discriminatedUnion(
  'driver',
  [
    parkingStreamSchema,
    canteenStreamSchema,
    advertisingStreamSchema,
    evChargingStreamSchema,
    expressLockerStreamSchema,
    propertyServiceStreamSchema,
    spaceLeasingStreamSchema,
    customStreamSchema,
  ],
  { error: `driver must be one of: ${Object.keys(DRIVER_DEFAULT_VAT_RATE).join(', ')}` },
);
export type RevenueStream = z.output<typeof revenueStreamSchema>;
