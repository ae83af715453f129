import type { summariseDraws } from '../../analysis/simulation/summarise-draws.js';
import { checkSensitivityRequest } from '../../analysis/sensitivity.js';
import { readChunkedJob, type EnqueueOptions } from '../../jobs/queue/chunked-jobs.js';
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
export const QUEUED_JOB_KINDS: readonly LongJobKind[] = ['portfolio-evaluation', 'portfolio-stress', 'sensitivity', 'simulation'];

/**
 * What a service process needs, besides the chunks' result, to write the HTTP answer of a queued job
 * (answer-queued-job.ts): a portfolio's `{ asOf, result }` (no `answer`: as stored before the others
 * were queued), an analysis's `{ source, result }`, a simulation's `{ source, result }` summarised from
 * the draws with the request's draws, seed and IRR target.
 */
export type QueuedAnswerContext = { asOf: string; language: string | null } & (
  | { answer?: 'portfolio' }
  | { answer: 'analysis'; source: Record<string, unknown> }
  | { answer: 'simulation'; source: Record<string, unknown>; summary: Parameters<typeof summariseDraws>[1] }
);

const portfolioAnswer = (asOf: string, scope: { language?: string }): QueuedAnswerContext => ({ asOf, language: scope.language ?? null });

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
 * waiting never cancels them, leaving the job to the queue; so for a sensitivity job, whose answer
 * context carries the handler's source. Everything else — a synchronous request, the other kinds — goes to
 * `evaluator` as before. (Simulations: route-simulation-jobs.ts.)
 */
export function routePortfolioJobsToQueue(evaluator: Evaluator, queue: DurableQueue, { pollIntervalMs = 500 }: DurableEvaluatorOptions = {}): Evaluator {
  const runOnQueue = async (enqueue: (options: EnqueueOptions) => Promise<string>, answerContext: QueuedAnswerContext | undefined, onProgress: MemberProgress | undefined, scope: NonNullable<ReturnType<typeof readJobScope>>): Promise<AnalysisJobOutcome> => {
    const id = await enqueue({ externalId: scope.jobId, answerContext });
    scope.onQueued?.();
    let last = -1;
    for (;;) {
      // Its chunks are cancelled by DELETE (QueuedJobs.cancel), as through any other process; a process stopping leaves them to the queue.
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
        // Without a source (not asked through the handler) the accepting process writes the answer (read-job-state.ts).
        const answerContext: QueuedAnswerContext | undefined = scope.answerSource ? { answer: 'analysis', asOf: job.asOf, language: scope.language ?? null, source: scope.answerSource } : undefined;
        return runOnQueue((options) => enqueueSensitivity(queue, job, options), answerContext, onProgress ?? reportParts, scope);
      }
      if (job.tool !== 'portfolio' || !scope) return evaluator.analyse(job, onProgress);
      return runOnQueue((options) => enqueuePortfolioEvaluation(queue, job, undefined, options), portfolioAnswer(job.asOf, scope), onProgress, scope);
    },
    stressPortfolio: (job, onProgress) => {
      const scope = readJobScope();
      if (!scope) return evaluator.stressPortfolio(job, onProgress);
      return runOnQueue((options) => enqueuePortfolioStress(queue, job, undefined, options), portfolioAnswer(job.asOf, scope), onProgress, scope);
    },
  };
}

