import { Worker } from 'node:worker_threads';
import {
  evaluateInput,
  runAnalysis,
  validateInput,
  writeTermSheetOfInput,
  type AnalysisJob,
  type AnalysisJobOutcome,
  type EvaluationJob,
  type EvaluationJobOutcome,
  type ValidationJob,
  type ValidationJobOutcome,
  type WorkbookJobOutcome,
} from './evaluate-input.js';
import type { WorkerRequest } from './evaluation-worker.js';
import { writePortfolioWorkbookOfMembers, type PortfolioJob } from './portfolio-jobs.js';

/** Runs evaluation jobs: on this thread (tests, `workers: 0`) or on a pool of worker threads (the server). */
export interface Evaluator {
  /** Validate what a client sent (a deal, or a base deal and overrides) off the request thread. */
  validate(job: ValidationJob): Promise<ValidationJobOutcome>;
  evaluate(job: EvaluationJob): Promise<EvaluationJobOutcome>;
  writeTermSheet(job: EvaluationJob): Promise<WorkbookJobOutcome>;
  /** A decision tool (goal seek, sensitivity, stress): many evaluations in one job. */
  analyse(job: AnalysisJob): Promise<AnalysisJobOutcome>;
  /** A portfolio's workbook: every member evaluated, summed and written, in one job. */
  writePortfolioWorkbook(job: PortfolioJob): Promise<WorkbookJobOutcome>;
  close(): Promise<void>;
}

/** Evaluate on the calling thread. */
export function createInlineEvaluator(): Evaluator {
  return {
    validate: async (job) => validateInput(job),
    evaluate: async (job) => evaluateInput(job),
    writeTermSheet: (job) => writeTermSheetOfInput(job),
    analyse: async (job) => runAnalysis(job),
    writePortfolioWorkbook: (job) => writePortfolioWorkbookOfMembers(job),
    close: async () => {},
  };
}

type AnyOutcome = ValidationJobOutcome | EvaluationJobOutcome | WorkbookJobOutcome | AnalysisJobOutcome;

interface Pending {
  resolve: (outcome: AnyOutcome) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Set once the worker has failed, been stopped or replaced: it takes no more jobs and fails nothing twice. */
  dead: boolean;
  /** Whether it has answered a job: a worker that dies before that may not be able to start at all. */
  answered: boolean;
}

export interface WorkerPoolOptions {
  /** An evaluation or term sheet still running after this is failed and its worker replaced (the request answers 500). */
  jobTimeoutMs?: number;
  /** The same for a decision tool or a portfolio: hundreds of evaluations, so a longer deadline. */
  analysisTimeoutMs?: number;
  /** The module each worker runs (tests point it at a broken one); evaluation-worker by default. */
  workerScript?: string;
}

/** Workers in a row that die before answering anything, after which the pool stops replacing them. */
const MAX_START_FAILURES = 3;

/**
 * A pool of `size` worker threads, each loading the engine once. A job goes to the worker with the
 * fewest jobs in flight, so the event loop stays free to accept requests while evaluations run on
 * every core. A worker that dies, or runs a job past the deadline, fails its jobs (the request
 * answers 500) and is replaced once; workers that cannot even start are not replaced forever: after
 * three in a row the pool fails every job with the reason.
 */
export function createWorkerPoolEvaluator(size: number, { jobTimeoutMs = 60_000, analysisTimeoutMs = 600_000, workerScript }: WorkerPoolOptions = {}): Evaluator {
  if (!Number.isInteger(size) || size < 1) throw new Error(`an evaluation pool needs at least one worker, not ${size}`);
  // src/worker-bootstrap.mjs registers tsx's loader in the thread when the worker is TypeScript, then imports it.
  const bootstrap = new URL('../../worker-bootstrap.mjs', import.meta.url);
  const script = workerScript ?? new URL(`./evaluation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let broken: Error | undefined;

  const settle = (slot: PoolWorker, id: number): Pending | undefined => {
    const pending = slot.pending.get(id);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    slot.pending.delete(id);
    if (slot.pending.size === 0) slot.worker.unref(); // an idle worker does not keep the process alive
    return pending;
  };

  const retire = (slot: PoolWorker, error: Error) => {
    if (slot.dead) return;
    slot.dead = true;
    for (const id of [...slot.pending.keys()]) settle(slot, id)!.reject(error);
    void slot.worker.terminate();
    if (closed) return;
    startFailures = slot.answered ? 0 : startFailures + 1;
    if (startFailures >= MAX_START_FAILURES) {
      broken = new Error(`evaluation workers cannot start (${startFailures} in a row failed): ${error.message}`);
      return;
    }
    const index = workers.indexOf(slot);
    if (index >= 0) workers[index] = spawn();
  };

  const spawn = (): PoolWorker => {
    const slot: PoolWorker = { worker: new Worker(bootstrap, { workerData: { script } }), pending: new Map(), dead: false, answered: false };
    slot.worker.on('message', (message: { id: number; outcome?: AnyOutcome; error?: string }) => {
      slot.answered = true;
      startFailures = 0;
      const pending = settle(slot, message.id);
      if (!pending) return;
      if (message.outcome) pending.resolve(message.outcome);
      else pending.reject(new Error(`evaluation failed in a worker: ${message.error}`));
    });
    slot.worker.on('error', (error) => retire(slot, error));
    slot.worker.on('exit', (code) => retire(slot, new Error(`an evaluation worker stopped (exit code ${code})`)));
    slot.worker.unref();
    return slot;
  };
  const workers = Array.from({ length: size }, spawn);

  const run = (message: Omit<WorkerRequest, 'id'>, deadlineMs = jobTimeoutMs) => {
    if (closed) return Promise.reject(new Error('the evaluation pool is closed'));
    if (broken) return Promise.reject(broken);
    const alive = workers.filter((w) => !w.dead);
    if (alive.length === 0) return Promise.reject(new Error('no evaluation worker is running'));
    const slot = alive.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
    const id = nextId++;
    return new Promise<AnyOutcome>((resolve, reject) => {
      const timer = setTimeout(() => retire(slot, new Error(`an evaluation ran past ${deadlineMs} ms; its worker was stopped`)), deadlineMs);
      timer.unref();
      slot.pending.set(id, { resolve, reject, timer });
      slot.worker.ref();
      try {
        slot.worker.postMessage({ ...message, id } as WorkerRequest);
      } catch (error) {
        settle(slot, id);
        reject(error as Error);
      }
    });
  };

  return {
    validate: (job) => run({ kind: 'validate', job }) as Promise<ValidationJobOutcome>,
    evaluate: (job) => run({ kind: 'evaluate', job }) as Promise<EvaluationJobOutcome>,
    writeTermSheet: (job) => run({ kind: 'term-sheet', job }) as Promise<WorkbookJobOutcome>,
    analyse: (job) => run({ kind: 'analysis', job }, analysisTimeoutMs) as Promise<AnalysisJobOutcome>,
    writePortfolioWorkbook: (job) => run({ kind: 'portfolio-workbook', job }, analysisTimeoutMs) as Promise<WorkbookJobOutcome>,
    async close() {
      closed = true;
      const error = new Error('the evaluation pool closed');
      for (const slot of workers) for (const id of [...slot.pending.keys()]) settle(slot, id)!.reject(error);
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
