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
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
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

const root = fileURLToPath(new URL('../..', import.meta.url));
const i = process.argv.indexOf('--draws');
const draws = i >= 0 ? Number(process.argv[i + 1]) : 10_000;
const compiled = existsSync(`${root}/dist/worker.js`) && existsSync(`${root}/dist/api/evaluation/simulation-chunk-kind.js`) && statSync(`${root}/dist/worker.js`).mtimeMs >= statSync(`${root}/src/worker.ts`).mtimeMs;

function startWorker(url: string): Promise<ChildProcess> {
  const args = compiled ? ['dist/worker.js'] : ['--import', 'tsx', 'src/worker.ts'];
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', DATABASE_URL: url, QUEUE_POLLING_SECONDS: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (b: Buffer) => {
      output += b.toString();
      if (/worker \S+ ready/.test(output)) resolve(child);
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${output}`)));
  });
}

const deal = loadTemplate('fuzhou-gulou-25y');
const asOf = '2026-03-01';
const request = simulationRequestSchema.parse({ draws, seed: 2026 });
const meta = { draws: request.draws, seed: request.seed, irrTarget: request.irrTarget };
const chunks = countChunks(draws);
console.log(`${draws} draws of fuzhou-gulou-25y (${chunks} chunks of 100, ${Math.ceil(chunks / 10)} queue parts), workers ${compiled ? 'dist/worker.js' : 'src/worker.ts (tsx)'}, ${cpus().length} cores`);

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
    while (workers.length < count) workers.push(await startWorker(cluster.url));
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
  for (const w of workers) w.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 1000));
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  cluster.stop();
}
