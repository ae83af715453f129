import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { MemberEvaluation } from '../../engine/evaluate-deal.js';
import { bondAmountOf } from '../../engine/bonds/bond-batches.js';
import { roundToFen, type D } from '../../finance/decimal.js';
import { formatFen, parseFen, toFen } from '../../finance/fen.js';
import { spanYears, type StatementKey } from './aggregate-statements.js';
import type { ProvinceBondCapital } from './check-bond-budget.js';
import { sumStatementRows } from './sum-statement-rows.js';

/**
 * A part of a portfolio — a run of its members in order — summed on its own, as plain data (decimal
 * strings): what a worker evaluating that part hands back instead of its members' whole evaluations.
 * Parts summed in order and combined (combinePortfolioParts) give exactly the totals of summing every
 * member at once (methodology §10.10), because every sum is of amounts already taken to the 分:
 *   Σ over members = Σ over parts of (Σ over the part's members).
 * A part's rows run over the part's own calendar years, firstYear to lastYear; outside them a flow row
 * counts 0 and a balance counts 0 before and its last value after (as alignMemberRow does per member,
 * since every member of the part has ended by the part's last year).
 */
export interface PortfolioPart {
  firstYear: number;
  lastYear: number;
  members: PortfolioPartMember[];
  statements: Record<StatementKey, PartStatement>;
  contributions: PartContributions;
  /** Σ debt service and Σ closing balance of the special bonds of the affordability level, by the part's years. */
  levelBonds: { service: string[]; outstanding: string[] };
  /** Every special bond of the part's members, in member order, with its province. */
  specialBonds: ({ province: string } & ProvinceBondCapital['bonds'][number])[];
}

export interface PortfolioPartMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  name: string;
  metrics: Record<string, string | null>;
}

export interface PartStatement {
  zh: string;
  en: string;
  /** In the order members first have them; `isFlow` as the part's first member with the row has it. */
  rows: { key: string; zh: string; en: string; isFlow: boolean; values: string[] }[];
}

export interface PartGroup {
  key: string;
  nominal: string;
  pv: string;
}

export interface PartContributions {
  nominal: string;
  pv: string;
  byParty: PartGroup[];
  byLevel: PartGroup[];
  bySourceKind: PartGroup[];
}

/** A member evaluated, as a part sums it: what `outputs: 'portfolio-member'` computes (a full evaluation has it too). */
export interface PartInputMember {
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  evaluation: MemberEvaluation;
}

/** The statements a portfolio sums. */
export type PortfolioStatementKey = keyof MemberEvaluation['statements'] & StatementKey;

/** The statements a portfolio sums (debt service is per loan and stays with each member). */
export const PORTFOLIO_STATEMENTS: PortfolioStatementKey[] = ['projectCashFlow', 'equityCashFlow', 'profitAndLoss', 'financialPlan', 'investmentPlan', 'fiscalView'];

/**
 * Adds a member's row into `sums` (whole 分 on the years from `firstYear`) in place, each value to the
 * 分 as alignMemberRow takes it: in the member's years; after them, for a balance, its last value (a
 * flow adds nothing outside them, nor does anything before the member starts). The sums are bigints of
 * 分 (finance/fen.ts): each value rounded to the 分 is a whole number of 分, so Σ is exact — the same
 * figures as adding the rounded Decimals, without a Decimal per value (most of a part's cost).
 */
function addMemberRow(sums: bigint[], e: Pick<MemberEvaluation, 'years'>, values: readonly D[], isFlow: boolean, firstYear: number): void {
  const offset = e.years[0]!.calendarYear - firstYear;
  for (let t = 0; t < values.length; t++) {
    const fen = toFen(values[t]!);
    if (fen !== 0n) sums[offset + t]! += fen;
  }
  if (isFlow || values.length === 0) return;
  const last = toFen(values[values.length - 1]!);
  if (last === 0n) return;
  for (let i = offset + values.length; i < sums.length; i++) sums[i]! += last;
}

/** Sums of nominal and PV in whole 分, each row to the 分 first (half-even), grouped by `keyOf` in the order keys first appear. */
export function sumGroups<R extends { nominal: D | string; pv: D | string }>(rows: readonly R[], keyOf: (row: R) => string): { key: string; nominal: bigint; pv: bigint }[] {
  const fenOf = (amount: D | string) => (typeof amount === 'string' ? parseFen(amount) : toFen(amount));
  const groups = new Map<string, { key: string; nominal: bigint; pv: bigint }>();
  for (const row of rows) {
    const key = keyOf(row);
    const g = groups.get(key) ?? { key, nominal: 0n, pv: 0n };
    groups.set(key, { key, nominal: g.nominal + fenOf(row.nominal), pv: g.pv + fenOf(row.pv) });
  }
  return [...groups.values()];
}

const fixGroups = (groups: { key: string; nominal: bigint; pv: bigint }[]): PartGroup[] => groups.map((g) => ({ key: g.key, nominal: formatFen(g.nominal), pv: formatFen(g.pv) }));
const metric = (v: D | null, places: number) => (v === null ? null : v.toFixed(places));

/**
 * Sum a run of evaluated members (at least one) into a part: each member's key indicators, its
 * statements' rows taken to the 分 on the part's calendar years and summed, its contributions summed
 * by party, level and kind of source, the affordability level's special bonds' service and balance,
 * and its special bonds listed for the bonds-as-capital cap.
 */
export function sumPortfolioPart(portfolio: Portfolio, members: readonly PartInputMember[]): PortfolioPart {
  if (members.length === 0) throw new Error('a portfolio part has at least one member');
  const evaluations = members.map((m) => m.evaluation);
  const years = spanYears(evaluations);
  const zeros = () => years.map(() => 0n);
  const statements = {} as Record<StatementKey, PartStatement>;
  for (const key of PORTFOLIO_STATEMENTS) {
    const rows = sumStatementRows(evaluations, (e) => e.statements[key].rows, (row) => row.total !== null, (sums: bigint[], e, row, isFlow) => addMemberRow(sums, e, row.values, isFlow, years[0]!), zeros);
    const first = evaluations[0]!.statements[key];
    statements[key] = { zh: first.zh, en: first.en, rows: [...rows].map(([rowKey, r]) => ({ key: rowKey, zh: r.zh, en: r.en, isFlow: r.isFlow, values: r.values.map(formatFen) })) };
  }
  const { level } = portfolio.affordability;
  const service = zeros();
  const outstanding = zeros();
  const specialBonds: PortfolioPart['specialBonds'] = [];
  for (const m of members) {
    for (const d of m.evaluation.financing.debts) {
      const { source } = d;
      if (source.kind !== 'special-bond') continue;
      if (source.level === level) {
        addMemberRow(service, m.evaluation, d.debtService, true, years[0]!);
        addMemberRow(outstanding, m.evaluation, d.closing, false, years[0]!);
      }
      const amount = bondAmountOf(source);
      specialBonds.push({ province: m.evaluation.deal.province, member: m.label, dealId: m.dealId, bondId: source.id, amount: amount.toFixed(2), capitalShare: source.capitalShare, capital: roundToFen(amount.times(source.capitalShare)).toFixed(2) });
    }
  }
  const contributions = evaluations.map((e) => e.contributions);
  const total = (pick: (c: (typeof contributions)[number]) => D) => formatFen(contributions.reduce((s, c) => s + toFen(pick(c)), 0n));
  return {
    firstYear: years[0]!,
    lastYear: years[years.length - 1]!,
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
      nominal: total((c) => c.total.nominal),
      pv: total((c) => c.total.pv),
      byParty: fixGroups(sumGroups(contributions.flatMap((c) => c.byParty), (r) => r.party)),
      byLevel: fixGroups(sumGroups(contributions.flatMap((c) => c.byLevel), (r) => r.level)),
      bySourceKind: fixGroups(sumGroups(contributions.flatMap((c) => c.bySource), (r) => r.kind)),
    },
    levelBonds: { service: service.map(formatFen), outstanding: outstanding.map(formatFen) },
    specialBonds,
  };
}

/**
 * A part's row on the portfolio's years, in whole 分: its values where the part has years; outside them
 * 0 for a flow, and for a balance 0 before the part and its last value after it.
 */
export function extendPartRow(part: Pick<PortfolioPart, 'firstYear'>, values: readonly string[], isFlow: boolean, years: readonly number[]): bigint[] {
  const offset = part.firstYear - years[0]!;
  const last = values.length > 0 && !isFlow ? parseFen(values[values.length - 1]!) : 0n;
  return years.map((_, i) => {
    const t = i - offset;
    if (t >= 0 && t < values.length) return parseFen(values[t]!);
    return t >= values.length ? last : 0n;
  });
}
