import { checkSensitivityRequest } from '../../analysis/sensitivity.js';
import { cancelChunkedJob, readChunkedJob } from '../../jobs/queue/chunked-jobs.js';
import type { DurableQueue } from '../../jobs/queue/open-durable-queue.js';
import { readJobScope } from '../../jobs/job-scope.js';
import type { AnalysisJobOutcome } from './evaluate-input.js';
import type { Evaluator } from './evaluator.js';
import { enqueuePortfolioEvaluation } from './portfolio-chunk-kind.js';
import type { MemberProgress } from './portfolio-jobs.js';
import { enqueuePortfolioStress } from './portfolio-stress-chunk-kind.js';
import { enqueueSensitivity } from './sensitivity-chunk-kind.js';

export interface DurableEvaluatorOptions {
  /** How often the chunked job is read back for progress and its end (ms). */
  pollIntervalMs?: number;
}

/**
 * The one place where a long job's kind is sent to the durable queue: a portfolio evaluation, a
 * portfolio stress or a sensitivity analysis (in its parts: sensitivity-chunk-kind.ts) that runs as a
 * job (`Prefer: respond-async`, inside a job scope) is queued as chunks on PostgreSQL under the HTTP
 * job's id, for any worker of any process to take; this process waits for the chunks' combined answer,
 * telling the job the units (members, parts) done over all its chunks, and cancels the chunked job when
 * the HTTP job is cancelled. Everything else — a synchronous request, the other kinds — goes to
 * `evaluator` as before. (Simulations: route-simulation-jobs.ts.)
 */
export function routePortfolioJobsToQueue(evaluator: Evaluator, queue: DurableQueue, { pollIntervalMs = 500 }: DurableEvaluatorOptions = {}): Evaluator {
  const runOnQueue = async (enqueue: (externalId: string) => Promise<string>, onProgress: MemberProgress | undefined, scope: NonNullable<ReturnType<typeof readJobScope>>): Promise<AnalysisJobOutcome> => {
    const id = await enqueue(scope.jobId);
    let last = -1;
    for (;;) {
      if (scope.signal?.aborted) {
        await cancelChunkedJob(queue, id);
        throw scope.signal.reason instanceof Error ? scope.signal.reason : new Error('the job was cancelled');
      }
      const view = await readChunkedJob(queue, id);
      if (!view) throw new Error(`the durable queue lost job ${id}`);
      if (view.units.done !== last) onProgress?.((last = view.units.done), view.units.total);
      if (view.state === 'completed') return view.result as AnalysisJobOutcome;
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
        return runOnQueue((externalId) => enqueueSensitivity(queue, job, { externalId }), onProgress ?? reportParts, scope);
      }
      if (job.tool !== 'portfolio' || !scope) return evaluator.analyse(job, onProgress);
      return runOnQueue((externalId) => enqueuePortfolioEvaluation(queue, job, undefined, { externalId }), onProgress, scope);
    },
    stressPortfolio: (job, onProgress) => {
      const scope = readJobScope();
      if (!scope) return evaluator.stressPortfolio(job, onProgress);
      return runOnQueue((externalId) => enqueuePortfolioStress(queue, job, undefined, { externalId }), onProgress, scope);
    },
  };
}

