import { answerPortfolioStress, evaluateMemberStress, mergeStressParts, type PortfolioStressResult, type StressPart } from '../../analysis/portfolio/portfolio-stress.js';
import type { StressCase } from '../../analysis/stress-pack.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { Problem } from '../../deal/problem.js';
import { MAX_LISTED_PROBLEMS } from '../problems/render-problem.js';
import { readMemberDeals, splitPortfolioJob, type MemberProgress, type PortfolioJob } from './portfolio-jobs.js';

/** A portfolio with its members' stored deals and the shocks to run every member under. */
export interface PortfolioStressJob extends PortfolioJob {
  shocks: StressCase[];
}

/** A run of members stressed (as portfolio-parts do for the evaluation): their merged figures, or why not. */
export type StressPartOutcome =
  | { ok: true; part: StressPart }
  | { ok: false; stage: 'read'; problems: Problem[]; total: number }
  | { ok: false; stage: 'evaluate'; problems: Problem[] };

/**
 * One part of a portfolio stress on this thread: its members read, each evaluated under the base and
 * every shock (portfolio-stress.ts evaluateMemberStress), their figures merged. Progress counts members.
 * A member whose base case does not evaluate fails the part at `members[i].deal.<path>`.
 */
export function stressPortfolioPart(job: PortfolioStressJob, onProgress?: MemberProgress): StressPartOutcome {
  const read = readMemberDeals(job.members);
  if (!read.ok) return { ok: false, stage: 'read', problems: read.problems, total: read.total };
  const parts: StressPart[] = [];
  onProgress?.(0, read.deals.length);
  for (const [i, m] of read.deals.entries()) {
    const outcome = evaluateMemberStress({ label: m.label, dealId: m.dealId, deal: m.deal }, job.shocks, job.asOf);
    if (!outcome.ok) return { ok: false, stage: 'evaluate', problems: outcome.problems.map((p) => ({ ...p, path: `members[${m.index}].deal.${p.path}` })) };
    parts.push(outcome.part);
    onProgress?.(i + 1, read.deals.length);
  }
  return { ok: true, part: mergeStressParts(parts) };
}

/**
 * The stress from its parts' outcomes, in member order, as one job over every member would answer:
 * members that do not read first (all of them, the first MAX_LISTED_PROBLEMS listed), else the first
 * member that does not evaluate, else the parts merged and answered.
 */
export function combineStressPartOutcomes(portfolio: Portfolio, shocks: readonly StressCase[], outcomes: readonly StressPartOutcome[]): { ok: true; result: PortfolioStressResult } | { ok: false; problems: Problem[]; total?: number } {
  const unread = outcomes.flatMap((o) => (!o.ok && o.stage === 'read' ? [o] : []));
  if (unread.length > 0) return { ok: false, problems: unread.flatMap((o) => o.problems).slice(0, MAX_LISTED_PROBLEMS), total: unread.reduce((s, o) => s + o.total, 0) };
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) return { ok: false, problems: failed.problems };
  return { ok: true, result: answerPortfolioStress(portfolio, shocks, mergeStressParts(outcomes.map((o) => (o as { part: StressPart }).part))) };
}

/** The stress on this thread, part after part (the worker pool runs the parts side by side, evaluator.ts). */
export function stressPortfolioMembers(job: PortfolioStressJob, onProgress?: MemberProgress): { ok: true; result: PortfolioStressResult } | { ok: false; problems: Problem[]; total?: number } {
  let done = 0;
  const outcomes = splitPortfolioJob(job).map((part) => {
    const outcome = stressPortfolioPart({ ...part, shocks: job.shocks }, onProgress && ((d) => onProgress(done + d, job.members.length)));
    done += part.members.length;
    return outcome;
  });
  return combineStressPartOutcomes(job.portfolio, job.shocks, outcomes);
}
