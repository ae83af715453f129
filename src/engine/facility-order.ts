import type { Deal } from '../deal/deal-schema.js';
import { D, ZERO } from '../finance/decimal.js';
import type { DebtSchedule } from './debt-schedule.js';
import type { Series } from './series.js';

/**
 * The order facilities are served from CFADS (methodology §11.9): those `waterfall.facilityOrder`
 * lists, in its order; then the rest, special bonds first (a bond is served from its earmarked income
 * before the loans, 自求平衡), then bank loans, each in the deal's order.
 */
export function orderFacilities<F extends { source: { id: string; kind: string } }>(deal: Deal, debts: F[]): F[] {
  const listed = (deal.waterfall.facilityOrder ?? []).flatMap((id) => debts.filter((d) => d.source.id === id));
  const rest = debts.filter((d) => !listed.includes(d));
  return [...listed, ...rest.filter((d) => d.source.kind === 'special-bond'), ...rest.filter((d) => d.source.kind !== 'special-bond')];
}

/** What each facility in the order is offered and paid of CFADS in each year. */
export interface FacilityServing {
  debt: DebtSchedule;
  /** CFADS available to the facility: CFADS less what the facilities ranked before it were paid. */
  available: Series;
  /** Paid from CFADS: a loan its whole service in operating years (a shortfall is the waterfall's), a bond what is available of its service. */
  paid: Series;
}

/**
 * Serve the facilities from CFADS in their order (methodology §11.9), each year: available_k =
 * CFADS − Σ_{j<k} paid_j; a loan is paid its service in the operating years (construction-period
 * interest paid comes from 项目资本金, not CFADS); a bond is paid min(service, max(0, available)), the
 * rest is left to its issuer. With the bonds first this is min(Σ bond service, max(0, CFADS)). A bond's
 * service from CFADS may leave out construction coupons the project funds by choice (`serviceOf`, §10.5).
 */
export function serveFacilitiesInOrder(ordered: DebtSchedule[], cfads: Series, C: number, serviceOf: (d: DebtSchedule) => Series = (d) => d.debtService): FacilityServing[] {
  const remaining = [...cfads];
  return ordered.map((debt) => {
    const available = [...remaining];
    const paid = serviceOf(debt).map((service, t) => {
      if (service.isZero()) return ZERO;
      if (debt.source.kind === 'special-bond') return D.max(ZERO, D.min(service, remaining[t]!));
      return t >= C ? service : ZERO;
    });
    paid.forEach((v, t) => { remaining[t] = remaining[t]!.minus(v); });
    return { debt, available, paid };
  });
}
