import { checkSensitivityRequest } from '../../analysis/sensitivity.js';
import { cancelChunkedJob, readChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { readJobScope } from '../../jobs/job-scope.js';
import type { AnalysisJobOutcome } from './evaluate-input.js';
import type { Evaluator } from './evaluator.js';
import { enqueuePortfolioEvaluation } from './portfolio-chunk-kind.js';
import type { LongJobKind } from '../../jobs/job-kinds.js';
import type { MemberProgress } from './portfolio-jobs.js';
import { enqueuePortfolioStress } from './portfolio-stress-chunk-kind.js';
import { enqueueSensitivity } from './sensitivity-chunk-kind.js';

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
 * The one place where a long job's kind is sent to the durable queue: a portfolio evaluation, a
 * portfolio stress or a sensitivity analysis (in its parts: sensitivity-chunk-kind.ts) that runs as a
 * job (`Prefer: respond-async`, inside a job scope) is queued as chunks on PostgreSQL under the HTTP
 * job's id, for any worker of any process to take; this process waits for the chunks' combined answer,
 * telling the job the units (members, parts) done over all its chunks. A portfolio job's record is the
 * queue's (QUEUED_JOB_KINDS): DELETE cancels its chunks from any process, and a process that stops
 * waiting never cancels them, leaving the job to the queue. A sensitivity job's record is this
 * process's: when its wait is aborted (DELETE, or the process stopping, which reports it interrupted)
 * its chunks are cancelled here. Everything else — a synchronous request, the other kinds — goes to
 * `evaluator` as before. (Simulations: route-simulation-jobs.ts.)
 */
export function routePortfolioJobsToQueue(evaluator: Evaluator, queue: DurableQueue, { pollIntervalMs = 500 }: DurableEvaluatorOptions = {}): Evaluator {
  const runOnQueue = async (enqueue: (options: EnqueueOptions) => Promise<string>, asOf: string, onProgress: MemberProgress | undefined, scope: NonNullable<ReturnType<typeof readJobScope>>, { cancelOnAbort = false } = {}): Promise<AnalysisJobOutcome> => {
    const answerContext: QueuedAnswerContext = { asOf, language: scope.language ?? null };
    const id = await enqueue({ externalId: scope.jobId, answerContext });
    scope.onQueued?.();
    let last = -1;
    for (;;) {
      // A queued kind's chunks are cancelled by DELETE (QueuedJobs.cancel), as through any other process; another kind's, here.
      if (scope.signal?.aborted && cancelOnAbort) await cancelChunkedJob(queue, id);
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
      if (scope && job.tool === 'sensitivity') {
        // The request's own problems (no evaluation) answer at once; the parts go to the queue (sensitivity-chunk-kind.ts).
        const problems = checkSensitivityRequest(job.deal, job.request);
        if (problems.length > 0) return Promise.resolve({ ok: false, problems });
        // Its progress: the parts done (the handler passes no reporter; a sensitivity in one piece has none).
        const reportParts: MemberProgress = (done, total) => scope.report({ done, total });
        return runOnQueue((options) => enqueueSensitivity(queue, job, options), job.asOf, onProgress ?? reportParts, scope, { cancelOnAbort: true });
      }
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

