import type { Deal } from '../deal/deal-schema.js';
import type { DebtSource } from '../deal/funding-schema.js';
import type { D } from '../finance/decimal.js';
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

/** A facility's covenants and the calendar years its own cover breaches them (beyond the covenant tolerance). */
export interface FacilityCovenantTest extends FacilityCovenant {
  /** Years its own DSCR is below minDscr; empty when it has no DSCR covenant or meets it. */
  dscrBreachYears: number[];
  /** The LLCR test year when its LLCR is below minLlcr; empty otherwise. */
  llcrBreachYears: number[];
}

/**
 * Test a facility's own DSCR in each year and its LLCR at its test date against its covenants
 * (methodology §11.9), with the tolerance of covenant-rule.ts.
 */
export function testFacilityCovenant(
  covenant: FacilityCovenant,
  cover: { dscr: readonly (D | null)[]; llcr: D | null; llcrYear: number | null },
  calendarYearOf: (t: number) => number,
): FacilityCovenantTest {
  const threshold = covenant.minDscr;
  const dscrBreachYears = threshold === null ? [] : cover.dscr.flatMap((v, t) => (v !== null && isBelowFloor(v, threshold) ? [calendarYearOf(t)] : []));
  const llcrBreaches = covenant.minLlcr !== null && cover.llcr !== null && cover.llcrYear !== null && isBelowFloor(cover.llcr, covenant.minLlcr);
  return { ...covenant, dscrBreachYears, llcrBreachYears: llcrBreaches ? [cover.llcrYear!] : [] };
}

/**
 * Warnings for each loan or bond whose own DSCR (in a year) or LLCR (at its test date) falls below its
 * covenant by more than the covenant tolerance (covenant-rule.ts), naming the facility by its path in
 * funding.sources and the calendar years of the breach.
 */
export function flagFacilityCovenants(deal: Deal, facilities: readonly FacilityCover[]): Warning[] {
  const flags: Warning[] = [];
  for (const f of facilities) {
    const k = deal.funding.sources.findIndex((s) => s.id === f.sourceId);
    const path = `funding.sources[${k}]`;
    const { covenant } = f;
    if (covenant.dscrBreachYears.length > 0) {
      const years = covenant.dscrBreachYears;
      flags.push({ code: 'FACILITY_DSCR_BELOW_MINIMUM', path, message: `${f.name} (${f.sourceId}): its own DSCR after the facility order is below ${covenant.minDscr} in ${years.length} year(s), lowest ${f.minDscr!.toFixed(4)} in ${f.minDscrYear}`, years: [...years] });
    }
    if (covenant.llcrBreachYears.length > 0) {
      flags.push({ code: 'FACILITY_LLCR_BELOW_MINIMUM', path, message: `${f.name} (${f.sourceId}): its own LLCR ${f.llcr!.toFixed(4)} (tested at the start of ${f.llcrYear}, at its rate) is below ${covenant.minLlcr}`, years: [...covenant.llcrBreachYears] });
    }
  }
  return flags;
}
