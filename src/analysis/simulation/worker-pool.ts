import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Deal } from '../../deal/deal-schema.js';
import { createFairQueue } from '../../jobs/fair-queue.js';
import { JobTimeBudgetExceeded } from '../../jobs/job-errors.js';
import type { DrawOutcome } from './run-chunk.js';
import type { ChunkRangeRunner, ChunkRunner } from './simulate.js';
import type { SimulationRequest } from './simulation-request.js';

/** One call of runChunks: its chunks fail together. */
interface Run {
  failed: boolean;
  /** Started with the run's first chunk: waiting for a worker is not billed to the run. */
  budget: NodeJS.Timeout | undefined;
}

interface Job {
  run: Run;
  deal: Deal;
  request: SimulationRequest;
  asOf: string;
  chunk: number;
  resolve: (outcomes: DrawOutcome[]) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Its module has loaded (it posted `{ ready: true }`). */
  ready: boolean;
  job: { job: Job; timer: NodeJS.Timeout } | undefined;
  dead: boolean;
  answered: boolean;
}

export interface SimulationPool {
  runChunks: ChunkRunner;
  /** Chunks `from` … `to` − 1 of a simulation (a part of its draws, e.g. one chunk of the durable queue), their outcomes by chunk. */
  runChunkRange: ChunkRangeRunner;
  /** Terminate the workers (they are started on first use). */
  close(): Promise<void>;
}

export interface SimulationPoolOptions {
  /** Time budget of one chunk (100 draws) once a worker has it; past it the worker is replaced and the run fails (default 30 s). */
  chunkBudgetMs?: number;
  /** Time budget of a whole run from its first chunk's start; past it the run's chunks not yet started are dropped and it fails (default 180 s). */
  runBudgetMs?: number;
  /** Whose run is being queued (the request's organisation): chunks are taken in turn by owner. */
  ownerOf?: () => string;
  /** Chunks an owner gives per turn; owners not named give 1. */
  shares?: Readonly<Record<string, number>>;
}

/** Workers in a row that die before answering anything, after which the pool stops replacing them. */
const MAX_START_FAILURES = 3;

/**
 * A pool of worker threads (node:worker_threads) that run simulation chunks with the one engine: each
 * worker imports src/analysis/simulation/run-chunk (through src/worker-bootstrap.mjs, which registers tsx
 * when running from TypeScript). Chunks wait in one queue that hands them out by organisation in turn
 * (weighted round robin, src/jobs/fair-queue.ts), so a 10-draw run queued behind another organisation's
 * 30,000-draw run waits for about one chunk per worker, not for the whole big run.
 *
 * Budgets: a chunk past `chunkBudgetMs` has its worker stopped and replaced; a run past `runBudgetMs`
 * gives up its waiting chunks. Either way only that run fails (JobTimeBudgetExceeded, 503 at the API);
 * other runs' chunks stay queued and run.
 *
 * The workers run the engine on float64 (`arithmetic: 'float64'`, src/finance/decimal.ts): a draw costs
 * about a tenth of an exact evaluation, and its indicators agree with the exact ones to about 14
 * significant digits, far inside the spread of the distributions being sampled.
 */
export function createSimulationPool(size: number = availableParallelism(), { chunkBudgetMs = 30_000, runBudgetMs = 180_000, ownerOf = () => 'anonymous', shares }: SimulationPoolOptions = {}): SimulationPool {
  const workers: Slot[] = [];
  const queue = createFairQueue<Job>({ weights: shares });
  const script = new URL(`./simulation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  let startFailures = 0;
  let broken: Error | undefined;
  let closed = false;

  /** A run fails once: its waiting chunks leave the queue with the same error. */
  const failRun = (run: Run, error: Error) => {
    if (run.failed) return;
    run.failed = true;
    for (const job of queue.remove((job) => job.run === run)) job.reject(error);
  };

  const finish = (slot: Slot) => {
    const running = slot.job;
    if (!running) return undefined;
    clearTimeout(running.timer);
    slot.job = undefined;
    slot.worker.unref(); // an idle worker does not keep the process alive
    return running.job;
  };

  const dispatch = () => {
    for (const slot of workers) {
      if (slot.dead || !slot.ready || slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      if (!job.run.budget) {
        const run = job.run;
        run.budget = setTimeout(() => failRun(run, new JobTimeBudgetExceeded('simulation', runBudgetMs)), runBudgetMs);
        run.budget.unref();
      }
      const timer = setTimeout(() => retire(slot, new JobTimeBudgetExceeded('simulation', chunkBudgetMs)), chunkBudgetMs);
      timer.unref();
      slot.job = { job, timer };
      slot.worker.ref();
      const { deal, request, asOf, chunk } = job;
      slot.worker.postMessage({ deal, request, asOf, chunk });
    }
  };

  const retire = (slot: Slot, error: Error) => {
    if (slot.dead) return;
    slot.dead = true;
    const job = finish(slot);
    if (job) {
      job.reject(error);
      failRun(job.run, error);
    }
    void slot.worker.terminate();
    const index = workers.indexOf(slot);
    if (index >= 0) workers.splice(index, 1);
    if (closed) return;
    if (!(error instanceof JobTimeBudgetExceeded)) startFailures = slot.answered ? 0 : startFailures + 1;
    if (startFailures >= MAX_START_FAILURES) {
      broken = new Error(`simulation workers cannot start (${startFailures} in a row failed): ${error.message}`);
      for (const waiting of queue.remove(() => true)) waiting.reject(broken);
      return;
    }
    workers.push(spawn());
    dispatch();
  };

  const spawn = (): Slot => {
    const worker = new Worker(new URL('../../worker-bootstrap.mjs', import.meta.url), { workerData: { script, arithmetic: 'float64' } });
    const slot: Slot = { worker, ready: false, job: undefined, dead: false, answered: false };
    worker.on('message', (message: { ready?: true; outcomes?: DrawOutcome[]; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
        dispatch();
        if (!slot.job) slot.worker.unref();
        return;
      }
      slot.answered = true;
      startFailures = 0;
      const job = finish(slot);
      if (job) {
        if (message.error !== undefined) {
          const error = new Error(message.error);
          job.reject(error);
          failRun(job.run, error);
        } else job.resolve(message.outcomes!);
      }
      dispatch();
    });
    worker.on('error', (error) => retire(slot, error));
    worker.on('exit', (code) => retire(slot, new Error(`a simulation worker stopped (exit code ${code})`)));
    worker.unref();
    return slot;
  };

  const start = () => {
    while (workers.length < size) workers.push(spawn());
  };

  /** The chunks numbered `numbers`, their outcomes in that order. */
  const runNumberedChunks = async (deal: Deal, request: SimulationRequest, asOf: string, numbers: readonly number[], signal?: AbortSignal, onChunkDone?: () => void): Promise<DrawOutcome[][]> => {
    signal?.throwIfAborted();
    if (closed) throw new Error('the simulation pool closed');
    if (broken) throw broken;
    start();
    const run: Run = { failed: false, budget: undefined };
    const owner = ownerOf();
    const results = numbers.map((chunk) => new Promise<DrawOutcome[]>((resolve, reject) => queue.push(owner, { run, deal, request, asOf, chunk, resolve, reject })));
    if (onChunkDone) for (const result of results) result.then(onChunkDone, () => {});
    // A run whose client went away, or past its budget, gives up its chunks not yet started (those running finish unread).
    const abandon = () => failRun(run, signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
    signal?.addEventListener('abort', abandon, { once: true });
    // Workers still starting keep the process alive while chunks wait for them.
    for (const slot of workers) if (!slot.ready) slot.worker.ref();
    dispatch();
    try {
      return await Promise.all(results);
    } finally {
      clearTimeout(run.budget);
      signal?.removeEventListener('abort', abandon);
      // Promise.all settled on the first failure: the other chunks' rejections are expected and handled here.
      for (const result of results) result.catch(() => {});
    }
  };

  return {
    runChunks: (deal, request, asOf, chunks, signal, onChunkDone) => runNumberedChunks(deal, request, asOf, Array.from({ length: chunks }, (_, k) => k), signal, onChunkDone),
    runChunkRange: (deal, request, asOf, from, to, signal, onChunkDone) => runNumberedChunks(deal, request, asOf, Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k), signal, onChunkDone),
    close: async () => {
      closed = true;
      const closing = workers.splice(0);
      const error = new Error('the simulation pool closed');
      for (const slot of closing) finish(slot)?.reject(error);
      for (const job of queue.remove(() => true)) job.reject(error);
      await Promise.all(closing.map((slot) => slot.worker.terminate()));
    },
  };
}
