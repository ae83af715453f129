import { readChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { readJobScope } from '../../jobs/job-scope.js';
import type { AnalysisJobOutcome } from './evaluate-input.js';
import type { Evaluator } from './evaluator.js';
import { enqueuePortfolioEvaluation } from './portfolio-chunk-kind.js';
import type { LongJobKind } from '../../jobs/job-kinds.js';
import type { MemberProgress } from './portfolio-jobs.js';
import { enqueuePortfolioStress } from './portfolio-stress-chunk-kind.js';

/** The HTTP jobs the durable queue runs (on PostgreSQL): their record is the queue's to tell (src/api/jobs/read-job-state.ts). */
export const QUEUED_JOB_KINDS: readonly LongJobKind[] = ['portfolio-evaluation', 'portfolio-stress'];

/** What a service process needs, besides the chunks' result, to write the HTTP answer of a queued job (answer-queued-job.ts). */
export interface QueuedAnswerContext {
  asOf: string;
  language: string | null;
}

export interface DurableEvaluatorOptions {
  /** How often the chunked job is read back for progress and its end (ms). */
  pollIntervalMs?: number;
}

/**
 * The one place where a long job's kind is sent to the durable queue: a portfolio evaluation or a
 * portfolio stress that runs as a job (`Prefer: respond-async`, inside a job scope) is queued as
 * chunks on PostgreSQL under the HTTP job's id, for any worker of any process to take; this process
 * waits for the chunks' combined answer, telling the job the members done over all its chunks, and
 * stops waiting when the HTTP job is cancelled (DELETE cancels its chunks in the queue, from any
 * process) — never cancelling them itself, so a process that stops leaves its jobs to the queue. Everything else — a synchronous request, the
 * other kinds — goes to `evaluator` as before.
 */
export function routePortfolioJobsToQueue(evaluator: Evaluator, queue: DurableQueue, { pollIntervalMs = 500 }: DurableEvaluatorOptions = {}): Evaluator {
  const runOnQueue = async (enqueue: (options: EnqueueOptions) => Promise<string>, asOf: string, onProgress: MemberProgress | undefined, scope: NonNullable<ReturnType<typeof readJobScope>>): Promise<AnalysisJobOutcome> => {
    const answerContext: QueuedAnswerContext = { asOf, language: scope.language ?? null };
    const id = await enqueue({ externalId: scope.jobId, answerContext });
    scope.onQueued?.();
    let last = -1;
    for (;;) {
      // Cancelled here: DELETE cancels the chunks in the queue (QueuedJobs.cancel), as it does through any other process.
      if (scope.signal?.aborted) throw scope.signal.reason instanceof Error ? scope.signal.reason : new Error('the job was cancelled');
      const view = await readChunkedJob(queue, id);
      if (!view) throw new Error(`the durable queue lost job ${id}`);
      if (view.units.done !== last) onProgress?.((last = view.units.done), view.units.total);
      if (view.state === 'completed') return view.result as AnalysisJobOutcome;
      // Cancelled (DELETE through any process) or failed: the HTTP job's record already says so, or will (its first end stands).
      if (view.state !== 'running') throw new Error(`on the durable queue: ${view.error ?? view.state}`);
      await new Promise((resolve) => setTimeout(resolve, pollIntervalMs));
    }
  };
  return {
    ...evaluator,
    analyse: (job, onProgress) => {
      const scope = readJobScope();
      if (job.tool !== 'portfolio' || !scope) return evaluator.analyse(job, onProgress);
      return runOnQueue((options) => enqueuePortfolioEvaluation(queue, job, undefined, options), job.asOf, onProgress, scope);
    },
    stressPortfolio: (job, onProgress) => {
      const scope = readJobScope();
      if (!scope) return evaluator.stressPortfolio(job, onProgress);
      return runOnQueue((options) => enqueuePortfolioStress(queue, job, undefined, options), job.asOf, onProgress, scope);
    },
  };
}

