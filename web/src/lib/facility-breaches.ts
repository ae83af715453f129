/**
 * What the facilities table marks for the lender (methodology §11.9): each loan's or bond's own
 * thresholds and the years its own DSCR or LLCR broke them, exactly as the engine resolved and tested
 * them (debt.facilities[].covenant: the facility's own covenants, else for a bank loan the deal's; a
 * bond only its own; the tolerance of the covenant test is the engine's, not recomputed here).
 */
export interface FacilityBreaches {
  minDscr: string | null;
  minLlcr: string | null;
  dscrYears: number[];
  llcrBreached: boolean;
  llcrYears: number[];
}

interface FacilityWithCovenant {
  id?: string;
  sourceId?: string;
  covenant?: { minDscr: string | null; minLlcr: string | null; dscrBreachYears: number[]; llcrBreachYears: number[] };
}

/** Per facility id, its thresholds and breach years from the evaluation's own covenant test. */
export function readFacilityBreaches(facilities: readonly FacilityWithCovenant[]): Map<string, FacilityBreaches> {
  const out = new Map<string, FacilityBreaches>();
  for (const f of facilities) {
    const id = f.id ?? f.sourceId;
    if (!id || !f.covenant) continue;
    const c = f.covenant;
    out.set(id, { minDscr: c.minDscr, minLlcr: c.minLlcr, dscrYears: [...c.dscrBreachYears], llcrBreached: c.llcrBreachYears.length > 0, llcrYears: [...c.llcrBreachYears] });
  }
  return out;
}
