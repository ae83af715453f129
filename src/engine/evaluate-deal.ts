import type { Deal } from '../deal/deal-schema.js';
import type { Problem } from '../deal/problem.js';
import { computeMemberMetrics, computeMetrics, computeProjectNpvAfterTax, type MemberMetrics, type Metrics, type MetricsOutcome } from './metrics.js';
import { projectDeal, type Projection } from './project-deal.js';
import type { Statement } from './statement.js';
import { buildProfitAndLossStatement, buildProgrammeCashFlowStatement, buildProjectCashFlowStatement } from './statements.js';
import { buildConstructionProfitStatement } from './construction-profit.js';
import { buildBalanceSheetStatement, computeBalanceSheetLines, findMaxDebtToAsset } from './balance-sheet.js';
import { applyBondCoverage } from './bonds/bond-coverage.js';
import { evaluateBonds, type BondResult } from './bonds/evaluate-bonds.js';
import { assessBulletYears, type BondCover } from './bonds/bullet-years.js';
import { allocateContributions, type Contributions } from './contributions.js';
import { computeDebtMetrics, type DebtMetrics } from './debt-metrics.js';
import { financeDeal, type Financing } from './finance-deal.js';
import {
  buildDebtServiceStatement,
  buildEquityCashFlowStatement,
  buildFinancialPlanStatement,
  buildInvestmentPlanStatement,
} from './financing-statements.js';
import { buildFiscalView, type FiscalView } from './fiscal-view.js';
import { findRow } from './statement.js';
import type { TimelineYear } from './timeline.js';
import { buildTimeline } from './timeline.js';
import { collectWarnings, type Warning } from './warnings.js';
import { computeDistributionReturns, type DistributionReturns } from './waterfall/distribution-returns.js';
import type { WaterfallSchedule } from './waterfall/run-waterfall.js';
import { settleWaterfall } from './waterfall/settle-waterfall.js';

/** Bumped whenever results change: it is printed on term sheets and is part of the evaluation cache key. */
export const ENGINE_VERSION = '0.3.5';

export interface EvaluateOptions {
  /** The as-of date (YYYY-MM-DD) of the evaluation; the engine never reads the clock. */
  asOf: string;
  /** Solve the break-even parking occupancy (default true); false leaves it null with a note, for callers that do not read it. */
  breakEven?: boolean;
}

/**
 * What a portfolio reads of a member (methodology §10.10): the six statements it sums (the fiscal
 * view's subsidy by year and level among them), the debts (the special bonds' service, balance and
 * amount), who pays, and the members table's indicators. evaluateDeal with `outputs:
 * 'portfolio-member'` computes only these, by the same code as the full evaluation, so each is the
 * full evaluation's figure exactly; nothing else (balance sheet, distribution returns, per-investor
 * and per-facility indicators, LLCR, paybacks, warnings) is computed.
 */
export interface MemberEvaluation {
  ok: true;
  engineVersion: string;
  asOf: string;
  deal: { id: string | null; name: string; province: string };
  years: TimelineYear[];
  financing: Financing;
  statements: Pick<Evaluation['statements'], 'projectCashFlow' | 'equityCashFlow' | 'profitAndLoss' | 'financialPlan' | 'investmentPlan' | 'fiscalView'>;
  metrics: MemberMetrics;
  contributions: Contributions;
}

export type MemberEvaluationOutcome = MemberEvaluation | { ok: false; problems: Problem[] };

/**
 * What a portfolio stress reads of a member in each case (methodology §10.12): the years, the
 * projection and debt (a sculpted loan's agreed profile), each special bond's 自求平衡 test, the debt
 * indicators its covenants are tested on (DSCR, ICR, bond coverage, equity ratio, financial survival)
 * with the waterfall's lock-up and DSRA years, the after-tax project NPV, and the government fiscal
 * view by level. evaluateStressCase computes only these, by the same code as the full evaluation, so
 * each is the full evaluation's figure exactly; no statement, balance sheet, IRR, payback,
 * contribution or warning is computed.
 */
export interface StressCaseEvaluation {
  ok: true;
  years: TimelineYear[];
  projection: Projection;
  financing: Financing;
  bonds: BondResult[];
  debt: DebtMetrics;
  waterfall: Pick<WaterfallSchedule, 'lockUpYears' | 'dsraDrawYears'>;
  metrics: Pick<Metrics, 'minDscr' | 'minIcr' | 'projectNpvAfterTax'>;
  fiscal: FiscalView;
}

export type StressCaseEvaluationOutcome = StressCaseEvaluation | { ok: false; problems: Problem[] };

/** What the decision tools read: the projection, funding and debt, the statements behind them and every indicator. */
export interface IndicatorEvaluation {
  ok: true;
  engineVersion: string;
  asOf: string;
  /** The province is where the portfolio counts the bonds-as-capital cap (methodology §10.10). */
  deal: { id: string | null; name: string; province: string };
  years: TimelineYear[];
  projection: Projection;
  financing: Financing;
  statements: {
    projectCashFlow: Statement;
    /** The programme scope of the project table (methodology §9). */
    programmeCashFlow: Statement;
    equityCashFlow: Statement;
    profitAndLoss: Statement;
    financialPlan: Statement;
    debtService: Statement;
    investmentPlan: Statement;
    /** 资产负债表 of the project entity (methodology §11.8). */
    balanceSheet: Statement;
    /** 施工利润与一本账 (methodology §9.8), only when the deal counts the investor as the builder. */
    constructionProfit?: Statement;
  };
  metrics: Metrics;
  debt: DebtMetrics;
  /** Each special bond's 自求平衡 test: batches, earmarked income, repayment account, coverage (methodology §10). */
  /** Each bond's 自求平衡 test with its bullet years beside its own DSCR (methodology §10.13). */
  bonds: BondCover[];
  /** The cash waterfall (methodology §11): reserves, lock-up, distributions, 临时借款; and the returns on distributions. */
  waterfall: WaterfallSchedule & { returns: DistributionReturns };
  metricNotes: Partial<Record<keyof Metrics, string>>;
}

/** The whole evaluation: the indicators, who pays (contributions), the government fiscal view and warnings. */
export interface Evaluation extends IndicatorEvaluation {
  statements: IndicatorEvaluation['statements'] & { fiscalView: Statement };
  contributions: Contributions;
  fiscal: FiscalView;
  warnings: Warning[];
}

export type EvaluationOutcome = Evaluation | { ok: false; problems: Problem[] };
export type IndicatorEvaluationOutcome = IndicatorEvaluation | { ok: false; problems: Problem[] };

/**
 * Evaluate a parsed deal: projection, funding and debt, statements, indicators, who pays and warnings
 * (methodology §2–§6). With `outputs: 'portfolio-member'`, only what a portfolio reads of a member
 * (MemberEvaluation), the same figures computed the same way.
 */
export function evaluateDeal(deal: Deal, options: EvaluateOptions & { outputs: 'portfolio-member' }): MemberEvaluationOutcome;
export function evaluateDeal(deal: Deal, options: EvaluateOptions & { outputs?: 'full' }): EvaluationOutcome;
export function evaluateDeal(deal: Deal, options: EvaluateOptions & { outputs?: 'full' | 'portfolio-member' }): EvaluationOutcome | MemberEvaluationOutcome {
  if (options.outputs === 'portfolio-member') return evaluateMember(deal, options);
  const outcome = evaluateAsFarAsIndicators(deal, options);
  if (!outcome.ok) return outcome;
  const { evaluation, metricsOutcome } = outcome;
  const { projection, financing } = evaluation;
  const fiscal = buildFiscalView(deal, projection, financing, evaluation.bonds);
  return {
    ...evaluation,
    statements: { ...evaluation.statements, fiscalView: fiscal.statement },
    contributions: allocateContributions(deal, financing.funding),
    fiscal,
    warnings: [...collectWarnings(deal, projection, financing, metricsOutcome, options.asOf), ...evaluation.bonds.flatMap((b) => b.warnings)],
  };
}

/**
 * Evaluate a parsed deal as far as its indicators (methodology §2–§4): what goal seek, sensitivity,
 * stress and simulation read, without the contribution distribution, fiscal view and warnings.
 */
export function evaluateIndicators(deal: Deal, options: EvaluateOptions): IndicatorEvaluationOutcome {
  const outcome = evaluateAsFarAsIndicators(deal, options);
  return outcome.ok ? outcome.evaluation : outcome;
}

/** The deal projected, financed and its waterfall settled (methodology §2–§3, §11): what every evaluation starts from. */
function projectAndFinance(deal: Deal, options: EvaluateOptions) {
  if (!isCalendarDate(options.asOf)) {
    return { ok: false as const, problems: [{ code: 'INVALID_AS_OF', path: 'asOf', message: 'must be a date YYYY-MM-DD' }] };
  }
  const timeline = buildTimeline(deal);
  const projection = projectDeal(deal, timeline);
  if (projection.problems.length > 0) return { ok: false as const, problems: projection.problems };
  const financed = financeDeal(deal, projection);
  if (financed.problems.length > 0) return { ok: false as const, problems: financed.problems };
  const settled = settleWaterfall(deal, projection, financed);
  if (settled.problems.length > 0) return { ok: false as const, problems: settled.problems };
  return { ok: true as const, timeline, projection, financing: settled.financing, waterfall: settled.waterfall };
}

/** What a portfolio reads of a member (MemberEvaluation): the full evaluation's steps for those outputs only. */
function evaluateMember(deal: Deal, options: EvaluateOptions): MemberEvaluationOutcome {
  const settled = projectAndFinance(deal, options);
  if (!settled.ok) return settled;
  const { timeline, projection, financing, waterfall } = settled;
  const equityCashFlow = buildEquityCashFlowStatement(projection, financing);
  const bonds = evaluateBonds(deal, projection, financing);
  return {
    ok: true,
    engineVersion: ENGINE_VERSION,
    asOf: options.asOf,
    deal: { id: deal.id ?? null, name: deal.name, province: deal.place.province },
    years: timeline.years,
    financing,
    statements: {
      projectCashFlow: buildProjectCashFlowStatement(projection),
      equityCashFlow,
      profitAndLoss: buildProfitAndLossStatement(projection, financing),
      financialPlan: buildFinancialPlanStatement(projection, financing, waterfall),
      investmentPlan: buildInvestmentPlanStatement(projection, financing),
      fiscalView: buildFiscalView(deal, projection, financing, bonds).statement,
    },
    metrics: computeMemberMetrics(deal, projection, financing, findRow(equityCashFlow, 'netCashFlow').values),
    contributions: allocateContributions(deal, financing.funding),
  };
}

/** What a portfolio stress reads of one case of a member (StressCaseEvaluation): the full evaluation's steps for those outputs only. */
export function evaluateStressCase(deal: Deal, options: EvaluateOptions): StressCaseEvaluationOutcome {
  const settled = projectAndFinance(deal, options);
  if (!settled.ok) return settled;
  const { timeline, projection, financing, waterfall } = settled;
  const equityNetCashFlow = findRow(buildEquityCashFlowStatement(projection, financing), 'netCashFlow').values;
  const bonds = evaluateBonds(deal, projection, financing);
  // As evaluateAsFarAsIndicators: the pooled debt indicators, then each earmarked bond's own coverage.
  const debt = applyBondCoverage(computeDebtMetrics(deal, projection, financing, equityNetCashFlow, waterfall.survivalFailures), bonds, deal.covenants);
  return {
    ok: true,
    years: timeline.years,
    projection,
    financing,
    bonds,
    debt,
    waterfall,
    // computeMetrics reports the debt's DSCR and ICR as they are, and the NPV as computeProjectNpvAfterTax computes it.
    metrics: { minDscr: debt.minDscr, minIcr: debt.minIcr, projectNpvAfterTax: computeProjectNpvAfterTax(deal, projection) },
    fiscal: buildFiscalView(deal, projection, financing, bonds),
  };
}

function evaluateAsFarAsIndicators(deal: Deal, options: EvaluateOptions): { ok: true; evaluation: IndicatorEvaluation; metricsOutcome: MetricsOutcome } | { ok: false; problems: Problem[] } {
  const settled = projectAndFinance(deal, options);
  if (!settled.ok) return settled;
  const { timeline, projection, financing, waterfall } = settled;
  const balance = computeBalanceSheetLines(projection, financing, waterfall);
  const equityCashFlow = buildEquityCashFlowStatement(projection, financing);
  const equityNetCashFlow = findRow(equityCashFlow, 'netCashFlow').values;
  const statements: IndicatorEvaluation['statements'] = {
    projectCashFlow: buildProjectCashFlowStatement(projection),
    programmeCashFlow: buildProgrammeCashFlowStatement(projection),
    equityCashFlow,
    profitAndLoss: buildProfitAndLossStatement(projection, financing),
    financialPlan: buildFinancialPlanStatement(projection, financing, waterfall),
    debtService: buildDebtServiceStatement(projection, financing),
    investmentPlan: buildInvestmentPlanStatement(projection, financing),
    balanceSheet: buildBalanceSheetStatement(balance),
    ...(projection.constructionProfit ? { constructionProfit: buildConstructionProfitStatement(projection.constructionProfit, equityNetCashFlow) } : {}),
  };
  const bonds = evaluateBonds(deal, projection, financing);
  const pooledDebt = computeDebtMetrics(
    deal,
    projection,
    financing,
    equityNetCashFlow,
    waterfall.survivalFailures,
  );
  const debt = applyBondCoverage(pooledDebt, bonds, deal.covenants);
  const calendarYears = timeline.years.map((y) => y.calendarYear);
  const bondCovers = bonds.map((b) => ({ ...b, bullet: assessBulletYears(b, debt.facilities.find((f) => f.sourceId === b.id), calendarYears) }));
  const metricsOutcome = computeMetrics(deal, projection, financing, debt, { breakEven: options.breakEven ?? true, maxDebtToAssetRatio: findMaxDebtToAsset(balance), equityNetCashFlow });
  const evaluation: IndicatorEvaluation = {
    ok: true,
    engineVersion: ENGINE_VERSION,
    asOf: options.asOf,
    deal: { id: deal.id ?? null, name: deal.name, province: deal.place.province },
    years: timeline.years,
    projection,
    financing,
    statements,
    metrics: metricsOutcome.metrics,
    metricNotes: metricsOutcome.notes,
    debt,
    bonds: bondCovers,
    waterfall: { ...waterfall, returns: computeDistributionReturns(projection, financing, waterfall) },
  };
  return { ok: true, evaluation, metricsOutcome };
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
