import type { Problem } from '../../deal/problem.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { ChunkKind, ReportChunkUnits } from '../../jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { combinePortfolioPartOutcomes, evaluatePortfolioPart, MEMBERS_PER_PART, readMemberDeals, splitPortfolioJob, type PortfolioJob, type PortfolioPartOutcome } from './portfolio-jobs.js';

/** Members a portfolio chunk evaluates between two reports of its progress. */
export const PORTFOLIO_PROGRESS_STEP = 10;

/**
 * A chunk's members worked in steps of `step` members (each step one part, `work`), its progress
 * reported after each step: the steps' outcomes in member order. Members that do not read are found
 * first, for the whole chunk (as one part would: no member evaluated then); a step that fails to
 * evaluate ends the chunk (the first such member is the answer's problem, as in one part).
 */
export async function workMembersInSteps<Job extends PortfolioJob, Outcome extends { ok: boolean }>(
  job: Job,
  step: number,
  work: (part: Job) => Outcome,
  unread: (read: { problems: Problem[]; total: number }) => Outcome,
  report: ReportChunkUnits,
): Promise<Outcome[]> {
  const read = readMemberDeals(job.members);
  if (!read.ok) return [unread(read)];
  const outcomes: Outcome[] = [];
  for (let start = 0; start < job.members.length; start += step) {
    const outcome = work({ ...job, members: job.members.slice(start, start + step) });
    outcomes.push(outcome);
    if (!outcome.ok) break;
    await report(Math.min(job.members.length, start + step));
  }
  return outcomes;
}

/**
 * A portfolio evaluated on the durable queue: a chunk is a part of its members (portfolio-jobs.ts),
 * carrying the portfolio, the part's members' stored deal texts and scenario overrides and the as-of
 * date — all a worker of any process needs; it hands back its steps' sums and members tables (a step
 * of PORTFOLIO_PROGRESS_STEP members, its progress reported after each), and every chunk's steps
 * combine in member order into exactly the portfolio one process evaluates (methodology §10.10).
 */
export const portfolioChunkKind: ChunkKind<PortfolioJob, PortfolioPartOutcome[], { portfolio: Portfolio }, ReturnType<typeof combinePortfolioPartOutcomes>> = {
  name: 'portfolio-part',
  countUnits: (part) => part.members.length,
  runChunk: (part, report) => workMembersInSteps(part, PORTFOLIO_PROGRESS_STEP, (step) => evaluatePortfolioPart(step), (read): PortfolioPartOutcome => ({ ok: false, stage: 'read', ...read }), report),
  combine: ({ portfolio }, outcomes) => combinePortfolioPartOutcomes(portfolio, outcomes.flat()),
};

/** Queues a portfolio's evaluation as parts of `membersPerChunk` members; the job's id. */
export function enqueuePortfolioEvaluation(queue: DurableQueue, job: PortfolioJob, membersPerChunk = MEMBERS_PER_PART, options: EnqueueOptions = {}): Promise<string> {
  return enqueueChunkedJob(queue, portfolioChunkKind, { portfolio: job.portfolio }, splitPortfolioJob(job, membersPerChunk), options);
}
