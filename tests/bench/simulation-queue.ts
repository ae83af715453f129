/**
 * A Monte Carlo simulation on the durable queue (issue 19, methodology §8.7): one simulation of the
 * 25-year template (default variables) drawn at once on a float64 simulation pool of one thread in
 * this process, then as a queued job in parts of 1,000 draws on one worker process, then on two, on a
 * throwaway PostgreSQL (tests/helpers/postgres-cluster.ts). Wall time of each queued run is from queueing
 * to all the draws back, with the workers started and idle; all three summaries must be equal.
 *
 *   npx tsx tests/bench/simulation-queue.ts [--draws 10000]
 *
 * Workers run the compiled dist/worker.js when it is newer than src/worker.ts (npm run build:server),
 * else src/worker.ts through tsx.
 */
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { countChunks } from '../../src/analysis/simulation/run-chunk.js';
import { simulationRequestSchema } from '../../src/analysis/simulation/simulation-request.js';
import { summariseDraws } from '../../src/analysis/simulation/summarise-draws.js';
import { createSimulationPool } from '../../src/analysis/simulation/worker-pool.js';
import { CHUNK_KINDS } from '../../src/api/evaluation/durable-chunk-kinds.js';
import { decodeSimulationResult, enqueueSimulation } from '../../src/api/evaluation/simulation-chunk-kind.js';
import { waitForChunkedJob } from '../../src/jobs/queue/chunked-jobs.js';
import { openDurableQueue } from '../../src/jobs/queue/open-durable-queue.js';
import { loadTemplate } from '../helpers/load-template.js';
import { startPostgresCluster } from '../helpers/postgres-cluster.js';
import { chooseWorkerEntry, startQueueWorker, stopQueueWorkers } from './support/queue-workers.js';

const i = process.argv.indexOf('--draws');
const draws = i >= 0 ? Number(process.argv[i + 1]) : 10_000;
const entry = chooseWorkerEntry(['dist/api/evaluation/simulation-chunk-kind.js']);

const deal = loadTemplate('fuzhou-gulou-25y');
const asOf = '2026-03-01';
const request = simulationRequestSchema.parse({ draws, seed: 2026 });
const meta = { draws: request.draws, seed: request.seed, irrTarget: request.irrTarget };
const chunks = countChunks(draws);
console.log(`${draws} draws of fuzhou-gulou-25y (${chunks} chunks of 100, ${Math.ceil(chunks / 10)} queue parts), workers ${entry.label}, ${cpus().length} cores`);

const pool = createSimulationPool(1);
await pool.runChunkRange(deal, request, asOf, 0, 1); // the thread started and warm
let start = performance.now();
const direct = summariseDraws((await pool.runChunks(deal, request, asOf, chunks)).flat(), meta);
console.log(`at once, one float64 thread in this process: ${((performance.now() - start) / 1000).toFixed(1)} s, load average ${loadavg()[0]!.toFixed(1)}`);
await pool.close();

const cluster = await startPostgresCluster('simulation_queue_bench');
const workers: ChildProcess[] = [];
try {
  const queue = await openDurableQueue(cluster.url, CHUNK_KINDS);
  const answers: unknown[] = [direct];
  for (const count of [1, 2]) {
    while (workers.length < count) workers.push(await startQueueWorker(cluster.url, entry));
    // Warm the workers' threads with a one-chunk job each.
    for (let w = 0; w < count; w++) await waitForChunkedJob(queue, await enqueueSimulation(queue, { deal, request: { ...request, draws: 100 }, asOf, chunks: 1 }), { timeoutMs: 300_000 });
    const load = loadavg()[0]!.toFixed(1);
    start = performance.now();
    const id = await enqueueSimulation(queue, { deal, request, asOf, chunks });
    const view = await waitForChunkedJob(queue, id, { timeoutMs: 1_800_000, intervalMs: 250 });
    const seconds = (performance.now() - start) / 1000;
    if (view.state !== 'completed') throw new Error(`job ${view.state}: ${view.error}`);
    answers.push(summariseDraws(decodeSimulationResult(view.result).flat(), meta));
    console.log(`queued, ${count} worker process${count > 1 ? 'es' : ''}: ${seconds.toFixed(1)} s wall, load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  }
  console.log(`summaries equal: ${isDeepStrictEqual(answers[0], answers[1]) && isDeepStrictEqual(answers[0], answers[2])}`);
  await queue.close();
} finally {
  await stopQueueWorkers(workers);
  cluster.stop();
}
