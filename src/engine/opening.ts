import type { Deal } from '../deal/deal-schema.js';
import type { D } from '../finance/decimal.js';

/** What the opening years of a deal need to know of its timeline. */
interface TimelineFrame {
  C: number;
  startYear: number;
  indexOfOperatingYear(n: number): number;
}

/**
 * Index (0-based, t − 1) of the first year a stream earns or a cost is paid (methodology §10.11): its
 * opening year during construction, t = openingYear − startYear + 1; else operating year
 * `startOperatingYear`, t = C + n.
 */
export function findFirstYearIndex(timeline: TimelineFrame, openingYear: number | undefined, startOperatingYear: number): number {
  return openingYear === undefined ? timeline.indexOfOperatingYear(startOperatingYear) : openingYear - timeline.startYear;
}

/** Index of the year a work enters service: its opening year, else the first operating year (t = C + 1). */
export function findInServiceIndex(timeline: TimelineFrame, openingYear: number | undefined): number {
  return findFirstYearIndex(timeline, openingYear, 1);
}

/** Operating year n of row index i: n = t − C, so 0, −1, … in the construction years of a phased opening. */
export function operatingYearAt(timeline: TimelineFrame, i: number): number {
  return i - timeline.C + 1;
}

/**
 * The escalation factor of operating year n; a year of operation before the first operating year
 * (phased opening) pays the prices of operating year 1 — escalation counts from the first operating
 * year of the deal (methodology §2, §10.11).
 */
export function factorOfYear(factors: readonly D[], n: number): D {
  return factors[Math.max(n, 1) - 1]!;
}

/** Every line of the deal that opens during construction: its id and its opening (calendar) year. */
export function listEarlyOpenings(deal: Deal): { id: string; openingYear: number }[] {
  return [...deal.revenue, ...deal.capex, ...deal.opex.fixed].flatMap((line) =>
    line.openingYear === undefined ? [] : [{ id: line.id, openingYear: line.openingYear }],
  );
}
