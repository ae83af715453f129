import type { Deal } from '../../deal/deal-schema.js';
import type { Problem } from '../../deal/problem.js';
import type { RevenueStream } from '../../deal/revenue-schema.js';
import { D } from '../../finance/decimal.js';
import { formatDecimal } from './format-decimal.js';

/** The price field of each revenue driver: what a payer pays per unit (元). */
export const PRICE_FIELD = {
  parking: 'monthlyFee',
  canteen: 'averagePrice',
  advertising: 'annualRentPerPanel',
  'ev-charging': 'serviceFeePerKwh',
  'express-lockers': 'annualFeePerSite',
  'property-service': 'monthlyFee',
  'space-leasing': 'monthlyRentPerM2',
  custom: null,
} as const satisfies Record<RevenueStream['driver'], string | null>;

/** Where a stream's price lives: the driver's price field, or a named input of a custom formula. */
export interface PriceRef {
  stream: string;
  /** For a custom stream: the formula input that is the price. */
  input?: string;
}

/** The index of a stream in the deal, or a problem at `path`. */
export function findStream(deal: Deal, id: string, path: string): { index: number } | { problem: Problem } {
  const index = deal.revenue.findIndex((s) => s.id === id);
  if (index < 0) {
    const known = deal.revenue.map((s) => s.id).join(', ') || 'none';
    return { problem: { code: 'UNKNOWN_STREAM', path, message: `no revenue stream has id "${id}" (the deal has: ${known})` } };
  }
  return { index };
}

/** The price of a stream (元), or a problem when the reference does not name a price. */
export function readStreamPrice(deal: Deal, ref: PriceRef, path: string): { value: D } | { problem: Problem } {
  const found = findStream(deal, ref.stream, `${path}.stream`);
  if ('problem' in found) return found;
  const stream = deal.revenue[found.index]!;
  if (stream.driver === 'custom') {
    const names = Object.keys(stream.inputs);
    if (ref.input === undefined || !(ref.input in stream.inputs)) {
      return { problem: { code: 'UNKNOWN_INPUT', path: `${path}.input`, message: `a custom stream's price is one of its formula inputs: name one of ${names.join(', ') || '(it has none)'}` } };
    }
    return { value: new D(stream.inputs[ref.input]!) };
  }
  return { value: new D((stream as Record<string, unknown>)[PRICE_FIELD[stream.driver]] as string) };
}

/** The deal with a stream's price set (a custom stream's named input). */
export function setStreamPrice(deal: Deal, ref: PriceRef, price: D): Deal {
  const next = structuredClone(deal);
  const stream = next.revenue.find((s) => s.id === ref.stream)!;
  if (stream.driver === 'custom') stream.inputs[ref.input!] = formatDecimal(price);
  else (stream as Record<string, unknown>)[PRICE_FIELD[stream.driver]] = formatDecimal(price);
  return next;
}

/**
 * Scale what a stream earns per unit by `factor`. A custom stream's yearly formula is wrapped as
 * `(formula) * factor`, so the scaling holds whatever the formula is.
 */
function scalePrice(stream: RevenueStream, factor: D): void {
  if (stream.driver === 'custom') {
    stream.formula = `(${stream.formula}) * ${formatDecimal(factor)}`;
    return;
  }
  const field = PRICE_FIELD[stream.driver];
  const record = stream as Record<string, unknown>;
  record[field] = formatDecimal(new D(record[field] as string).times(factor));
}

const scaleShares = (shares: string[], factor: D) => shares.map((s) => formatDecimal(D.min(1, new D(s).times(factor))));
const scaleRamp = (ramp: string[], factor: D) => (ramp.length === 0 ? ['1'] : ramp).map((s) => formatDecimal(D.min(2, new D(s).times(factor))));

/**
 * Scale a stream's volume by `factor`: occupancy (parking, leased space) and collection rates are
 * shares and stop at 100%; meals a day and kWh a day scale freely; streams counted in whole units
 * (panels, sites) and custom formulas scale their ramp-up factors, which stop at 2.
 */
function scaleVolume(stream: RevenueStream, factor: D): void {
  switch (stream.driver) {
    case 'parking':
    case 'space-leasing':
      stream.occupancy = scaleShares(stream.occupancy, factor);
      return;
    case 'property-service':
      stream.collectionRate = scaleShares(stream.collectionRate, factor);
      return;
    case 'canteen':
      stream.mealsPerDay = formatDecimal(new D(stream.mealsPerDay).times(factor));
      return;
    case 'ev-charging':
      stream.kwhPerChargerPerDay = formatDecimal(new D(stream.kwhPerChargerPerDay).times(factor));
      return;
    case 'advertising':
    case 'express-lockers':
    case 'custom':
      stream.rampUp = scaleRamp(stream.rampUp, factor);
      return;
  }
}

/** The deal with the price of one stream, or of every stream when `streamId` is undefined, times `factor`. */
export function scaleStreamPriceInPlace(next: Deal, streamId: string | undefined, factor: D): void {
  for (const stream of next.revenue) if (streamId === undefined || stream.id === streamId) scalePrice(stream, factor);
}

/** The deal with the volume of one stream times `factor` (see scaleVolume for the caps). */
export function scaleStreamVolumeInPlace(next: Deal, streamId: string, factor: D): void {
  for (const stream of next.revenue) if (stream.id === streamId) scaleVolume(stream, factor);
}
