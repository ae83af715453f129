import type { Deal } from '../../deal/deal-schema.js';
import { combineSensitivityParts, runSensitivityPart, splitSensitivity, type SensitivityPart, type SensitivityPartOutcome } from '../../analysis/sensitivity-parts.js';
import type { SensitivityRequest } from '../../analysis/sensitivity-request.js';
import type { ChunkKind } from '../../jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import type { AnalysisJobOutcome } from './evaluate-input.js';

/** One part of a sensitivity analysis with all a worker of any process needs: the parsed deal, the request, the as-of date. */
export interface SensitivityChunk {
  deal: Deal;
  request: SensitivityRequest;
  asOf: string;
  part: SensitivityPart;
}

/**
 * A sensitivity analysis on the durable queue: a chunk is one part (the base case, one tornado driver,
 * one two-way table, one switching driver — src/analysis/sensitivity-parts.ts), and the parts combine
 * in order into exactly the answer analyseSensitivity gives in one process (exact decimals in both).
 */
export const sensitivityChunkKind: ChunkKind<SensitivityChunk, SensitivityPartOutcome, { request: SensitivityRequest }, AnalysisJobOutcome> = {
  name: 'sensitivity-part',
  runChunk: (chunk) => runSensitivityPart(chunk.deal, chunk.request, chunk.asOf, chunk.part),
  combine: ({ request }, outcomes) => combineSensitivityParts(request, outcomes),
};

/** Queues a sensitivity analysis (its request already checked: checkSensitivityRequest) as its parts; the chunked job's id. */
export function enqueueSensitivity(queue: DurableQueue, job: { deal: Deal; request: SensitivityRequest; asOf: string }, options: EnqueueOptions = {}): Promise<string> {
  const chunks = splitSensitivity(job.deal, job.request).map((part): SensitivityChunk => ({ deal: job.deal, request: job.request, asOf: job.asOf, part }));
  return enqueueChunkedJob(queue, sensitivityChunkKind, { request: job.request }, chunks, options);
}
