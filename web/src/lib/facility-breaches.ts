/**
 * What the facilities table marks for the lender (methodology §11.9): each loan's or bond's own
 * thresholds, read from the evaluated deal as the engine resolves them (the facility's own
 * `covenants`, else for a bank loan the deal's covenants.minDscr / minLlcr; a bond only its own), and
 * the breaches as the engine reported them in its FACILITY_DSCR_BELOW_MINIMUM /
 * FACILITY_LLCR_BELOW_MINIMUM warnings (so the tolerance of the covenant test is the engine's, not
 * recomputed here).
 */
export interface FacilityBreaches {
  minDscr: string | null;
  minLlcr: string | null;
  dscrYears: number[];
  llcrBreached: boolean;
  llcrYears: number[];
}

interface Warning { code: string; path?: string; years?: number[] }

/** Collects, per facility id, its thresholds and the years its own DSCR or LLCR broke them. */
/** `deal` is the evaluated deal itself (the evaluation carries only its id and name). */
export function readFacilityBreaches(result: { deal?: any; warnings?: Warning[] }): Map<string, FacilityBreaches> {
  const sources: any[] = result.deal?.funding?.sources ?? [];
  const dealCovenants = result.deal?.covenants ?? {};
  const out = new Map<string, FacilityBreaches>();
  sources.forEach((source, k) => {
    if (source.kind !== 'bank-loan' && source.kind !== 'special-bond') return;
    const fallback = source.kind === 'bank-loan' ? dealCovenants : {};
    const path = `funding.sources[${k}]`;
    const flagged = (code: string) => (result.warnings ?? []).filter((w) => w.code === code && w.path === path);
    const llcr = flagged('FACILITY_LLCR_BELOW_MINIMUM');
    out.set(source.id, {
      minDscr: source.covenants?.minDscr ?? fallback.minDscr ?? null,
      minLlcr: source.covenants?.minLlcr ?? fallback.minLlcr ?? null,
      dscrYears: flagged('FACILITY_DSCR_BELOW_MINIMUM').flatMap((w) => w.years ?? []),
      llcrBreached: llcr.length > 0,
      llcrYears: llcr.flatMap((w) => w.years ?? []),
    });
  });
  return out;
}
