import { D } from '../finance/decimal.js';
import type { CapexItem } from './capex-schema.js';
import type { Deal } from './deal-schema.js';
import type { Problem } from './problem.js';
import type { RevenueStream } from './revenue-schema.js';

/** What the checks of phased openings need; a section that did not parse is undefined and its checks are skipped. */
export interface OpeningParts {
  timeline?: Deal['timeline'];
  /** Parsed capex items with their index; `complete` when every item parsed (references are checked then only). */
  capex: [CapexItem, number][];
  capexComplete: boolean;
  revenue: [RevenueStream, number][];
  fixedCosts?: Deal['opex']['fixed'];
}

/**
 * Phased opening (methodology §10.11). An opening year is a calendar year of construction
 * (start year … start year + C − 1): a later start is an operating year (startOperatingYear), and the
 * two are not given together. A work's spending is done by its opening year (no phasing share after
 * it). A stream that opens early needs the works that serve it (capex servesStreams) in service by
 * its opening year.
 */
export function validateOpenings(parts: OpeningParts): Problem[] {
  const problems: Problem[] = [];
  const timeline = parts.timeline;
  if (timeline === undefined) return problems;
  const { startYear, constructionYears: C } = timeline;
  const lastConstructionYear = startYear + C - 1;
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });

  /** The opening year inside the construction years, and not with a start operating year of its own. */
  const checkYear = (openingYear: number, startOperatingYear: number | undefined, path: string): boolean => {
    if (openingYear < startYear || openingYear > lastConstructionYear) {
      const later = openingYear > lastConstructionYear;
      add(
        'OPENING_YEAR_OUT_OF_RANGE',
        `${path}.openingYear`,
        later && startOperatingYear === undefined
          ? `${openingYear} is not a construction year (${startYear}–${lastConstructionYear}); a work without an opening year enters service after construction (${lastConstructionYear + 1})`
          : later
          ? `${openingYear} is not a construction year (${startYear}–${lastConstructionYear}); a start after construction is an operating year: ${openingYear - lastConstructionYear > timeline.operatingYears ? `operation ends in ${lastConstructionYear + timeline.operatingYears}` : `give startOperatingYear ${openingYear - lastConstructionYear} instead`}`
          : `${openingYear} is before construction starts (${startYear}); an opening year is one of the construction years ${startYear}–${lastConstructionYear}`,
      );
      return false;
    }
    if (startOperatingYear !== undefined && startOperatingYear !== 1) {
      add('CONFLICTING_FIELDS', `${path}.openingYear`, `give either an opening year during construction or startOperatingYear (${startOperatingYear}), not both`);
      return false;
    }
    return true;
  };

  // Works: in service in their opening year, so nothing of them is spent later.
  const inService = new Map<string, number>();
  for (const [item, i] of parts.capex) {
    if (item.openingYear === undefined) continue;
    if (!checkYear(item.openingYear, undefined, `capex[${i}]`)) continue;
    inService.set(item.id, item.openingYear);
    const phasing = item.phasing ?? timeline.capexPhasing;
    const shares = phasing?.length === C ? phasing.map((x) => new D(x)) : new Array<D>(C).fill(new D(1).div(C));
    const openedAt = item.openingYear - startYear;
    const later = shares.flatMap((share, c) => (c > openedAt && !share.isZero() ? [`${startYear + c}: ${share.toString()}`] : []));
    if (later.length > 0) {
      add(
        'OPENING_BEFORE_WORKS_DONE',
        `capex[${i}].openingYear`,
        `${item.name} opens in ${item.openingYear} but is still being built after it (phasing ${later.join(', ')}${item.phasing ? '' : ', the timeline’s phasing'}); give it a phasing that ends by its opening year`,
      );
    }
  }

  for (const [stream, i] of parts.revenue) {
    if (stream.openingYear === undefined) continue;
    if (!checkYear(stream.openingYear, stream.startOperatingYear, `revenue[${i}]`)) continue;
    if (!parts.capexComplete) continue;
    for (const [item, j] of parts.capex) {
      if (!item.servesStreams?.includes(stream.id)) continue;
      const opens = inService.get(item.id);
      if (opens !== undefined && opens <= stream.openingYear) continue;
      add(
        'OPENING_BEFORE_WORKS_IN_SERVICE',
        `revenue[${i}].openingYear`,
        `${stream.name} opens in ${stream.openingYear}, but capex[${j}] ${item.name}, which serves it, enters service ${opens === undefined ? `after construction (${lastConstructionYear + 1})` : `in ${opens}`}; give that work an openingYear by ${stream.openingYear} or open the stream later`,
      );
    }
  }

  parts.fixedCosts?.forEach((cost, i) => {
    if (cost.openingYear !== undefined) checkYear(cost.openingYear, cost.startOperatingYear, `opex.fixed[${i}]`);
  });
  return problems;
}
