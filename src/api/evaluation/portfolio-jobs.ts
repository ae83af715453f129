import { combinePortfolioParts, evaluatePortfolio, type EvaluatedMember, type PortfolioResult } from '../../analysis/portfolio/evaluate-portfolio.js';
import { sumPortfolioPart, type PartInputMember, type PortfolioPart } from '../../analysis/portfolio/portfolio-parts.js';
import { applyOverrides } from '../../deal/apply-overrides.js';
import type { Deal } from '../../deal/deal-schema.js';
import { createSectionParser } from '../../deal/parse-deal-sections.js';
import { repairStoredText } from '../../deal/xml-safe-text.js';
import { MAX_LISTED_PROBLEMS } from '../problems/render-problem.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { evaluateDeal, type Evaluation } from '../../engine/evaluate-deal.js';
import { writePortfolioWorkbook } from '../../export/portfolio/build-portfolio-workbook.js';
import { readPlainWorkbookMember, toPlainWorkbookMember, type PlainWorkbookMember } from '../../export/portfolio/workbook-member.js';
import type { WorkbookJobOutcome } from './evaluate-input.js';

/**
 * A member of a portfolio with its deal as stored: a revision's JSON text, and a scenario's overrides
 * as theirs. `index` is its place among the portfolio's members (where its problems are reported).
 */
export interface PortfolioMemberText {
  index: number;
  label: string;
  dealId: string;
  revision: number;
  scenarioId?: string;
  content: string;
  overrides?: string;
}

/** A portfolio with its members' stored deals, and the as-of date to evaluate them. */
export interface PortfolioJob {
  portfolio: Portfolio;
  members: PortfolioMemberText[];
  asOf: string;
}

type MemberDeal = Omit<PortfolioMemberText, 'content' | 'overrides'> & { deal: Deal };

/**
 * Each member's stored text parsed, repaired (text saved before it was checked) and validated, its
 * scenario's overrides applied: on the evaluator, so a 5,000-member portfolio costs the request thread
 * no parse. A member's problems come back at `members[i].deal.<path>`, at most MAX_LISTED_PROBLEMS.
 */
export function readMemberDeals(members: readonly PortfolioMemberText[]): { ok: true; deals: MemberDeal[] } | { ok: false; problems: Problem[]; total: number } {
  const deals: MemberDeal[] = [];
  const problems: Problem[] = [];
  let total = 0;
  // Members are mostly variants of a few templates: each distinct section is shape-checked once (parse-deal-sections.ts), the same answer as parseDeal.
  const parseMember = createSectionParser();
  for (const { content, overrides, ...member } of members) {
    const stored = repairStoredText(JSON.parse(content) as unknown);
    const parsed = overrides === undefined ? parseMember(stored) : applyOverrides(stored, JSON.parse(overrides) as unknown);
    if (parsed.ok) {
      deals.push({ ...member, deal: parsed.deal });
      continue;
    }
    total += parsed.problems.length;
    for (const p of parsed.problems) if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ ...p, path: `members[${member.index}].deal.${p.path}` });
  }
  return problems.length > 0 ? { ok: false, problems, total } : { ok: true, deals };
}

type EvaluatedMembers<M> = { ok: true; members: M[] } | { ok: false; problems: Problem[]; total?: number };

/** Told how many members are evaluated of how many (a job's progress). */
export type MemberProgress = (done: number, total: number) => void;

/**
 * Evaluate every member with `evaluate`: a member's problems come back with their path under members[i].
 * Neither the members table nor the portfolio workbook shows a member's break-even occupancy, so it
 * is never solved (a goal seek per member).
 */
function evaluateMembers<E extends { ok: true }>(stored: readonly PortfolioMemberText[], evaluate: (deal: Deal) => E | { ok: false; problems: Problem[] }, onProgress?: MemberProgress): EvaluatedMembers<{ label: string; dealId: string; revision: number; scenarioId?: string; evaluation: E }> {
  const read = readMemberDeals(stored);
  if (!read.ok) return read;
  const members = read.deals;
  const evaluated: { label: string; dealId: string; revision: number; scenarioId?: string; evaluation: E }[] = [];
  onProgress?.(0, members.length);
  for (const [i, m] of members.entries()) {
    const outcome = evaluate(m.deal);
    if (!outcome.ok) return { ok: false, problems: outcome.problems.map((p) => ({ ...p, path: `members[${m.index}].deal.${p.path}` })) };
    evaluated.push({ label: m.label, dealId: m.dealId, revision: m.revision, ...(m.scenarioId ? { scenarioId: m.scenarioId } : {}), evaluation: outcome as E });
    onProgress?.(i + 1, members.length);
  }
  return { ok: true, members: evaluated };
}

/** Members per part of a portfolio evaluation: a part is one job of the pool (about a second or two of work on a worker). */
export const MEMBERS_PER_PART = 50;

/** The members in runs of `size` (in order), each evaluated as one job: a portfolio's parts. */
export function splitPortfolioJob(job: PortfolioJob, size = MEMBERS_PER_PART): PortfolioJob[] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`a portfolio part has at least one member, not ${size}`);
  const parts: PortfolioJob[] = [];
  for (let start = 0; start < job.members.length; start += size) parts.push({ ...job, members: job.members.slice(start, start + size) });
  return parts;
}

/**
 * One part of a portfolio evaluated: its members parsed and evaluated, then summed (portfolio-parts.ts),
 * so what goes back from the worker is the part's sums and members table — not every member's whole
 * evaluation. Its problems say whether the members did not read (`read`) or did not evaluate.
 */
export type PortfolioPartOutcome =
  | { ok: true; part: PortfolioPart }
  | { ok: false; stage: 'read'; problems: Problem[]; total: number }
  | { ok: false; stage: 'evaluate'; problems: Problem[] };

export function evaluatePortfolioPart(job: PortfolioJob, onProgress?: MemberProgress): PortfolioPartOutcome {
  // A part sums only what outputs: 'portfolio-member' computes (the same figures as a full evaluation's).
  return summarisePart(job, evaluateMembers(job.members, (deal) => evaluateDeal(deal, { asOf: job.asOf, breakEven: false, outputs: 'portfolio-member' }), onProgress));
}

/** A part's members evaluated, as its outcome: their sums, or which stage failed. */
function summarisePart(job: PortfolioJob, evaluated: EvaluatedMembers<PartInputMember>): PortfolioPartOutcome {
  if (evaluated.ok) return { ok: true, part: sumPortfolioPart(job.portfolio, evaluated.members) };
  return evaluated.total === undefined ? { ok: false, stage: 'evaluate', problems: evaluated.problems } : { ok: false, stage: 'read', problems: evaluated.problems, total: evaluated.total };
}

/**
 * The portfolio from its parts' outcomes, in member order — as one job over every member would answer:
 * members that do not read come first (all of them, at most MAX_LISTED_PROBLEMS listed, with the total),
 * else the first member that does not evaluate, else the parts combined.
 */
export function combinePortfolioPartOutcomes(portfolio: Portfolio, outcomes: readonly PortfolioPartOutcome[]): { ok: true; result: PortfolioResult } | { ok: false; problems: Problem[]; total?: number } {
  const unread = outcomes.flatMap((o) => (!o.ok && o.stage === 'read' ? [o] : []));
  if (unread.length > 0) return { ok: false, problems: unread.flatMap((o) => o.problems).slice(0, MAX_LISTED_PROBLEMS), total: unread.reduce((s, o) => s + o.total, 0) };
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) return { ok: false, problems: failed.problems };
  return { ok: true, result: combinePortfolioParts(portfolio, outcomes.map((o) => (o as { part: PortfolioPart }).part)) };
}

/**
 * The portfolio evaluation as JSON data (POST /portfolios/{id}/evaluate), or the members' problems: on
 * this thread, part after part (the worker pool runs the parts side by side, evaluator.ts).
 */
export function evaluatePortfolioMembers(job: PortfolioJob, onProgress?: MemberProgress): { ok: true; result: PortfolioResult } | { ok: false; problems: Problem[]; total?: number } {
  let done = 0;
  const outcomes = splitPortfolioJob(job).map((part) => {
    const outcome = evaluatePortfolioPart(part, onProgress && ((d) => onProgress(done + d, job.members.length)));
    done += part.members.length;
    return outcome;
  });
  return combinePortfolioPartOutcomes(job.portfolio, outcomes);
}

/** The portfolio workbook (GET /portfolios/{id}/term-sheet.xlsx): every member evaluated, then summed and written. */
export async function writePortfolioWorkbookOfMembers(job: PortfolioJob, onProgress?: MemberProgress): Promise<WorkbookJobOutcome> {
  // The workbook writes each member's own statements and notes: full evaluations.
  const evaluated = evaluateMembers<Evaluation>(job.members, (deal) => evaluateDeal(deal, { asOf: job.asOf, breakEven: false }), onProgress);
  if (!evaluated.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: evaluated.problems, ...(evaluated.total === undefined ? {} : { total: evaluated.total }) };
  const members: EvaluatedMember[] = evaluated.members;
  return { ok: true, bytes: new Uint8Array(await writePortfolioWorkbook(job.portfolio, members, evaluatePortfolio(job.portfolio, members), job.asOf)) };
}

/**
 * One part of a portfolio's workbook (a run of its members, evaluated on one worker of the pool): the
 * part's sums as for the evaluation, and each member's figures the workbook writes, as plain data —
 * the worker that writes the workbook cannot be handed Decimals.
 */
export interface WorkbookPartOutcome {
  outcome: PortfolioPartOutcome;
  members: PlainWorkbookMember[];
}

export function evaluateWorkbookPart(job: PortfolioJob, onProgress?: MemberProgress): WorkbookPartOutcome {
  // The workbook writes each member's own statements and notes: full evaluations.
  const evaluated = evaluateMembers<Evaluation>(job.members, (deal) => evaluateDeal(deal, { asOf: job.asOf, breakEven: false }), onProgress);
  return { outcome: summarisePart(job, evaluated), members: evaluated.ok ? evaluated.members.map(toPlainWorkbookMember) : [] };
}

/**
 * The portfolio workbook from its parts (in member order): the parts combined as the evaluation
 * combines them (the same problems, in the same order, when a member does not read or evaluate), the
 * members' figures read back, then the workbook written — the same workbook as from one evaluation of
 * every member (writePortfolioWorkbookOfMembers), since each part's sums are of amounts to the 分.
 */
export async function writePortfolioWorkbookOfParts(job: { portfolio: Portfolio; asOf: string; parts: readonly WorkbookPartOutcome[] }): Promise<WorkbookJobOutcome> {
  const combined = combinePortfolioPartOutcomes(job.portfolio, job.parts.map((p) => p.outcome));
  if (!combined.ok) return { ok: false, code: 'EVALUATION_FAILED', problems: combined.problems, ...(combined.total === undefined ? {} : { total: combined.total }) };
  const members = job.parts.flatMap((p) => p.members.map(readPlainWorkbookMember));
  return { ok: true, bytes: new Uint8Array(await writePortfolioWorkbook(job.portfolio, members, combined.result, job.asOf)) };
}
