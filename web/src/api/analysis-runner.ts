import { ApiError, type Client } from './client.js';

export type AnalysisKind = 'solve' | 'sensitivity' | 'stress' | 'simulate';

export interface AnalysisTarget {
  dealId: string;
  revision?: number;
  scenario?: string;
}

/** What the server says of a running job (GET /api/v1/jobs/{id}). */
export interface JobProgress {
  /** 0–1 once the server knows the total (simulation chunks of 100 draws); null while it cannot tell. */
  fraction: number | null;
  done: number;
  total: number | null;
  status: string;
  estimatedRemainingSeconds: number | null;
}

export interface RunOptions {
  signal: AbortSignal;
  onProgress: (progress: JobProgress) => void;
  /** How long to wait between two looks at the job (ms). */
  pollMs?: number;
}

/** How the page runs a decision tool: one call that reports progress and can be cancelled through its signal. */
export interface AnalysisRunner {
  run(kind: AnalysisKind, target: AnalysisTarget, body: unknown, options: RunOptions): Promise<any>;
}

const aborted = () => new DOMException('The run was cancelled', 'AbortError');

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(aborted());
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(aborted());
    };
    signal.addEventListener('abort', stop, { once: true });
  });
}

const readProgress = (job: any): JobProgress => ({
  fraction: job.progress?.fraction ?? null,
  done: job.progress?.done ?? 0,
  total: job.progress?.total ?? null,
  status: job.status,
  estimatedRemainingSeconds: job.estimatedRemainingSeconds ?? null,
});

/** The problem a failed job answered, as the error the synchronous request would have thrown. */
function readFailure(job: any): ApiError {
  const problem = job.problem ?? {};
  return new ApiError(job.answer?.status ?? problem.status ?? 500, problem.title ?? job.status, problem.detail ?? '', Array.isArray(problem.errors) ? problem.errors : [], problem);
}

/**
 * Decision tools as jobs (README "Long work as jobs"): the request goes with `Prefer: respond-async`, the
 * server answers 202 with the job, and the page looks at the job until it ends — its progress (done of
 * total) drives the bar, its inline answer is the result the request would have given, its problem the
 * error. Cancelling aborts the wait and cancels the job on the server (DELETE), so its work stops too.
 * A server that answers at once (200, the preference not applied) is answered as it is.
 */
export function createJobRunner(client: Client): AnalysisRunner {
  return {
    async run(kind, target, body, { signal, onProgress, pollMs = 400 }) {
      onProgress({ fraction: null, done: 0, total: null, status: 'queued', estimatedRemainingSeconds: null });
      // Not aborted in flight: the 202 comes at once, and a job the server made must be known to be cancelled.
      const submitted = await client.call(kind, { params: { id: target.dealId }, query: { revision: target.revision, scenario: target.scenario }, body, headers: { Prefer: 'respond-async' } });
      if (submitted.status === 202 && signal.aborted) {
        await client.call('cancelJob', { params: { id: submitted.body.id } }).catch(() => {});
        throw aborted();
      }
      if (submitted.status !== 202) {
        onProgress({ fraction: 1, done: 1, total: 1, status: 'succeeded', estimatedRemainingSeconds: null });
        return submitted.body;
      }
      let job = submitted.body;
      const cancel = () => void client.call('cancelJob', { params: { id: job.id } }).catch(() => {});
      signal.addEventListener('abort', cancel, { once: true });
      try {
        for (;;) {
          onProgress(readProgress(job));
          if (job.status === 'succeeded') return job.result !== undefined ? job.result : (await client.call('jobResult', { params: { id: job.id }, signal })).body;
          if (job.status === 'failed') throw readFailure(job);
          if (job.status === 'cancelled') throw aborted();
          await wait(pollMs, signal);
          job = (await client.call('getJob', { params: { id: job.id }, signal })).body;
        }
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    },
  };
}
