import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Evaluation } from '../../engine/evaluate-deal.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';
import { aggregateStatement, spanYears, type AggregatedStatement, type StatementKey } from './aggregate-statements.js';
import { checkAffordability, type Affordability } from './check-affordability.js';
import { checkBondCapitalCap, viewFundBudget, type BondCapitalCheck, type FundBudgetView } from './check-bond-budget.js';

export interface PortfolioMemberResult {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  name: string;
  metrics: Record<string, string | null>;
}

export interface PortfolioResult {
  name: string;
  years: number[];
  members: PortfolioMemberResult[];
  statements: Record<StatementKey, AggregatedStatement>;
  contributions: {
    total: { nominal: string; pv: string };
    byParty: { party: string; nominal: string; pv: string }[];
    byLevel: { level: string; nominal: string; pv: string }[];
    bySourceKind: { kind: string; nominal: string; pv: string }[];
  };
  affordability: Affordability | null;
  /** The level's special bonds against the 政府性基金预算 and the bond quota (methodology §10.10). */
  fundBudget: FundBudgetView;
  /** The 30% cap on bonds used as 项目资本金, by province (国办发〔2024〕52号). */
  bondCapital: BondCapitalCheck;
}

export interface EvaluatedMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  evaluation: Evaluation;
}

/** The statements a portfolio sums (debt service is per loan and stays with each member). */
export const PORTFOLIO_STATEMENTS: StatementKey[] = ['projectCashFlow', 'equityCashFlow', 'profitAndLoss', 'financialPlan', 'investmentPlan', 'fiscalView'];

/** Sums of the members' nominal and PV contributions (each to the 分), grouped by `keyOf`. */
export function groupContributions<R extends { nominal: D; pv: D }>(rows: R[], keyOf: (row: R) => string) {
  const groups = new Map<string, { nominal: D; pv: D }>();
  for (const row of rows) {
    const g = groups.get(keyOf(row)) ?? { nominal: ZERO, pv: ZERO };
    groups.set(keyOf(row), { nominal: g.nominal.plus(roundToFen(row.nominal)), pv: g.pv.plus(roundToFen(row.pv)) });
  }
  return [...groups].map(([key, g]) => ({ key, nominal: g.nominal.toFixed(2), pv: g.pv.toFixed(2) }));
}

/**
 * A portfolio (片区打捆) evaluated: each member's key indicators, the statements summed by calendar
 * year (the government fiscal view by level among them), the contributions summed, and the
 * affordability check against the budget envelope (general budget only), the special bonds against the
 * fund budget and the bond quota, and the 30% bonds-as-capital cap by province. Every total is the sum of the members' figures to
 * the 分. PVs are each member's own (at its discount rate, to its own year 1), summed.
 */
export function evaluatePortfolio(portfolio: Portfolio, members: readonly EvaluatedMember[]): PortfolioResult {
  const evaluations = members.map((m) => m.evaluation);
  const years = spanYears(evaluations);
  const statements = Object.fromEntries(PORTFOLIO_STATEMENTS.map((key) => [key, aggregateStatement(evaluations, key, years)])) as Record<StatementKey, AggregatedStatement>;
  const contributions = evaluations.map((e) => e.contributions);
  const total = (pick: (c: (typeof contributions)[number]) => D) => contributions.reduce((s, c) => s.plus(roundToFen(pick(c))), ZERO).toFixed(2);
  const metric = (v: D | null, places: number) => (v === null ? null : v.toFixed(places));
  return {
    name: portfolio.name,
    years,
    members: members.map((m) => ({
      label: m.label,
      dealId: m.dealId,
      revision: m.revision,
      ...(m.scenarioId ? { scenarioId: m.scenarioId } : {}),
      name: m.evaluation.deal.name,
      metrics: {
        totalInvestment: metric(m.evaluation.metrics.totalInvestment, 2),
        projectIrrAfterTax: metric(m.evaluation.metrics.projectIrrAfterTax, 10),
        projectNpvAfterTax: metric(m.evaluation.metrics.projectNpvAfterTax, 2),
        equityIrr: metric(m.evaluation.metrics.equityIrr, 10),
        minDscr: metric(m.evaluation.metrics.minDscr, 10),
      },
    })),
    statements,
    contributions: {
      total: { nominal: total((c) => c.total.nominal), pv: total((c) => c.total.pv) },
      byParty: groupContributions(contributions.flatMap((c) => c.byParty), (r) => r.party).map(({ key, ...g }) => ({ party: key, ...g })),
      byLevel: groupContributions(contributions.flatMap((c) => c.byLevel), (r) => r.level).map(({ key, ...g }) => ({ level: key, ...g })),
      bySourceKind: groupContributions(contributions.flatMap((c) => c.bySource), (r) => r.kind).map(({ key, ...g }) => ({ kind: key, ...g })),
    },
    affordability: checkAffordability(statements.fiscalView, years, portfolio),
    fundBudget: viewFundBudget(evaluations, statements.fiscalView, years, portfolio),
    bondCapital: checkBondCapitalCap(members, portfolio),
  };
}
