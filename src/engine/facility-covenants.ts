import type { Deal } from '../deal/deal-schema.js';
import type { DebtSource } from '../deal/funding-schema.js';
import { isBelowFloor } from './covenant-rule.js';
import type { FacilityCover } from './facility-cover.js';
import type { Warning } from './warnings.js';

/** The thresholds one facility is held to on its own cover; null where it has none. */
export interface FacilityCovenant {
  minDscr: string | null;
  minLlcr: string | null;
}

/**
 * A facility's own covenants (methodology §11.9): those the source states (`covenants` on the loan or
 * bond); else, for a bank loan, the deal's covenants.minDscr and covenants.minLlcr. A bond states its
 * own or has none here: its deal-level test is the 本息覆盖倍数 of §10.
 */
export function resolveFacilityCovenant(deal: Deal, source: DebtSource): FacilityCovenant {
  const own = source.covenants;
  const fallback = source.kind === 'bank-loan' ? deal.covenants : { minDscr: undefined, minLlcr: undefined };
  return { minDscr: own?.minDscr ?? fallback.minDscr ?? null, minLlcr: own?.minLlcr ?? fallback.minLlcr ?? null };
}

/**
 * Warnings for each loan or bond whose own DSCR (in a year) or LLCR (at its test date) falls below its
 * covenant by more than the covenant tolerance (covenant-rule.ts), naming the facility by its path in
 * funding.sources and the calendar years of the breach.
 */
export function flagFacilityCovenants(deal: Deal, facilities: readonly FacilityCover[], calendarYearOf: (t: number) => number): Warning[] {
  const flags: Warning[] = [];
  for (const f of facilities) {
    const k = deal.funding.sources.findIndex((s) => s.id === f.sourceId);
    const source = deal.funding.sources[k];
    if (source === undefined || (source.kind !== 'bank-loan' && source.kind !== 'special-bond')) continue;
    const covenant = resolveFacilityCovenant(deal, source);
    const path = `funding.sources[${k}]`;
    if (covenant.minDscr !== null) {
      const threshold = covenant.minDscr;
      const years = f.dscr.flatMap((v, t) => (v !== null && isBelowFloor(v, threshold) ? [calendarYearOf(t)] : []));
      if (years.length > 0) {
        flags.push({ code: 'FACILITY_DSCR_BELOW_MINIMUM', path, message: `${f.name} (${f.sourceId}): its own DSCR after the facility order is below ${threshold} in ${years.length} year(s), lowest ${f.minDscr!.toFixed(4)} in ${f.minDscrYear}`, years });
      }
    }
    if (covenant.minLlcr !== null && f.llcr !== null && isBelowFloor(f.llcr, covenant.minLlcr)) {
      flags.push({ code: 'FACILITY_LLCR_BELOW_MINIMUM', path, message: `${f.name} (${f.sourceId}): its own LLCR ${f.llcr.toFixed(4)} (tested at the start of ${f.llcrYear}, at its rate) is below ${covenant.minLlcr}`, years: [f.llcrYear!] });
    }
  }
  return flags;
}
