import type { D } from '../finance/decimal.js';
import { serializeBond } from './bonds/bond-to-wire.js';
import type { Evaluation } from './evaluate-deal.js';
import type { FacilityCover } from './facility-cover.js';
import type { Metrics } from './metrics.js';
import { totalOf, type Series } from './series.js';
import type { Statement } from './statement.js';

/** Decimal places of rates and ratios on the wire (IRR 0.0612345678). */
const RATE_PLACES = 10;
/** Decimal places of year counts (payback 12.3456 years). */
const YEAR_PLACES = 4;

/**
 * toFixed rounds with the configured half-even mode, so this is roundToFen(v).toFixed(2) in one step;
 * an amount that rounds to zero from below is "0.00", not "-0.00".
 */
export const formatFen = (v: D): string => {
  if (v.isZero()) return '0.00';
  const text = v.toFixed(2);
  return text === '-0.00' ? '0.00' : text;
};
const money = formatFen;
const moneyRow = (row: Series) => row.map(money);
const ratio = (v: D | null) => (v === null ? null : v.toFixed(RATE_PLACES));
const years = (v: D | null) => (v === null ? null : v.toFixed(YEAR_PLACES));
const amount = (v: D | null) => (v === null ? null : money(v));

const METRIC_FORMAT: Record<keyof Metrics, (v: D | null) => string | null> = {
  discountRate: ratio,
  projectIrrPreTax: ratio,
  projectIrrAfterTax: ratio,
  projectNpvPreTax: amount,
  projectNpvAfterTax: amount,
  programmeIrrPreTax: ratio,
  programmeIrrAfterTax: ratio,
  programmeNpvPreTax: amount,
  programmeNpvAfterTax: amount,
  paybackStaticYears: years,
  paybackDynamicYears: years,
  paybackStaticYearsPreTax: years,
  paybackDynamicYearsPreTax: years,
  constructionInvestment: amount,
  totalInvestment: amount,
  roi: ratio,
  roe: ratio,
  selfFinancingRatio: ratio,
  breakEvenParkingOccupancy: ratio,
  constructionInterest: amount,
  equityIrr: ratio,
  minDscr: ratio,
  avgDscr: ratio,
  minIcr: ratio,
  llcr: ratio,
  bondCoverageGross: ratio,
  bondCoverageNet: ratio,
  equityRatio: ratio,
  maxDebtToAssetRatio: ratio,
  constructionProfitAfterTax: amount,
  equityIrrWithConstructionProfit: ratio,
};

const ratioRow = (row: (D | null)[]) => row.map(ratio);

function serializeContributions(e: Evaluation) {
  const c = e.contributions;
  const part = (x: { nominal: D; pv: D; share: D }) => ({ nominal: money(x.nominal), pv: money(x.pv), share: ratio(x.share) });
  const perUnit = (rows: { party: string; amount: D }[] | null) => (rows === null ? null : rows.map((r) => ({ party: r.party, amount: money(r.amount) })));
  return {
    total: { nominal: money(c.total.nominal), pv: money(c.total.pv) },
    bySource: c.bySource.map((r) => ({ sourceId: r.sourceId, name: r.name, kind: r.kind, party: r.party, level: r.level, ...part(r) })),
    byParty: c.byParty.map((r) => ({ party: r.party, ...part(r) })),
    byLevel: c.byLevel.map((r) => ({ level: r.level, ...part(r) })),
    byCategory: c.byCategory.map((r) => ({ category: r.category, total: money(r.total), byParty: r.byParty.map((p) => ({ party: p.party, nominal: money(p.nominal) })) })),
    perHousehold: perUnit(c.perHousehold),
    perM2: perUnit(c.perM2),
    elevators: c.elevators.map((el) => ({
      item: el.itemId, elevators: el.elevators, floors: el.floors, costPerElevator: money(el.costPerElevator), subsidyPerElevator: money(el.subsidyPerElevator),
      residentsPerElevator: money(el.residentsPerElevator), otherPerElevator: money(el.otherPerElevator),
      byFloor: el.byFloor.map((fl) => ({ floor: fl.floor, coefficient: fl.coefficient.toString(), households: fl.households, floorTotal: money(fl.floorTotal), perHousehold: fl.perHousehold.map(money), providentFund: fl.providentFund.map(money) })),
    })),
  };
}

/** The cash waterfall (methodology §11): each step's yearly cash, the years it locked up or blocked, the returns on distributions. */
function serializeWaterfall(e: Evaluation) {
  const w = e.waterfall;
  const irr = (o: { rate: D | null }) => (o.rate === null ? null : ratio(o.rate));
  return {
    cashBefore: moneyRow(w.cashBefore),
    shortTerm: { rate: ratio(w.shortTerm.rate), interest: moneyRow(w.shortTerm.interest), repaid: moneyRow(w.shortTerm.repaid), drawn: moneyRow(w.shortTerm.drawn), closing: moneyRow(w.shortTerm.closing) },
    dsra: {
      target: moneyRow(w.dsra.target), equityAtClose: moneyRow(w.dsra.equityAtClose), deposit: moneyRow(w.dsra.deposit),
      release: moneyRow(w.dsra.release), draw: moneyRow(w.dsra.draw), closing: moneyRow(w.dsra.closing),
    },
    mmra: { target: moneyRow(w.mmra.target), deposit: moneyRow(w.mmra.deposit), release: moneyRow(w.mmra.release), closing: moneyRow(w.mmra.closing) },
    lockedUp: w.lockedUp,
    // The sweeps (methodology §11.11): the cash offered, the total prepaid and each loan's part, in the order given.
    ...(w.sweep ? { sweep: {
      available: moneyRow(w.sweep.available), prepayment: moneyRow(w.sweep.prepayment),
      loans: w.sweep.loans.map((l) => ({ sourceId: l.sourceId, share: ratio(l.share), mode: l.mode, prepayment: moneyRow(l.prepayment) })),
      // One swept loan: its terms also where engine 0.3.4 put them (sweep.sourceId, share, mode), for clients read against that form.
      ...(w.sweep.loans.length === 1 ? { sourceId: w.sweep.loans[0]!.sourceId, share: ratio(w.sweep.loans[0]!.share), mode: w.sweep.loans[0]!.mode } : {}),
    } } : {}),
    distributableProfit: moneyRow(w.distributableProfit),
    distributions: moneyRow(w.distributions),
    undistributed: moneyRow(w.undistributed),
    freeCash: moneyRow(w.freeCash),
    lockUpYears: w.lockUpYears,
    blockedYears: w.blockedYears,
    dsraDrawYears: w.dsraDrawYears,
    survivalFailures: w.survivalFailures,
    returns: {
      received: moneyRow(w.returns.received), paidIn: moneyRow(w.returns.paidIn), irr: irr(w.returns.irr),
      note: w.returns.irr.rate === null ? w.returns.irr.reason : undefined,
      shareholders: w.returns.shareholders.map((s) => ({ sourceId: s.sourceId, investor: s.investor, share: ratio(s.share), distributions: moneyRow(s.distributions), irr: irr(s.irr) })),
    },
  };
}

function serializeStatement(s: Statement) {
  return {
    key: s.key,
    zh: s.zh,
    en: s.en,
    rows: s.rows.map((r) => ({ key: r.key, no: r.no, zh: r.zh, en: r.en, values: r.unit === 'ratio' ? r.values.map(ratio) : moneyRow(r.values), ...(r.unit ? { unit: r.unit } : {}), total: r.total === null ? null : money(r.total) })),
  };
}

/** A facility's own cover (methodology §11.9): its rank in the order of service, DSCR by year, min and average, LLCR and PLCR with their test year. */
function serializeFacilityCover(c: FacilityCover) {
  return {
    sourceId: c.sourceId, rank: c.rank, minDscr: ratio(c.minDscr), minDscrYear: c.minDscrYear, avgDscr: ratio(c.avgDscr),
    llcr: ratio(c.llcr), llcrYear: c.llcrYear, plcr: ratio(c.plcr), plcrYear: c.plcrYear, finalMaturityYear: c.finalMaturityYear,
    covenant: {
      minDscr: c.covenant.minDscr, minLlcr: c.covenant.minLlcr,
      dscrBreachYears: c.covenant.dscrBreachYears, llcrBreachYears: c.covenant.llcrBreachYears,
    },
    dscr: ratioRow(c.dscr), available: moneyRow(c.available), service: moneyRow(c.service), ...(c.note ? { note: c.note } : {}),
  };
}

/**
 * The evaluation as JSON for the CLI and the HTTP API: decimals as strings (DESIGN.md), money rounded
 * to the 分 half-even at this edge only (methodology §8), rates to 10 places, years to 4.
 */
export function serializeEvaluation(e: Evaluation) {
  const p = e.projection;
  const metrics = Object.fromEntries(
    (Object.keys(METRIC_FORMAT) as (keyof Metrics)[]).map((k) => [k, METRIC_FORMAT[k](e.metrics[k])]),
  ) as Record<keyof Metrics, string | null>;
  return {
    engineVersion: e.engineVersion,
    asOf: e.asOf,
    deal: e.deal,
    years: e.years,
    metrics,
    metricNotes: e.metricNotes,
    statements: Object.fromEntries(Object.entries(e.statements).map(([k, st]) => [k, serializeStatement(st)])) as Record<keyof Evaluation['statements'], ReturnType<typeof serializeStatement>>,
    debt: {
      dscr: ratioRow(e.debt.dscr),
      icr: ratioRow(e.debt.icr),
      llcr: ratioRow(e.debt.llcr),
      coverage: {
        bondGross: ratio(e.debt.coverage.bondGross),
        bondNet: ratio(e.debt.coverage.bondNet),
        allDebtGross: ratio(e.debt.coverage.allDebtGross),
        allDebtNet: ratio(e.debt.coverage.allDebtNet),
      },
      survivalFailures: e.debt.survivalFailures,
      investors: e.debt.investors.map((i) => ({
        sourceId: i.sourceId, investor: i.investor, contributed: money(i.contributed), profitShare: ratio(i.profitShare),
        irr: i.irr.rate === null ? null : ratio(i.irr.rate), note: i.irr.rate === null ? i.irr.reason : undefined,
      })),
      facilities: e.financing.debts.map((d) => ({
        id: d.source.id, name: d.source.name, kind: d.source.kind, rate: ratio(d.rate),
        drawn: money(totalOf(d.draw)), capitalisedInterest: money(totalOf(d.capitalisedInterest)),
        ...serializeFacilityCover(e.debt.facilities.find((c) => c.sourceId === d.source.id)!),
      })),
      iterations: e.financing.iterations,
    },
    funding: e.financing.funding.sources.map((a) => ({
      sourceId: a.source.id, name: a.source.name, kind: a.source.kind, total: moneyRow(a.total),
      byItem: Object.fromEntries([...a.byItem].map(([id, row]) => [id, moneyRow(row)])),
    })),
    bonds: e.bonds.map(serializeBond),
    waterfall: serializeWaterfall(e),
    contributions: serializeContributions(e),
    fiscal: e.fiscal.levels.map((l) => ({
      level: l.level, outflows: money(totalOf(l.outflows)), inflows: money(totalOf(l.inflows)), net: money(totalOf(l.net)),
      pv: { outflows: money(l.pv.outflows), inflows: money(l.pv.inflows), net: money(l.pv.net) },
    })),
    schedules: {
      capex: p.capex.lines.map((l) => ({
        id: l.item.id, name: l.item.name, category: l.item.category, kind: l.item.kind, owner: l.item.owner,
        gross: moneyRow(l.gross), creditableVat: moneyRow(l.creditableVat), depreciableBase: money(l.depreciableBase),
      })),
      revenue: p.revenue.lines.map((l) => ({
        id: l.stream.id, name: l.stream.name, driver: l.stream.driver, countsForDebtService: l.stream.countsForDebtService,
        volume: l.volume.map((v) => v.toDecimalPlaces(4).toString()), net: moneyRow(l.net), outputVat: moneyRow(l.outputVat),
      })),
      opex: [...p.opex.lines, ...p.opex.sustaining].map((l) => ({
        id: l.id, name: l.name, kind: l.kind, gross: moneyRow(l.gross), inputVat: moneyRow(l.inputVat), net: moneyRow(l.net),
        inputVatNotCredited: moneyRow(l.inputVatNotCredited),
      })),
      vat: {
        outputVat: moneyRow(p.revenue.outputVat),
        payable: moneyRow(p.vat.payable),
        creditCarried: moneyRow(p.vat.creditCarried),
        surcharges: moneyRow(p.vat.surcharges),
        // Input VAT of operating costs and renewals not credited for exempt services (methodology §9).
        inputVatNotCredited: moneyRow(p.opex.inputVatNotCredited),
      },
      depreciation: p.depreciation.lines.map((l) => ({
        id: l.id, name: l.name, base: money(l.base), residual: money(l.residual), years: l.years, charge: moneyRow(l.charge),
      })),
    },
    warnings: e.warnings,
    problems: [],
  };
}

/** The evaluation as the API sends it (decimals as strings): what the PDF term sheet is built from. */
export type WireEvaluation = ReturnType<typeof serializeEvaluation>;
