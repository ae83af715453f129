import type { Deal } from '../deal/deal-schema.js';

export interface TimelineYear {
  /** Year of the timeline, 1 … C + N. */
  t: number;
  calendarYear: number;
  phase: 'construction' | 'operation';
  /** 1 … N in operation; null during construction. */
  operatingYear: number | null;
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

/** Years t = 1 … C + N; calendar year = start year + t − 1 (methodology §2). */
export function buildTimeline(deal: Deal): Timeline {
  const { constructionYears: C, operatingYears: N, startYear } = deal.timeline;
  const years: TimelineYear[] = [];
  for (let t = 1; t <= C + N; t++) {
    const construction = t <= C;
    years.push({
      t,
      calendarYear: startYear + t - 1,
      phase: construction ? 'construction' : 'operation',
      operatingYear: construction ? null : t - C,
    });
  }
  return { C, N, T: C + N, startYear, years, indexOfOperatingYear: (n) => C + n - 1 };
}
