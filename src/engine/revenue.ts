import type { Deal } from '../deal/deal-schema.js';
import { compileFormula } from '../deal/formula.js';
import type { Problem } from '../deal/problem.js';
import { MAX_AMOUNT } from '../deal/primitives.js';
import { DRIVER_DEFAULT_VAT_RATE, type RevenueStream } from '../deal/revenue-schema.js';
import { D, ONE, ZERO } from '../finance/decimal.js';
import { computeEscalationFactors } from './escalation.js';
import { factorOfYear, findFirstYearIndex, operatingYearAt } from './opening.js';
import { createZeroSeries, sumSeries, type Series } from './series.js';
import type { Timeline } from './timeline.js';

export interface RevenueLine {
  stream: RevenueStream;
  /** Volume driver of the year (spaces × occupancy, meals, kWh…) — what the price multiplies. */
  volume: Series;
  /** 营业收入: revenue net of VAT. */
  net: Series;
  /** 销项税额: output VAT. */
  outputVat: Series;
  /** Net revenue that is income-tax-relieved community care (counted at the incentive share). */
  relievedNet: Series;
}

export interface RevenueProjection {
  lines: RevenueLine[];
  net: Series;
  outputVat: Series;
  relievedNet: Series;
  /** Sums of the streams other than parking, kept so a break-even re-projection adds parking alone. */
  nonParking: { net: Series; outputVat: Series; relievedNet: Series };
  problems: Problem[];
}

export interface RevenueOptions {
  /** Replace every parking stream's occupancy ramp by this constant share (break-even search). */
  parkingOccupancy?: D;
}

const TWELVE = new D(12);

/**
 * Revenue by stream and year. In operating year n the stream's year is s = n − start + 1 (from its
 * phased opening during construction, when it has one: there n ≤ 0 and prices are those of operating
 * year 1, methodology §10.11); the amount is volume(s) × price × escalation(n) with the drivers of the
 * deal schema. Amounts are what payers
 * pay; VAT-inclusive amounts split as net = gross / (1 + r), VAT = gross − net (methodology §7).
 * Community-care streams are VAT-exempt while the incentive lasts (calendar year ≤ the until-year).
 */
export function projectRevenue(deal: Deal, timeline: Timeline, options: RevenueOptions = {}, reuse?: RevenueProjection): RevenueProjection {
  const { N, T } = timeline;
  const problems: Problem[] = [];
  const lines = deal.revenue.map((stream, index) => {
    // Re-projecting with another parking occupancy leaves every other stream as it was.
    if (reuse && stream.driver !== 'parking') return reuse.lines[index]!;
    const volume = createZeroSeries(T);
    const net = createZeroSeries(T);
    const outputVat = createZeroSeries(T);
    const relievedNet = createZeroSeries(T);
    const prices = computeEscalationFactors(stream.escalation, N);
    const vatRate = new D(stream.vat.rate ?? DRIVER_DEFAULT_VAT_RATE[stream.driver]);
    // net = gross / (1 + r), as a product with the reciprocal: a division costs ten additions.
    const netShare = ONE.div(vatRate.plus(1));
    const computeAmount = createAmountFunction(deal, stream, options, `revenue[${index}]`, problems);
    // From its first year (its phased opening during construction, else its start operating year) to
    // its end; s counts the stream's own years from its first (methodology §10.11).
    const first = findFirstYearIndex(timeline, stream.openingYear, stream.startOperatingYear);
    const last = timeline.indexOfOperatingYear(stream.endOperatingYear ?? N);
    for (let i = first; i <= last; i++) {
      const n = operatingYearAt(timeline, i);
      const s = i - first + 1;
      const calendarYear = timeline.years[i]!.calendarYear;
      const { volume: v, amount } = computeAmount(n, s, calendarYear, factorOfYear(prices, n));
      volume[i] = v;
      const relieved = stream.taxIncentive === 'community-care' && calendarYear <= deal.tax.communityCareIncentiveUntilYear;
      const r = relieved ? ZERO : vatRate;
      if (stream.vat.pricesIncludeVat) {
        net[i] = relieved ? amount : amount.times(netShare);
        outputVat[i] = amount.minus(net[i]!);
      } else {
        net[i] = amount;
        outputVat[i] = amount.times(r);
      }
      if (relieved) relievedNet[i] = net[i]!;
    }
    return { stream, volume, net, outputVat, relievedNet };
  });
  const others = lines.filter((l) => l.stream.driver !== 'parking');
  const parking = lines.filter((l) => l.stream.driver === 'parking');
  const nonParking = reuse?.nonParking ?? {
    net: sumSeries(T, others.map((l) => l.net)),
    outputVat: sumSeries(T, others.map((l) => l.outputVat)),
    relievedNet: sumSeries(T, others.map((l) => l.relievedNet)),
  };
  return {
    lines,
    net: sumSeries(T, [nonParking.net, ...parking.map((l) => l.net)]),
    outputVat: sumSeries(T, [nonParking.outputVat, ...parking.map((l) => l.outputVat)]),
    relievedNet: sumSeries(T, [nonParking.relievedNet, ...parking.map((l) => l.relievedNet)]),
    nonParking,
    problems,
  };
}

type AmountFunction = (n: number, s: number, calendarYear: number, priceFactor: D) => { volume: D; amount: D };


/** A ramp by stream year s (1-based) whose last entry holds; an empty ramp is 1 throughout. */
function createRamp(ramp: readonly string[]): (s: number) => D {
  const values = ramp.map((v) => new D(v));
  return (s) => (values.length === 0 ? ONE : values[Math.min(s, values.length) - 1]!);
}

function createAmountFunction(
  deal: Deal,
  stream: RevenueStream,
  options: RevenueOptions,
  path: string,
  problems: Problem[],
): AmountFunction {
  switch (stream.driver) {
    case 'parking': {
      // spaces × occupancy × monthly fee × 12
      const spaces = new D(stream.spaces ?? deal.scope.parkingSpaces ?? 0);
      const fee = new D(stream.monthlyFee).times(TWELVE);
      const occupancyAt = createRamp(stream.occupancy);
      return (_n, s, _y, pf) => {
        const occupancy = options.parkingOccupancy ?? occupancyAt(s);
        const volume = spaces.times(occupancy);
        return { volume, amount: volume.times(fee).times(pf) };
      };
    }
    case 'canteen': {
      // meals a day × days × average price
      const meals = new D(stream.mealsPerDay).times(stream.daysPerYear);
      const price = new D(stream.averagePrice);
      const rampAt = createRamp(stream.rampUp);
      return (_n, s, _y, pf) => {
        const volume = meals.times(rampAt(s));
        return { volume, amount: volume.times(price).times(pf) };
      };
    }
    case 'advertising':
      return perUnit(new D(stream.panels), new D(stream.annualRentPerPanel), stream.rampUp);
    case 'ev-charging': {
      // chargers × kWh a day × days × service fee per kWh
      const kwh = new D(stream.chargers).times(stream.kwhPerChargerPerDay).times(stream.daysPerYear);
      return perUnit(kwh, new D(stream.serviceFeePerKwh), stream.rampUp);
    }
    case 'express-lockers':
      return perUnit(new D(stream.sites), new D(stream.annualFeePerSite), stream.rampUp);
    case 'property-service': {
      // billed households (or ㎡) × monthly fee × 12 × collection rate
      const units = new D(
        stream.billedUnits ?? (stream.basis === 'household' ? deal.scope.households : deal.scope.floorAreaM2 ?? 0),
      );
      const fee = new D(stream.monthlyFee).times(TWELVE);
      const collectionAt = createRamp(stream.collectionRate);
      return (_n, s, _y, pf) => {
        const volume = units.times(collectionAt(s));
        return { volume, amount: volume.times(fee).times(pf) };
      };
    }
    case 'space-leasing': {
      // ㎡ × occupancy × monthly rent per ㎡ × 12
      const area = new D(stream.areaM2);
      const rent = new D(stream.monthlyRentPerM2).times(TWELVE);
      const occupancyAt = createRamp(stream.occupancy);
      return (_n, s, _y, pf) => {
        const volume = area.times(occupancyAt(s));
        return { volume, amount: volume.times(rent).times(pf) };
      };
    }
    case 'custom': {
      const check = compileFormula(stream.formula, Object.keys(stream.inputs));
      const inputs = Object.fromEntries(Object.entries(stream.inputs).map(([k, v]) => [k, new D(v)]));
      const rampAt = createRamp(stream.rampUp);
      let reported = false;
      return (n, s, calendarYear, pf) => {
        const value = check.ok ? check.formula.evaluate({ ...inputs, n: new D(n), s: new D(s), calendarYear: new D(calendarYear) }) : new D(NaN);
        // A formula may produce any decimal; only 0 … 1万亿元 a year is a plausible revenue.
        if (!value.isFinite() || value.isNegative() || value.gt(MAX_AMOUNT)) {
          if (!reported) {
            problems.push({
              code: 'FORMULA_RESULT_INVALID',
              path: `${path}.formula`,
              message: `the formula gives ${value.isFinite() && value.abs().gt(MAX_AMOUNT) ? value.toExponential(3) : value.toString()} in operating year ${n}; it must give an amount in 元 from 0 to ${MAX_AMOUNT}`,
            });
            reported = true;
          }
          return { volume: ZERO, amount: ZERO };
        }
        const ramp = rampAt(s);
        return { volume: ramp, amount: value.times(ramp).times(pf) };
      };
    }
  }
}

/** units × price per unit × ramp (advertising panels, locker sites, kWh). */
function perUnit(units: D, unitPrice: D, ramp: readonly string[]): AmountFunction {
  const rampAt = createRamp(ramp);
  return (_n, s, _y, pf) => {
    const volume = units.times(rampAt(s));
    return { volume, amount: volume.times(unitPrice).times(pf) };
  };
}
