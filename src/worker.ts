/**
 * A worker process without the HTTP server (`npm run worker`): takes chunks of long jobs from the
 * durable queue on the PostgreSQL at DATABASE_URL (src/jobs/queue) and works them on this thread, one
 * at a time. Run as many as the machines have cores; a worker killed mid-chunk loses nothing: the
 * chunk expires and another worker takes it again.
 */
import { hostname } from 'node:os';
import { createSimulationPool } from './analysis/simulation/worker-pool.js';
import { createChunkKinds } from './api/evaluation/durable-chunk-kinds.js';
import { readWorkerEnv } from './env.js';
import { openDurableQueue } from './jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from './jobs/queue/run-chunk-workers.js';

async function main(): Promise<void> {
  const env = readWorkerEnv();
  // A simulation's part is drawn on one float64 worker thread, as the server's synchronous simulations are
  // (worker-pool.ts): the same draws bit for bit. One thread: this process works one chunk at a time.
  const simulationPool = createSimulationPool(1, { chunkBudgetMs: env.budgets.simulationChunkMs, runBudgetMs: env.budgets.simulationRunMs });
  const kinds = createChunkKinds(simulationPool.runChunkRange);
  const queue = await openDurableQueue(env.databaseUrl, kinds, { settings: env.queue });
  const workerName = `${hostname()}:${process.pid}`;
  await startChunkWorkers(queue, kinds, {
    workerName,
    onChunkStart: ({ jobId, index, attempt }) => console.log(`chunk taken: job ${jobId} chunk ${index} attempt ${attempt + 1}`),
    onChunkDone: ({ jobId, index, jobCompleted }) => console.log(`chunk done: job ${jobId} chunk ${index}${jobCompleted ? ' (job complete)' : ''}`),
  });
  console.log(`worker ${workerName} ready: ${kinds.map((k) => k.name).join(', ')}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`worker ${workerName}: ${signal}, finishing the chunk in hand`);
    Promise.all([queue.close(), simulationPool.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
