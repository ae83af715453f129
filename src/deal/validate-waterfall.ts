import type { Deal } from './deal-schema.js';
import { isDebtSource } from './funding-schema.js';
import type { Problem } from './problem.js';

/**
 * Cross-field checks of the waterfall (methodology §11.9): the facility order names each loan or bond
 * of funding.sources at most once.
 */
export function validateWaterfall(waterfall: Deal['waterfall'], funding: Deal['funding']): Problem[] {
  const problems: Problem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const sources = new Map(funding.sources.map((s) => [s.id, s]));
  const seen = new Set<string>();
  (waterfall.facilityOrder ?? []).forEach((id, i) => {
    const path = `waterfall.facilityOrder[${i}]`;
    const source = sources.get(id);
    if (!source) add('UNKNOWN_REFERENCE', path, `no funding source has id "${id}"`);
    else if (!isDebtSource(source)) add('WRONG_SOURCE_KIND', path, `source "${id}" is ${source.kind}; the facility order lists bank loans and special bonds`);
    else if (seen.has(id)) add('DUPLICATE_ID', path, `facility "${id}" is listed more than once`);
    seen.add(id);
  });
  return problems;
}
