import { Worker } from 'node:worker_threads';
import { evaluateInput, writeTermSheetOfInput, type EvaluationJob, type EvaluationJobOutcome, type TermSheetJobOutcome } from './evaluate-input.js';
import type { WorkerRequest } from './evaluation-worker.js';

/** Runs evaluation jobs: on this thread (tests, `workers: 0`) or on a pool of worker threads (the server). */
export interface Evaluator {
  evaluate(job: EvaluationJob): Promise<EvaluationJobOutcome>;
  writeTermSheet(job: EvaluationJob): Promise<TermSheetJobOutcome>;
  close(): Promise<void>;
}

/** Evaluate on the calling thread. */
export function createInlineEvaluator(): Evaluator {
  return {
    evaluate: async (job) => evaluateInput(job),
    writeTermSheet: (job) => writeTermSheetOfInput(job),
    close: async () => {},
  };
}

interface Pending {
  resolve: (outcome: EvaluationJobOutcome | TermSheetJobOutcome) => void;
  reject: (error: Error) => void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * A pool of `size` worker threads, each loading the engine once. A job goes to the worker with the
 * fewest jobs in flight, so the event loop stays free to accept requests while evaluations run on
 * every core. A worker that dies fails its jobs (the request answers 500) and is replaced.
 */
export function createWorkerPoolEvaluator(size: number): Evaluator {
  if (!Number.isInteger(size) || size < 1) throw new Error(`an evaluation pool needs at least one worker, not ${size}`);
  // src/worker-bootstrap.mjs registers tsx's loader in the thread when the worker is TypeScript, then imports it.
  const bootstrap = new URL('../../worker-bootstrap.mjs', import.meta.url);
  const script = new URL(`./evaluation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  let nextId = 1;
  let closed = false;

  const spawn = (): PoolWorker => {
    const slot: PoolWorker = { worker: new Worker(bootstrap, { workerData: { script } }), pending: new Map() };
    slot.worker.on('message', (message: { id: number; outcome?: EvaluationJobOutcome | TermSheetJobOutcome; error?: string }) => {
      const pending = slot.pending.get(message.id);
      if (!pending) return;
      slot.pending.delete(message.id);
      if (message.outcome) pending.resolve(message.outcome);
      else pending.reject(new Error(`evaluation failed in a worker: ${message.error}`));
    });
    const fail = (error: Error) => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      if (!closed) workers[workers.indexOf(slot)] = spawn();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!closed) fail(new Error(`an evaluation worker stopped (exit code ${code})`));
    });
    slot.worker.unref();
    return slot;
  };
  const workers = Array.from({ length: size }, spawn);

  const run = (kind: WorkerRequest['kind'], job: EvaluationJob) => {
    if (closed) return Promise.reject(new Error('the evaluation pool is closed'));
    const slot = workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
    const id = nextId++;
    return new Promise<EvaluationJobOutcome | TermSheetJobOutcome>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, kind, job } satisfies WorkerRequest);
    });
  };

  return {
    evaluate: (job) => run('evaluate', job) as Promise<EvaluationJobOutcome>,
    writeTermSheet: (job) => run('term-sheet', job) as Promise<TermSheetJobOutcome>,
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

