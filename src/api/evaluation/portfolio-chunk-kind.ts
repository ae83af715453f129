import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { ChunkKind } from '../../jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { combinePortfolioPartOutcomes, evaluatePortfolioPart, MEMBERS_PER_PART, splitPortfolioJob, type PortfolioJob, type PortfolioPartOutcome } from './portfolio-jobs.js';

/**
 * A portfolio evaluated on the durable queue: a chunk is a part of its members (portfolio-jobs.ts),
 * carrying the portfolio, the part's members' stored deal texts and scenario overrides and the as-of
 * date — all a worker of any process needs; it hands back the part's sums and members table, and the
 * parts combine in member order into exactly the portfolio one process evaluates (methodology §10.10).
 */
export const portfolioChunkKind: ChunkKind<PortfolioJob, PortfolioPartOutcome, { portfolio: Portfolio }, ReturnType<typeof combinePortfolioPartOutcomes>> = {
  name: 'portfolio-part',
  runChunk: (part) => evaluatePortfolioPart(part),
  combine: ({ portfolio }, outcomes) => combinePortfolioPartOutcomes(portfolio, outcomes),
};

/** Queues a portfolio's evaluation as parts of `membersPerChunk` members; the job's id. */
export function enqueuePortfolioEvaluation(queue: DurableQueue, job: PortfolioJob, membersPerChunk = MEMBERS_PER_PART): Promise<string> {
  return enqueueChunkedJob(queue, portfolioChunkKind, { portfolio: job.portfolio }, splitPortfolioJob(job, membersPerChunk));
}
