import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Deal } from '../../deal/deal-schema.js';
import type { DrawOutcome } from './run-chunk.js';
import type { ChunkRunner } from './simulate.js';
import type { SimulationRequest } from './simulation-request.js';

interface Job {
  deal: Deal;
  request: SimulationRequest;
  asOf: string;
  chunk: number;
  resolve: (outcomes: DrawOutcome[]) => void;
  reject: (error: Error) => void;
}

export interface SimulationPool {
  runChunks: ChunkRunner;
  /** Terminate the workers (they are started on first use). */
  close(): Promise<void>;
}

/**
 * A pool of worker threads (node:worker_threads) that run simulation chunks with the one engine: each
 * worker imports src/analysis/simulation/run-chunk (through src/worker-bootstrap.mjs, which registers tsx
 * when running from TypeScript). Chunks are handed out one at a time to whichever worker is free.
 *
 * The workers run the engine on float64 (`arithmetic: 'float64'`, src/finance/decimal.ts): a draw costs
 * about a tenth of an exact evaluation, and its indicators agree with the exact ones to about 14
 * significant digits, far inside the spread of the distributions being sampled.
 */
export function createSimulationPool(size: number = availableParallelism()): SimulationPool {
  const workers: { worker: Worker; job: Job | undefined }[] = [];
  const queue: Job[] = [];
  const script = new URL(`./simulation-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

  const dispatch = () => {
    for (const slot of workers) {
      if (slot.job || queue.length === 0) continue;
      slot.job = queue.shift()!;
      slot.worker.ref();
      const { deal, request, asOf, chunk } = slot.job;
      slot.worker.postMessage({ deal, request, asOf, chunk });
    }
  };
  const start = () => {
    while (workers.length < size) {
      const worker = new Worker(new URL('../../worker-bootstrap.mjs', import.meta.url), { workerData: { script, arithmetic: 'float64' } });
      const slot = { worker, job: undefined as Job | undefined };
      worker.on('message', (message: { outcomes?: DrawOutcome[]; error?: string }) => {
        const job = slot.job!;
        slot.job = undefined;
        slot.worker.unref(); // an idle worker does not keep the process alive
        if (message.error !== undefined) job.reject(new Error(message.error));
        else job.resolve(message.outcomes!);
        dispatch();
      });
      const retire = (error: Error) => {
        const index = workers.indexOf(slot);
        if (index < 0) return;
        workers.splice(index, 1);
        slot.job?.reject(error);
        slot.job = undefined;
        void worker.terminate();
        // With no worker left, the chunks still queued would wait for nobody: fail them too.
        if (workers.length === 0) for (const job of queue.splice(0)) job.reject(error);
        else dispatch();
      };
      worker.on('error', retire);
      worker.on('exit', (code) => retire(new Error(`a simulation worker stopped (exit code ${code})`)));
      worker.unref();
      workers.push(slot);
    }
  };

  return {
    runChunks: async (deal, request, asOf, chunks, signal) => {
      signal?.throwIfAborted();
      start();
      const jobs: Job[] = [];
      const results = Array.from({ length: chunks }, (_, chunk) => new Promise<DrawOutcome[]>((resolve, reject) => jobs.push({ deal, request, asOf, chunk, resolve, reject })));
      queue.push(...jobs);
      // A run whose client went away gives up its chunks not yet started (those running finish unread).
      const abandon = () => {
        const mine = new Set(jobs);
        const kept = queue.filter((job) => !mine.has(job));
        const dropped = queue.filter((job) => mine.has(job));
        queue.splice(0, queue.length, ...kept);
        for (const job of dropped) job.reject(signal!.reason instanceof Error ? signal!.reason : new Error(String(signal!.reason)));
      };
      signal?.addEventListener('abort', abandon, { once: true });
      dispatch();
      try {
        return await Promise.all(results);
      } finally {
        signal?.removeEventListener('abort', abandon);
      }
    },
    close: async () => {
      const closing = workers.splice(0);
      const error = new Error('the simulation pool closed');
      for (const slot of closing) slot.job?.reject(error);
      for (const job of queue.splice(0)) job.reject(error);
      await Promise.all(closing.map((slot) => slot.worker.terminate()));
    },
  };
}
