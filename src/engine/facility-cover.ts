import type { Deal } from '../deal/deal-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import { resolveFacilityCovenant, testFacilityCovenant, type FacilityCovenantTest } from './facility-covenants.js';
import type { Financing } from './finance-deal.js';
import { orderFacilities, serveFacilitiesInOrder, type FacilityServing } from './facility-order.js';
import type { Projection } from './project-deal.js';
import type { Series } from './series.js';

/** One loan's or bond's own cover (methodology §11.9). */
export interface FacilityCover {
  sourceId: string;
  name: string;
  kind: 'bank-loan' | 'special-bond';
  /** 1 = served first from CFADS. */
  rank: number;
  rate: D;
  /** CFADS available to the facility: CFADS less what the facilities ranked before it were paid. */
  available: Series;
  /** Its own debt service (interest paid + principal). */
  service: Series;
  /** available / service in operating years with service; null elsewhere. */
  dscr: (D | null)[];
  minDscr: D | null;
  minDscrYear: number | null;
  avgDscr: D | null;
  /** PV at the facility's rate of what is available to it, to its last maturity / its balance at the test date. */
  llcr: D | null;
  llcrYear: number | null;
  /** The same to the end of operation. */
  plcr: D | null;
  plcrYear: number | null;
  /** Calendar year of its last debt service. */
  finalMaturityYear: number | null;
  /** Its covenant thresholds (its own, else a loan's deal-level ones) and the years its cover breaches them. */
  covenant: FacilityCovenantTest;
  note?: string;
}

/**
 * Each facility's DSCR, LLCR and PLCR after the waterfall's order of service (methodology §11.9):
 * DSCR_k,t = available_k,t / service_k,t with available_k,t = CFADS_t − Σ_{j ranked before k} paid_j,t;
 * at the test date t₀ (the start of the first operating year in which the facility has a balance),
 * LLCR_k = Σ_{t₀ ≤ t ≤ last service} available_k,t / (1 + r_k)^(t − t₀ + 1) / opening balance_k,t₀,
 * PLCR_k the same sum to the last operating year. CFADS is the financing's, after 临时借款 interest
 * and net of the VAT credited on 维持运营投资 (§4.5).
 */
export function computeFacilityCover(deal: Deal, p: Projection, f: Financing): FacilityCover[] {
  const { C } = p.timeline;
  const served = serveFacilitiesInOrder(orderFacilities(deal, f.debts), f.cfads, C);
  const calendar = (t: number) => p.timeline.years[t]!.calendarYear;
  return served.map((s, k) => {
    const cover = coverOf(s, k + 1, p);
    return { ...cover, covenant: testFacilityCovenant(resolveFacilityCovenant(deal, s.debt.source), cover, calendar) };
  });
}

function coverOf({ debt, available }: FacilityServing, rank: number, p: Projection): Omit<FacilityCover, 'covenant'> {
  const { T, C } = p.timeline;
  const calendar = (t: number) => p.timeline.years[t]!.calendarYear;
  const service = debt.debtService;
  const dscr = service.map((ds, t) => (t >= C && ds.isPositive() && !ds.isZero() ? available[t]!.div(ds) : null));
  let minAt = -1;
  let sum = ZERO;
  let count = 0;
  dscr.forEach((v, t) => {
    if (v === null) return;
    if (minAt < 0 || v.lt(dscr[minAt]!)) minAt = t;
    sum = sum.plus(v);
    count += 1;
  });
  const last = service.reduce((at, v, t) => (v.isZero() ? at : t), -1);
  let t0 = -1;
  for (let t = C; t < T && t0 < 0; t++) if (debt.opening[t]!.isPositive() && !debt.opening[t]!.isZero() && t <= last) t0 = t;
  const base = {
    sourceId: debt.source.id, name: debt.source.name, kind: debt.source.kind, rank, rate: debt.rate, available, service, dscr,
    minDscr: minAt < 0 ? null : dscr[minAt]!, minDscrYear: minAt < 0 ? null : calendar(minAt), avgDscr: count === 0 ? null : sum.div(count),
    finalMaturityYear: last < 0 ? null : calendar(last),
  };
  if (t0 < 0) return { ...base, llcr: null, llcrYear: null, plcr: null, plcrYear: null, note: 'no balance is outstanding in an operating year: no LLCR or PLCR' };
  const discountTo = (end: number) => {
    let pv = ZERO;
    let factor = new D(1);
    for (let t = t0; t <= end; t++) {
      factor = factor.div(debt.rate.plus(1));
      pv = pv.plus(available[t]!.times(factor));
    }
    return pv.div(debt.opening[t0]!);
  };
  return { ...base, llcr: discountTo(last), llcrYear: calendar(t0), plcr: discountTo(T - 1), plcrYear: calendar(t0) };
}
