import type { D } from '../finance/decimal.js';
import { roundToFen } from '../finance/decimal.js';
import type { Evaluation } from './evaluate-deal.js';
import type { Metrics } from './metrics.js';
import type { Series } from './series.js';
import type { Statement } from './statement.js';

/** Decimal places of rates and ratios on the wire (IRR 0.0612345678). */
const RATE_PLACES = 10;
/** Decimal places of year counts (payback 12.3456 years). */
const YEAR_PLACES = 4;

const money = (v: D) => roundToFen(v).toFixed(2);
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
};

function serializeStatement(s: Statement) {
  return {
    key: s.key,
    zh: s.zh,
    en: s.en,
    rows: s.rows.map((r) => ({ key: r.key, no: r.no, zh: r.zh, en: r.en, values: moneyRow(r.values), total: r.total === null ? null : money(r.total) })),
  };
}

/**
 * The evaluation as JSON for the CLI and the HTTP API: decimals as strings (DESIGN.md), money rounded
 * to the 分 half-even at this edge only (FINANCE.md §8), rates to 10 places, years to 4.
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
    statements: {
      projectCashFlow: serializeStatement(e.statements.projectCashFlow),
      profitAndLoss: serializeStatement(e.statements.profitAndLoss),
    },
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
      })),
      vat: {
        outputVat: moneyRow(p.revenue.outputVat),
        payable: moneyRow(p.vat.payable),
        creditCarried: moneyRow(p.vat.creditCarried),
        surcharges: moneyRow(p.vat.surcharges),
      },
      depreciation: p.depreciation.lines.map((l) => ({
        id: l.id, name: l.name, base: money(l.base), residual: money(l.residual), years: l.years, charge: moneyRow(l.charge),
      })),
    },
    warnings: e.warnings,
    problems: [],
  };
}
export type WireEvaluation = ReturnType<typeof serializeEvaluation>;
