import type { Deal } from '../../deal/deal-schema.js';
import { GOVERNMENT_LEVELS, type GovernmentLevel } from '../../deal/funding-schema.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { parseDeal } from '../../deal/parse-deal.js';
import { evaluateStressCase, type StressCaseEvaluation } from '../../engine/evaluate-deal.js';
import { D, ZERO, roundToFen } from '../../finance/decimal.js';
import { checkCovenants } from '../covenant-check.js';
import { fixSculptedLoans, type StressCase } from '../stress-pack.js';
import type { AggregatedStatement } from './aggregate-statements.js';
import { checkAffordability, type Affordability } from './check-affordability.js';
import { applyShock } from './portfolio-shocks.js';

/** The fiscal-view rows a stress sums for every level (methodology §10.12). */
export const STRESS_FISCAL_ROWS = ['outflows', 'grants', 'operatingSupport', 'bondShortfall', 'bondAccountTopUp'] as const;
type FiscalRow = (typeof STRESS_FISCAL_ROWS)[number];

/** Who a member is, as the stress names it. */
export interface StressMemberRef {
  label: string;
  dealId: string;
}

/** Why a member breaches in a case: a covenant the deal sets, or a negative after-tax project NPV. */
export interface StressBreach {
  covenant: string;
  value: string | null;
  threshold: string | null;
}

/**
 * Figures of a run of members under the base and each shock (cases[0] is the base): what one worker
 * hands back for its members and what `mergeStressParts` adds. Plain data (decimal strings, 元 to the
 * 分), associative: merging parts in member order gives the same figures as one part of every member.
 */
export interface StressPart {
  firstYear: number;
  lastYear: number;
  members: number;
  cases: {
    id: string;
    /** `${level}.${row}` → Σ of the members' cells (each to the 分) on the part's years; absent rows are 0. */
    fiscal: Record<string, string[]>;
    /** Members whose shocked deal does not evaluate (a delay past 5 construction years): counted at their base figures in this case. */
    failed: (StressMemberRef & { problems: Problem[] })[];
    breaches: (StressMemberRef & { breaches: StressBreach[] })[];
  }[];
  /** Every special bond of the members, its net coverage (自求平衡, §10.3) in each case (null: no service, or the case failed). */
  bonds: (StressMemberRef & { bondId: string; level: GovernmentLevel; coverage: (string | null)[] })[];
}

/** A member with its parsed deal. */
export interface StressMemberInput extends StressMemberRef {
  deal: Deal;
}

interface CaseFigures {
  firstYear: number;
  evaluation: StressCaseEvaluation;
  fiscal: Record<string, D[]>;
}

/**
 * A deal evaluated as far as a stress reads it (evaluateStressCase: its debt indicators, bonds and
 * fiscal view; no statement, IRR, contribution or warning). A shocked deal is parsed and validated
 * again first, as a stored one is (a delay past 5 construction years is a problem); the base, already
 * parsed from its stored text (`parsed`), is not parsed twice.
 */
function evaluateCase(deal: Deal, asOf: string, { parsed = false } = {}): { ok: true; deal: Deal; figures: CaseFigures } | { ok: false; problems: Problem[] } {
  const read = parsed ? { ok: true as const, deal } : parseDeal(deal);
  if (!read.ok) return read;
  const e = evaluateStressCase(read.deal, { asOf, breakEven: false });
  if (!e.ok) return e;
  const fiscal: Record<string, D[]> = {};
  for (const level of e.fiscal.levels) {
    for (const row of STRESS_FISCAL_ROWS) {
      const values = level[row];
      if (values.some((v) => !roundToFen(v).isZero())) fiscal[`${level.level}.${row}`] = values.map(roundToFen);
    }
  }
  return { ok: true, deal: read.deal, figures: { firstYear: e.years[0]!.calendarYear, evaluation: e, fiscal } };
}

/** The deal's covenants that break, and a negative after-tax project NPV (methodology §10.12). */
function listBreaches(deal: Deal, e: StressCaseEvaluation): StressBreach[] {
  const breaches: StressBreach[] = checkCovenants(deal.covenants, e)
    .filter((b) => b.covenant === 'hardMinDscr' || b.covenant === 'minDscr' || b.covenant === 'financialSurvival' || b.covenant === 'bondCoverage')
    .map((b) => ({ covenant: b.covenant, value: b.value, threshold: b.threshold }));
  const npv = e.metrics.projectNpvAfterTax;
  if (roundToFen(npv).isNegative() && !roundToFen(npv).isZero()) breaches.push({ covenant: 'negativeNpv', value: roundToFen(npv).toFixed(2), threshold: '0' });
  return breaches;
}

/**
 * One member under the base and each shock (the evaluate step of methodology §10.12): the base as
 * stored, each shock applied to the debt the base agreed (a sculpted loan keeps its base amount and
 * profile, as in the lender's stress pack), then its fiscal rows by level, its bonds' coverage and its
 * breaches. The base must evaluate (problems else); a shock that does not is listed under `failed` and
 * counts at the member's base figures, so it adds nothing to that shock's extra subsidy.
 */
export function evaluateMemberStress(member: StressMemberInput, shocks: readonly StressCase[], asOf: string): { ok: true; part: StressPart } | { ok: false; problems: Problem[] } {
  const base = evaluateCase(member.deal, asOf, { parsed: true });
  if (!base.ok) return base;
  const agreed = fixSculptedLoans(base.deal, base.figures.evaluation);
  const ref = { label: member.label, dealId: member.dealId };
  const outcomes = [base, ...shocks.map((s) => evaluateCase(applyShock(agreed, s.changes), asOf))];
  const figures = outcomes.flatMap((o) => (o.ok ? [o.figures] : []));
  const firstYear = Math.min(...figures.map((f) => f.firstYear));
  const lastYear = Math.max(...figures.map((f) => f.firstYear + f.evaluation.years.length - 1));
  const span = lastYear - firstYear + 1;
  const placeRows = (f: CaseFigures) => {
    const fiscal: Record<string, string[]> = {};
    const offset = f.firstYear - firstYear;
    for (const [key, values] of Object.entries(f.fiscal)) {
      const row = Array.from({ length: span }, () => '0.00');
      values.forEach((v, t) => (row[offset + t] = v.toFixed(2)));
      fiscal[key] = row;
    }
    return fiscal;
  };
  const cases: StressPart['cases'] = outcomes.map((o, k) => {
    const id = k === 0 ? 'base' : shocks[k - 1]!.id;
    // A shocked deal that does not evaluate counts at its base figures (it adds nothing to the extra subsidy) and is listed.
    if (!o.ok) return { id, fiscal: placeRows(base.figures), failed: [{ ...ref, problems: o.problems.slice(0, 5) }], breaches: [] };
    const fiscal = placeRows(o.figures);
    const breaches = listBreaches(o.deal, o.figures.evaluation);
    return { id, fiscal, failed: [], breaches: breaches.length > 0 ? [{ ...ref, breaches }] : [] };
  });
  const bonds = base.figures.evaluation.bonds.map((b) => ({
    ...ref,
    bondId: b.id,
    level: b.level,
    coverage: outcomes.map((o) => {
      const found = o.ok ? o.figures.evaluation.bonds.find((x) => x.id === b.id) : undefined;
      return found?.coverageNet == null ? null : found.coverageNet.toFixed(4);
    }),
  }));
  return { ok: true, part: { firstYear, lastYear, members: 1, cases, bonds } };
}

/** Parts (runs of members, in order) added into one: rows summed on the union of their years, lists joined in order. */
export function mergeStressParts(parts: readonly StressPart[]): StressPart {
  if (parts.length === 0) throw new Error('a portfolio stress has at least one part');
  const firstYear = Math.min(...parts.map((p) => p.firstYear));
  const lastYear = Math.max(...parts.map((p) => p.lastYear));
  const span = lastYear - firstYear + 1;
  const cases = parts[0]!.cases.map((c, k) => {
    const sums = new Map<string, D[]>();
    for (const part of parts) {
      const offset = part.firstYear - firstYear;
      for (const [key, values] of Object.entries(part.cases[k]!.fiscal)) {
        let row = sums.get(key);
        if (!row) sums.set(key, (row = Array.from({ length: span }, () => ZERO)));
        values.forEach((v, t) => (row![offset + t] = row![offset + t]!.plus(v)));
      }
    }
    return {
      id: c.id,
      fiscal: Object.fromEntries([...sums].map(([key, row]) => [key, row.map((v) => v.toFixed(2))])),
      failed: parts.flatMap((p) => p.cases[k]!.failed),
      breaches: parts.flatMap((p) => p.cases[k]!.breaches),
    };
  });
  return { firstYear, lastYear, members: parts.reduce((s, p) => s + p.members, 0), cases, bonds: parts.flatMap((p) => p.bonds) };
}

export interface ExtraSubsidyYear {
  year: number;
  /** Δ of the level's outflows (grants + operating support + bond 财政补足 + issuance costs) against the base. */
  total: string;
  operatingSupport: string;
  grants: string;
  bondShortfall: string;
  /** Memo: Δ of the earmarked bonds' repayment-account top-up (自求平衡, 政府性基金预算). */
  bondAccountTopUp: string;
}

export interface PortfolioStressCase {
  id: string;
  name: string;
  changes: { driver: StressCase['changes'][number]['driver']; change: string }[];
  /** Extra subsidy needed versus the base case, by level (levels with any) and calendar year. */
  extraSubsidy: { total: string; byLevel: { level: GovernmentLevel; total: string; years: ExtraSubsidyYear[] }[] };
  bonds: { member: string; dealId: string; bondId: string; level: GovernmentLevel; baseCoverage: string | null; coverage: string | null; belowOne: boolean }[];
  /** The bonds whose net coverage is below 1 in this case: their own income does not pay their service. */
  bondsBelowOne: { member: string; dealId: string; bondId: string; coverage: string }[];
  breachingMembers: { member: string; dealId: string; breaches: StressBreach[] }[];
  failedMembers: { member: string; dealId: string; problems: Problem[] }[];
  /** The 10% / 5% test of the portfolio's level on the case's fiscal view (null without a budget envelope). */
  affordability: (Affordability & { holds: boolean }) | null;
}

export interface PortfolioStressResult {
  name: string;
  members: number;
  years: number[];
  level: GovernmentLevel;
  base: Omit<PortfolioStressCase, 'extraSubsidy' | 'changes'>;
  shocks: PortfolioStressCase[];
}

/** A case's fiscal rows as the aggregated fiscal view the affordability check reads. */
function toFiscalStatement(fiscal: Record<string, string[]>): AggregatedStatement {
  return { key: 'fiscalView', zh: '政府财政收支表', en: 'Government fiscal view', rows: Object.entries(fiscal).map(([key, values]) => ({ key, zh: key, en: key, values, total: null })) };
}

/**
 * The portfolio's answer from its merged figures (the combine step of methodology §10.12): for each
 * shock, the extra subsidy by level and year against the base, each special bond's coverage beside its
 * base and those below 1, the members that breach and those whose shocked deal fails, and the 10% / 5%
 * limits of the portfolio's level in each year.
 */
export function answerPortfolioStress(portfolio: Portfolio, shocks: readonly StressCase[], merged: StressPart): PortfolioStressResult {
  const years = Array.from({ length: merged.lastYear - merged.firstYear + 1 }, (_, i) => merged.firstYear + i);
  const zeros = years.map(() => '0.00');
  const row = (c: StressPart['cases'][number], level: string, key: FiscalRow) => (c.fiscal[`${level}.${key}`] ?? zeros).map((v) => new D(v));
  const readCase = (k: number) => {
    const c = merged.cases[k]!;
    const bonds = merged.bonds.map((b) => {
      const coverage = b.coverage[k] ?? null;
      return { member: b.label, dealId: b.dealId, bondId: b.bondId, level: b.level, baseCoverage: b.coverage[0] ?? null, coverage, belowOne: coverage !== null && new D(coverage).lt(1) };
    });
    const affordability = checkAffordability(toFiscalStatement(c.fiscal), years, portfolio);
    return {
      bonds,
      bondsBelowOne: bonds.filter((b) => b.belowOne).map((b) => ({ member: b.member, dealId: b.dealId, bondId: b.bondId, coverage: b.coverage! })),
      breachingMembers: c.breaches.map((b) => ({ member: b.label, dealId: b.dealId, breaches: b.breaches })),
      failedMembers: c.failed.map((f) => ({ member: f.label, dealId: f.dealId, problems: f.problems })),
      affordability: affordability && { ...affordability, holds: affordability.pppBreaches.length === 0 && affordability.governmentPayBreaches.length === 0 },
    };
  };
  const base = merged.cases[0]!;
  const cases = shocks.map((shock, i): PortfolioStressCase => {
    const c = merged.cases[i + 1]!;
    const byLevel = GOVERNMENT_LEVELS.flatMap((level) => {
      const delta = (key: FiscalRow) => row(c, level, key).map((v, t) => v.minus(row(base, level, key)[t]!));
      const total = delta('outflows');
      const [support, grants, shortfall, topUp] = [delta('operatingSupport'), delta('grants'), delta('bondShortfall'), delta('bondAccountTopUp')];
      if ([total, support, grants, shortfall, topUp].every((r) => r.every((v) => v.isZero()))) return [];
      return [{
        level,
        total: total.reduce((s, v) => s.plus(v), ZERO).toFixed(2),
        years: years.map((year, t) => ({ year, total: total[t]!.toFixed(2), operatingSupport: support[t]!.toFixed(2), grants: grants[t]!.toFixed(2), bondShortfall: shortfall[t]!.toFixed(2), bondAccountTopUp: topUp[t]!.toFixed(2) })),
      }];
    });
    return {
      id: shock.id,
      name: shock.name,
      changes: shock.changes.map((ch) => ({ driver: ch.driver, change: String(ch.change) })),
      extraSubsidy: { total: byLevel.reduce((s, l) => s.plus(l.total), ZERO).toFixed(2), byLevel },
      ...readCase(i + 1),
    };
  });
  return { name: portfolio.name, members: merged.members, years, level: portfolio.affordability.level, base: { id: 'base', name: '基准 (base case)', ...readCase(0) }, shocks: cases };
}
