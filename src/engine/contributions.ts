import { CAPEX_CATEGORIES } from '../deal/capex-schema.js';
import type { Deal } from '../deal/deal-schema.js';
import { GOVERNMENT_LEVELS, GRANT_LEVEL, type FundingSource, type GovernmentLevel } from '../deal/funding-schema.js';
import { allocateLargestRemainder } from '../finance/allocate-largest-remainder.js';
import { D, ZERO, roundToFen } from '../finance/decimal.js';
import type { ElevatorShares } from './elevator-shares.js';
import type { CapexFunding } from './fund-capex.js';
import { computeDiscountFactors, discountSeries, sumSeries, totalOf } from './series.js';

/** Who ends up paying (methodology §5): a bank loan is the investor's, repaid from its project; a special bond the issuing government's. */
export const PARTIES = ['government', 'utility', 'property-rights-unit', 'residents', 'investor', 'donor'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_ZH: Record<Party, string> = {
  government: '政府', utility: '管线专营单位', 'property-rights-unit': '产权单位', residents: '居民', investor: '社会资本（投资方）', donor: '捐赠',
};

export function partyOf(source: FundingSource): Party {
  switch (source.kind) {
    case 'utility': return 'utility';
    case 'property-rights-unit': return 'property-rights-unit';
    case 'residents': return 'residents';
    case 'investor-equity': case 'bank-loan': return 'investor';
    case 'donation': return 'donor';
    default: return 'government';
  }
}

export function levelOf(source: FundingSource): GovernmentLevel | null {
  if (source.kind === 'special-bond') return source.level;
  return source.kind in GRANT_LEVEL ? GRANT_LEVEL[source.kind as keyof typeof GRANT_LEVEL] : null;
}

/** An amount in nominal 元 and at present value, and its share of the total. */
export interface Contribution {
  nominal: D;
  pv: D;
  share: D;
}

export interface Contributions {
  total: { nominal: D; pv: D };
  bySource: ({ sourceId: string; name: string; kind: FundingSource['kind']; party: Party; level: GovernmentLevel | null } & Contribution)[];
  byParty: ({ party: Party } & Contribution)[];
  byLevel: ({ level: GovernmentLevel } & Contribution)[];
  byCategory: { category: (typeof CAPEX_CATEGORIES)[number]; total: D; byParty: { party: Party; nominal: D }[] }[];
  perHousehold: { party: Party; amount: D }[] | null;
  perM2: { party: Party; amount: D }[] | null;
  elevators: ElevatorShares[];
}

/** Decimal places of contribution shares: 0.000001 = 0.0001%. */
const SHARE_UNIT = '0.000001';

/**
 * The contribution distribution of methodology §5 over 建设投资: by source, party, government level and
 * capex category, per household and per ㎡, nominal and PV at the deal's discount rate. Nominal amounts
 * are sums of whole-分 allocations; PVs, shares and per-unit figures are allocated by largest remainder
 * so that every breakdown adds up exactly to its total.
 */
export function allocateContributions(deal: Deal, funding: CapexFunding): Contributions {
  const T = funding.sources[0]?.total.length ?? 0;
  const factors = computeDiscountFactors(new D(deal.discountRate), T);
  const nominalTotal = totalOf(sumSeries(T, funding.sources.map((s) => s.total)));
  const pvExact = funding.sources.map((s) => discountSeries(s.total, factors));
  const pvTotal = roundToFen(pvExact.reduce((a, b) => a.plus(b), ZERO));
  const spread = (total: D, weights: D[], unit = '0.01') => (weights.every((w) => w.isZero()) ? weights.map(() => ZERO) : allocateLargestRemainder(total, weights, unit));
  const nominals = funding.sources.map((s) => totalOf(s.total));
  const pvs = spread(pvTotal, pvExact);
  const shares = spread(nominalTotal.isZero() ? ZERO : new D(1), nominals, SHARE_UNIT);
  const bySource = funding.sources.map((s, k) => ({
    sourceId: s.source.id, name: s.source.name, kind: s.source.kind, party: partyOf(s.source), level: levelOf(s.source),
    nominal: nominals[k]!, pv: pvs[k]!, share: shares[k]!,
  }));
  const group = <K>(keys: readonly K[], keyOf: (row: (typeof bySource)[number]) => K | null) =>
    keys.map((key) => {
      const rows = bySource.filter((r) => keyOf(r) === key);
      return { key, nominal: rows.reduce((s, r) => s.plus(r.nominal), ZERO), pv: rows.reduce((s, r) => s.plus(r.pv), ZERO), share: rows.reduce((s, r) => s.plus(r.share), ZERO) };
    });
  const byParty = group(PARTIES, (r) => r.party).map(({ key, ...c }) => ({ party: key, ...c }));
  const byLevel = group(GOVERNMENT_LEVELS, (r) => r.level).map(({ key, ...c }) => ({ level: key, ...c }));
  const byCategory = CAPEX_CATEGORIES.map((category) => {
    const items = new Set(deal.capex.filter((c) => c.category === category).map((c) => c.id));
    const partyAmounts = PARTIES.map((party) => ({
      party,
      nominal: funding.sources
        .filter((s) => partyOf(s.source) === party)
        .reduce((sum, s) => sum.plus([...s.byItem].filter(([id]) => items.has(id)).reduce((a, [, row]) => a.plus(totalOf(row)), ZERO)), ZERO),
    }));
    return { category, total: partyAmounts.reduce((s, p) => s.plus(p.nominal), ZERO), byParty: partyAmounts };
  });
  const perUnit = (units: D | null) => {
    if (units === null || units.isZero()) return null;
    const amounts = spread(roundToFen(nominalTotal.div(units)), byParty.map((p) => p.nominal));
    return byParty.map((p, k) => ({ party: p.party, amount: amounts[k]! }));
  };
  return {
    total: { nominal: nominalTotal, pv: pvTotal },
    bySource,
    byParty,
    byLevel,
    byCategory,
    // No households (0) gives null, as no floor area does: perUnit refuses a zero count.
    perHousehold: perUnit(new D(deal.scope.households)),
    perM2: perUnit(deal.scope.floorAreaM2 === undefined ? null : new D(deal.scope.floorAreaM2)),
    elevators: funding.elevators,
  };
}
