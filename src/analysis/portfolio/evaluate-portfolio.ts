import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Evaluation } from '../../engine/evaluate-deal.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';
import { formatFen, parseFen } from '../../finance/fen.js';
import type { AggregatedStatement, StatementKey } from './aggregate-statements.js';
import { checkAffordability, type Affordability } from './check-affordability.js';
import { sumStatementRows } from './sum-statement-rows.js';
import { extendPartRow, PORTFOLIO_STATEMENTS, sumGroups, sumPortfolioPart, type PartGroup, type PartInputMember, type PortfolioPart, type PortfolioPartMember } from './portfolio-parts.js';
import { checkBondCapitalCap, viewFundBudget, type BondCapitalCheck, type FundBudgetView } from './check-bond-budget.js';

/** A member as the portfolio's members table shows it: the row each part hands back. */
export type PortfolioMemberResult = PortfolioPartMember;

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

export { PORTFOLIO_STATEMENTS };

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
export function evaluatePortfolio(portfolio: Portfolio, members: readonly PartInputMember[]): PortfolioResult {
  return combinePortfolioParts(portfolio, [sumPortfolioPart(portfolio, members)]);
}

/**
 * The portfolio from its parts (runs of its members in order, each summed where it was evaluated —
 * portfolio-parts.ts): the members in order, each statement's rows added part by part on the
 * portfolio's calendar years (a row's flow or balance as its first part has it), the contributions'
 * groups in the order they first appear, then the affordability, fund-budget and bond-capital checks
 * on the sums. Equal to summing all members at once: every part's figures are sums of amounts to the 分.
 */
export function combinePortfolioParts(portfolio: Portfolio, parts: readonly PortfolioPart[]): PortfolioResult {
  if (parts.length === 0) throw new Error('a portfolio has at least one part');
  const first = Math.min(...parts.map((p) => p.firstYear));
  const last = Math.max(...parts.map((p) => p.lastYear));
  const years = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  // Whole 分 (finance/fen.ts): every part's figure is an amount to the 分, so the sums are exact.
  const zeros = () => years.map(() => 0n);
  const add = (sums: bigint[], values: readonly bigint[]) => {
    for (let i = 0; i < sums.length; i++) sums[i]! += values[i]!;
  };
  const statements = {} as Record<StatementKey, AggregatedStatement>;
  for (const key of PORTFOLIO_STATEMENTS) {
    const rows = sumStatementRows(parts, (part) => part.statements[key].rows, (row) => row.isFlow, (sums: bigint[], part, row) => add(sums, extendPartRow(part, row.values, row.isFlow, years)), zeros);
    const { zh, en } = parts[0]!.statements[key];
    statements[key] = {
      key,
      zh,
      en,
      rows: [...rows].map(([rowKey, r]) => ({
        key: rowKey,
        zh: r.zh,
        en: r.en,
        values: r.values.map(formatFen),
        total: r.isFlow ? formatFen(r.values.reduce((s, v) => s + v, 0n)) : null,
      })),
    };
  }
  const service = zeros();
  const outstanding = zeros();
  for (const part of parts) {
    add(service, extendPartRow(part, part.levelBonds.service, true, years));
    add(outstanding, extendPartRow(part, part.levelBonds.outstanding, false, years));
  }
  const toDecimals = (fen: readonly bigint[]) => fen.map((f) => new D(formatFen(f)));
  const sum = (pick: (p: PortfolioPart) => string) => formatFen(parts.reduce((s, p) => s + parseFen(pick(p)), 0n));
  const groups = (pick: (p: PortfolioPart) => PartGroup[]) => sumGroups(parts.flatMap(pick), (g) => g.key).map((g) => ({ key: g.key, nominal: formatFen(g.nominal), pv: formatFen(g.pv) }));
  return {
    name: portfolio.name,
    years,
    members: parts.flatMap((p) => p.members),
    statements,
    contributions: {
      total: { nominal: sum((p) => p.contributions.nominal), pv: sum((p) => p.contributions.pv) },
      byParty: groups((p) => p.contributions.byParty).map(({ key, ...g }) => ({ party: key, ...g })),
      byLevel: groups((p) => p.contributions.byLevel).map(({ key, ...g }) => ({ level: key, ...g })),
      bySourceKind: groups((p) => p.contributions.bySourceKind).map(({ key, ...g }) => ({ kind: key, ...g })),
    },
    affordability: checkAffordability(statements.fiscalView, years, portfolio),
    fundBudget: viewFundBudget(toDecimals(service), toDecimals(outstanding), statements.fiscalView, years, portfolio),
    bondCapital: checkBondCapitalCap(parts.flatMap((p) => p.specialBonds), portfolio),
  };
}
