import type { Deal } from '../deal/deal-schema.js';
import { listEarlyOpenings } from './opening.js';

export interface TimelineYear {
  /** Year of the timeline, 1 … C + N. */
  t: number;
  calendarYear: number;
  /**
   * `construction-and-operation`: a construction year in which a stream, a cost or a work opened
   * early already operates (phased opening, methodology §10.11) — the statements show both.
   */
  phase: 'construction' | 'construction-and-operation' | 'operation';
  /** 1 … N in operation; null during construction. */
  operatingYear: number | null;
  /** Ids of the streams, costs and works whose phased opening falls in this year (methodology §10.11). */
  opening?: string[];
}

export interface Timeline {
  C: number;
  N: number;
  T: number;
  startYear: number;
  years: TimelineYear[];
  /** Index into yearly rows of operating year n (1-based): C + n − 1. */
  indexOfOperatingYear(n: number): number;
}

/**
 * Years t = 1 … C + N; calendar year = start year + t − 1 (methodology §2). From the earliest phased
 * opening to the last construction year, construction and operation overlap (methodology §10.11).
 */
export function buildTimeline(deal: Deal): Timeline {
  const { constructionYears: C, operatingYears: N, startYear } = deal.timeline;
  const openings = listEarlyOpenings(deal);
  const firstOpening = Math.min(...openings.map((o) => o.openingYear), Infinity);
  const years: TimelineYear[] = [];
  for (let t = 1; t <= C + N; t++) {
    const construction = t <= C;
    const calendarYear = startYear + t - 1;
    const year: TimelineYear = {
      t,
      calendarYear,
      phase: !construction ? 'operation' : calendarYear >= firstOpening ? 'construction-and-operation' : 'construction',
      operatingYear: construction ? null : t - C,
    };
    const opening = openings.filter((o) => o.openingYear === calendarYear).map((o) => o.id);
    if (opening.length > 0) year.opening = opening;
    years.push(year);
  }
  return { C, N, T: C + N, startYear, years, indexOfOperatingYear: (n) => C + n - 1 };
}
