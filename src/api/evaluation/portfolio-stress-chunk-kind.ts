import type { StressCase } from '../../analysis/stress-pack.js';
import type { Portfolio } from '../../deal/portfolio-schema.js';
import type { ChunkKind } from '../../jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { workMembersInSteps } from './portfolio-chunk-kind.js';
import { splitPortfolioJob } from './portfolio-jobs.js';
import { combineStressPartOutcomes, stressPortfolioPart, type PortfolioStressJob, type StressPartOutcome } from './portfolio-stress-jobs.js';

/** Members a stress chunk works between two reports of its progress (each member is the base and every shock: six evaluations with the standard set). */
export const STRESS_PROGRESS_STEP = 2;

/** Members of a stress chunk on the durable queue: 25 members × 6 evaluations is tens of seconds on a loaded worker, far inside the chunk's expiry. */
export const MEMBERS_PER_STRESS_CHUNK = 25;

/**
 * A portfolio stress on the durable queue (methodology §10.12): a chunk is a run of members with
 * everything a worker of any process needs — the portfolio, the members' stored deal texts and
 * scenario overrides, the as-of date and the shocks — and hands back its steps' merged figures (a step
 * of STRESS_PROGRESS_STEP members, its progress reported after each). The steps of every chunk, in
 * member order, are merged and answered as one process answers the stress: mergeStressParts is
 * associative and every figure a decimal string, so the combined answer is the same to the 分.
 */
export const portfolioStressChunkKind: ChunkKind<PortfolioStressJob, StressPartOutcome[], { portfolio: Portfolio; shocks: StressCase[] }, ReturnType<typeof combineStressPartOutcomes>> = {
  name: 'portfolio-stress-part',
  countUnits: (part) => part.members.length,
  runChunk: (part, report) => workMembersInSteps(part, STRESS_PROGRESS_STEP, (step) => stressPortfolioPart(step), (read): StressPartOutcome => ({ ok: false, stage: 'read', ...read }), report),
  combine: ({ portfolio, shocks }, outcomes) => combineStressPartOutcomes(portfolio, shocks, outcomes.flat()),
};

/** Queues a portfolio stress as chunks of `membersPerChunk` members, each carrying the shocks; the job's id. */
export function enqueuePortfolioStress(queue: DurableQueue, job: PortfolioStressJob, membersPerChunk = MEMBERS_PER_STRESS_CHUNK, options: EnqueueOptions = {}): Promise<string> {
  const chunks = splitPortfolioJob(job, membersPerChunk).map((part) => ({ ...part, shocks: job.shocks }));
  return enqueueChunkedJob(queue, portfolioStressChunkKind, { portfolio: job.portfolio, shocks: job.shocks }, chunks, options);
}
