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
import { readRequestBody, type BodyJob, type BodyJobOutcome } from './read-request-body.js';
import { createFairQueue } from '../../jobs/fair-queue.js';
import { JobTimeBudgetExceeded, type JobKind } from '../../jobs/job-errors.js';
import { stressPortfolioMembers, type PortfolioStressJob, type StressPartOutcome } from './portfolio-stress-jobs.js';
import { MEMBERS_PER_PART, splitPortfolioJob, writePortfolioWorkbookOfMembers, type MemberProgress, type PortfolioJob, type PortfolioPartOutcome, type WorkbookPartOutcome } from './portfolio-jobs.js';

/**
 * Runs evaluation jobs: on this thread (tests, `workers: 0`) or on a pool of worker threads (the server).
 * A request body given as bytes (a Uint8Array over a whole ArrayBuffer) is handed over to the pool's
 * worker, not copied: once the job is sent its buffer is detached, so a caller hashes or reads it before.
 */
export interface Evaluator {
  /** Validate what a client sent (a deal, or a base deal and overrides) off the request thread. */
  validate(job: ValidationJob): Promise<ValidationJobOutcome>;
  /** Parse and check a request body that is not a deal (a decision tool's, a portfolio's, a scenario's) off the request thread. */
  readBody(job: BodyJob): Promise<BodyJobOutcome>;
  evaluate(job: EvaluationJob): Promise<EvaluationJobOutcome>;
  writeTermSheet(job: EvaluationJob): Promise<WorkbookJobOutcome>;
  /** A decision tool (goal seek, sensitivity, stress): many evaluations in one job. */
  analyse(job: AnalysisJob, onProgress?: MemberProgress): Promise<AnalysisJobOutcome>;
  /** A portfolio's workbook: every member evaluated (in parts on a pool), summed and written. */
  writePortfolioWorkbook(job: PortfolioJob, onProgress?: MemberProgress): Promise<WorkbookJobOutcome>;
  /** A portfolio under shocks (methodology §10.12): every member under the base and each shock, in parts. */
  stressPortfolio(job: PortfolioStressJob, onProgress?: MemberProgress): Promise<AnalysisJobOutcome>;
  close(): Promise<void>;
}

/** Evaluate on the calling thread. */
export function createInlineEvaluator(): Evaluator {
  return {
    validate: async (job) => validateInput(job),
    readBody: async (job) => readRequestBody(job),
    evaluate: async (job) => evaluateInput(job),
    writeTermSheet: (job) => writeTermSheetOfInput(job),
    analyse: async (job, onProgress) => runAnalysis(job, onProgress),
    writePortfolioWorkbook: (job, onProgress) => writePortfolioWorkbookOfMembers(job, onProgress),
    stressPortfolio: async (job, onProgress) => stressPortfolioMembers(job, onProgress),
    close: async () => {},
  };
}

type AnyOutcome = ValidationJobOutcome | BodyJobOutcome | EvaluationJobOutcome | WorkbookJobOutcome | AnalysisJobOutcome | PortfolioPartOutcome | StressPartOutcome | WorkbookPartOutcome;

interface QueuedJob {
  message: Omit<WorkerRequest, 'id'>;
  kind: JobKind;
  budgetMs: number;
  resolve: (outcome: AnyOutcome) => void;
  reject: (error: Error) => void;
  onProgress?: MemberProgress;
}

interface PoolWorker {
  worker: Worker;
  /** Set once its module has loaded (it posts `{ ready: true }`): jobs go only to ready workers, so start-up is not billed to a job's budget. */
  ready: boolean;
  /** The one job it runs, with the timer of its budget. */
  job: { id: number; queued: QueuedJob; timer: NodeJS.Timeout } | undefined;
  /** Set once the worker has failed, been stopped or replaced: it takes no more jobs and fails nothing twice. */
  dead: boolean;
  /** Whether it has answered a job: a worker that dies before that may not be able to start at all. */
  answered: boolean;
}

export interface WorkerPoolOptions {
  /** Time budget of an evaluation or a term sheet, from the moment a worker takes it (default 30 s). */
  jobTimeoutMs?: number;
  /** The same for a decision tool or a portfolio: hundreds of evaluations, so a longer budget (default 120 s). */
  analysisTimeoutMs?: number;
  /** The module each worker runs (tests point it at a broken one); evaluation-worker by default. */
  workerScript?: string;
  /** Whose job is being queued (the request's organisation): jobs are taken in turn by owner (src/jobs/fair-queue.ts). */
  ownerOf?: () => string;
  /** Jobs an owner gives per turn; owners not named give 1. */
  shares?: Readonly<Record<string, number>>;
  /** Members per job of a portfolio evaluation (default MEMBERS_PER_PART): its parts run side by side on the workers. */
  membersPerPart?: number;
}

/**
 * The request bodies of a job (the bytes of a validation's input and overrides, a body job's, an
 * evaluation's input) whose buffers the job may take rather than copy: a 2 MB body then costs the
 * request thread neither a copy nor 2 MB more of external memory (which brings on scavenges) while
 * the job runs. Only a view of a whole buffer is taken: a Node Buffer sharing its pool is copied.
 */
function listHandedOverBodies(message: Omit<WorkerRequest, 'id'>): ArrayBuffer[] {
  if (message.kind === 'analysis' || message.kind === 'portfolio-workbook') return [];
  const job = message.job as { input?: unknown; overrides?: unknown; bytes?: unknown };
  const buffers = [job.input, job.overrides, job.bytes].flatMap((value) =>
    value instanceof Uint8Array && value.buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? [value.buffer] : [],
  );
  return [...new Set(buffers)];
}

/** Workers in a row that die before answering anything, after which the pool stops replacing them. */
const MAX_START_FAILURES = 3;

/**
 * A pool of `size` worker threads, each loading the engine once and running one job at a time. Jobs
 * wait in one queue that hands them out by organisation in turn (weighted round robin, fair-queue.ts),
 * not first come first served, so one organisation's burst does not starve another's single request.
 *
 * A job that runs past its time budget fails alone with JobTimeBudgetExceeded (503 at the API): its
 * worker is stopped and replaced, and the jobs queued behind it wait for the replacement instead of
 * failing. A worker that dies otherwise fails only its own job. Workers that cannot even start are not
 * replaced forever: after three in a row the pool fails every job with the reason.
 */
export function createWorkerPoolEvaluator(size: number, { jobTimeoutMs = 30_000, analysisTimeoutMs = 120_000, workerScript, ownerOf = () => 'anonymous', shares, membersPerPart = MEMBERS_PER_PART }: WorkerPoolOptions = {}): Evaluator {
  if (!Number.isInteger(size) || size < 1) throw new Error(`an evaluation pool needs at least one worker, not ${size}`);
  // src/worker-bootstrap.mjs registers tsx's loader in the thread when the worker is TypeScript, then imports it.
  const bootstrap = new URL('../../worker-bootstrap.mjs', import.meta.url);
  const script = workerScript ?? new URL(`./evaluation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const queue = createFairQueue<QueuedJob>({ weights: shares });
  let nextId = 1;
  let closed = false;
  let startFailures = 0;
  let broken: Error | undefined;

  const finish = (slot: PoolWorker) => {
    const running = slot.job;
    if (!running) return undefined;
    clearTimeout(running.timer);
    slot.job = undefined;
    slot.worker.unref(); // an idle worker does not keep the process alive
    return running.queued;
  };

  const dispatch = () => {
    for (const slot of workers) {
      if (slot.dead || !slot.ready || slot.job) continue;
      const queued = queue.shift();
      if (!queued) return;
      const id = nextId++;
      const timer = setTimeout(() => retire(slot, new JobTimeBudgetExceeded(queued.kind, queued.budgetMs)), queued.budgetMs);
      timer.unref();
      slot.job = { id, queued, timer };
      slot.worker.ref();
      try {
        slot.worker.postMessage({ ...queued.message, id } as WorkerRequest, listHandedOverBodies(queued.message));
      } catch (error) {
        finish(slot);
        queued.reject(error as Error);
      }
    }
  };

  const failEverything = (error: Error) => {
    for (const queued of queue.remove(() => true)) queued.reject(error);
  };

  const retire = (slot: PoolWorker, error: Error) => {
    if (slot.dead) return;
    slot.dead = true;
    finish(slot)?.reject(error);
    void slot.worker.terminate();
    if (closed) return;
    // A job stopped for its budget says nothing about whether workers can start.
    if (!(error instanceof JobTimeBudgetExceeded)) startFailures = slot.answered ? 0 : startFailures + 1;
    if (startFailures >= MAX_START_FAILURES) {
      broken = new Error(`evaluation workers cannot start (${startFailures} in a row failed): ${error.message}`);
      failEverything(broken);
      return;
    }
    const index = workers.indexOf(slot);
    if (index >= 0) workers[index] = spawn();
    dispatch();
  };

  const spawn = (): PoolWorker => {
    const slot: PoolWorker = { worker: new Worker(bootstrap, { workerData: { script } }), ready: false, job: undefined, dead: false, answered: false };
    slot.worker.on('message', (message: { ready?: true; id?: number; outcome?: AnyOutcome; error?: string; progress?: { done: number; total: number } }) => {
      if (message.ready) {
        slot.ready = true;
        dispatch();
        if (!slot.job) slot.worker.unref();
        return;
      }
      if (slot.job?.id !== message.id) return;
      if (message.progress) {
        slot.job!.queued.onProgress?.(message.progress.done, message.progress.total);
        return;
      }
      slot.answered = true;
      startFailures = 0;
      const queued = finish(slot)!;
      if (message.outcome) queued.resolve(message.outcome);
      else queued.reject(new Error(`evaluation failed in a worker: ${message.error}`));
      dispatch();
    });
    slot.worker.on('error', (error) => retire(slot, error));
    slot.worker.on('exit', (code) => retire(slot, new Error(`an evaluation worker stopped (exit code ${code})`)));
    slot.worker.unref();
    return slot;
  };
  const workers = Array.from({ length: size }, spawn);

  const run = (message: Omit<WorkerRequest, 'id'>, kind: JobKind, budgetMs: number, onProgress?: MemberProgress) => {
    if (closed) return Promise.reject(new Error('the evaluation pool is closed'));
    if (broken) return Promise.reject(broken);
    return new Promise<AnyOutcome>((resolve, reject) => {
      queue.push(ownerOf(), { message, kind, budgetMs, resolve, reject, onProgress });
      // Workers still starting keep the process alive while jobs wait for them.
      for (const slot of workers) if (!slot.ready && !slot.dead) slot.worker.ref();
      dispatch();
    });
  };

  /**
   * Each part a job of the fair queue (the parts side by side on the workers), their outcomes in part
   * order; progress counts the members done across the parts (each part reports its own members done).
   */
  const runPortfolioParts = async <P extends { members: readonly unknown[] }, O>(parts: readonly P[], messageOf: (part: P) => Omit<WorkerRequest, 'id'>, onProgress?: MemberProgress): Promise<O[]> => {
    const total = parts.reduce((s, p) => s + p.members.length, 0);
    const done = parts.map(() => 0);
    const report = (i: number) => (d: number) => {
      done[i] = d;
      onProgress?.(done.reduce((s, n) => s + n, 0), total);
    };
    return (await Promise.all(parts.map((part, i) => run(messageOf(part), 'portfolio', analysisTimeoutMs, report(i))))) as O[];
  };

  /**
   * A portfolio evaluated in parts of `membersPerPart` members, each a job of the same queue — so the
   * parts spread over every worker, and another organisation's job is taken between two parts of a
   * large portfolio (fair shares, not a queue blocked for the whole portfolio). Each part hands back
   * its sums, not its members' evaluations; one more job combines them (off the request thread too).
   */
  const evaluatePortfolioInParts = async (job: PortfolioJob, onProgress?: MemberProgress): Promise<AnalysisJobOutcome> => {
    const parts = splitPortfolioJob(job, membersPerPart);
    const outcomes = await runPortfolioParts<PortfolioJob, PortfolioPartOutcome>(parts, (part) => ({ kind: 'portfolio-part', job: part }), onProgress);
    return run({ kind: 'portfolio-combine', job: { portfolio: job.portfolio, outcomes } }, 'portfolio', analysisTimeoutMs) as Promise<AnalysisJobOutcome>;
  };

  /**
   * A portfolio's workbook in the same parts as its evaluation (splitPortfolioJob, membersPerPart), each
   * a job of the fair queue evaluating its members side by side with the others and handing back its
   * sums and its members' figures as plain data; one more job writes the workbook from them.
   */
  const writePortfolioWorkbookInParts = async (job: PortfolioJob, onProgress?: MemberProgress): Promise<WorkbookJobOutcome> => {
    const parts = splitPortfolioJob(job, membersPerPart);
    const outcomes = await runPortfolioParts<PortfolioJob, WorkbookPartOutcome>(parts, (part) => ({ kind: 'portfolio-workbook-part', job: part }), onProgress);
    return run({ kind: 'portfolio-workbook-write', job: { portfolio: job.portfolio, asOf: job.asOf, parts: outcomes } }, 'portfolio', analysisTimeoutMs) as Promise<WorkbookJobOutcome>;
  };

  /**
   * A portfolio stress in parts of a fifth of `membersPerPart` members (each member is the base and
   * every shock: six evaluations with the standard set), each part a job of the fair queue handing back
   * its merged figures, combined on a worker: the same spread over the workers as a portfolio evaluation.
   */
  const stressPortfolioInParts = async (job: PortfolioStressJob, onProgress?: MemberProgress): Promise<AnalysisJobOutcome> => {
    const parts = splitPortfolioJob(job, Math.max(1, Math.ceil(membersPerPart / 5)));
    const outcomes = await runPortfolioParts<PortfolioJob, StressPartOutcome>(parts, (part) => ({ kind: 'portfolio-stress-part', job: { ...part, shocks: job.shocks } }), onProgress);
    return run({ kind: 'portfolio-stress-combine', job: { portfolio: job.portfolio, shocks: job.shocks, outcomes } }, 'portfolio', analysisTimeoutMs) as Promise<AnalysisJobOutcome>;
  };

  return {
    validate: (job) => run({ kind: 'validate', job }, 'evaluation', jobTimeoutMs) as Promise<ValidationJobOutcome>,
    readBody: (job) => run({ kind: 'read-body', job }, 'evaluation', jobTimeoutMs) as Promise<BodyJobOutcome>,
    evaluate: (job) => run({ kind: 'evaluate', job }, 'evaluation', jobTimeoutMs) as Promise<EvaluationJobOutcome>,
    writeTermSheet: (job) => run({ kind: 'term-sheet', job }, 'term-sheet', jobTimeoutMs) as Promise<WorkbookJobOutcome>,
    analyse: (job, onProgress) => (job.tool === 'portfolio' ? evaluatePortfolioInParts(job, onProgress) : (run({ kind: 'analysis', job }, 'analysis', analysisTimeoutMs, onProgress) as Promise<AnalysisJobOutcome>)),
    writePortfolioWorkbook: writePortfolioWorkbookInParts,
    stressPortfolio: stressPortfolioInParts,
    async close() {
      closed = true;
      const error = new Error('the evaluation pool closed');
      for (const slot of workers) finish(slot)?.reject(error);
      failEverything(error);
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
