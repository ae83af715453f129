/**
 * The durable queue's benchmark (issue 19): a portfolio of 1,000 members evaluated in chunks of 50 on
 * one worker process, then on two, on the same throwaway PostgreSQL (tests/helpers/postgres-cluster.ts).
 * Each run's wall time is from queueing the job to its combined answer, with the workers already
 * started; the answers of both runs must be equal. Each run is bounded (--timeout seconds, default 600).
 *
 *   npx tsx tests/bench/durable-queue.ts [--members 1000] [--chunk 50] [--timeout 600]
 *
 * Workers: tests/bench/support/queue-workers.ts (the compiled dist/worker.js when it is up to date, else src/worker.ts through tsx).
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { enqueuePortfolioEvaluation, portfolioChunkKind } from '../../src/api/evaluation/portfolio-chunk-kind.js';
import { waitForChunkedJob } from '../../src/jobs/queue/chunked-jobs.js';
import { openDurableQueue } from '../../src/jobs/queue/open-durable-queue.js';
import { startPostgresCluster } from '../helpers/postgres-cluster.js';
import { makePortfolioJob } from '../helpers/portfolio-job.js';
import { chooseWorkerEntry, startQueueWorker, stopQueueWorkers } from './support/queue-workers.js';

const option = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const members = option('members', 1000);
const chunk = option('chunk', 50);
const timeoutMs = option('timeout', 600) * 1000;
const worker = chooseWorkerEntry(['dist/api/evaluation/portfolio-chunk-kind.js']);

const cluster = await startPostgresCluster('queue_bench');
const workers: ChildProcess[] = [];
try {
  const queue = await openDurableQueue(cluster.url, [portfolioChunkKind]);
  const job = makePortfolioJob(members);
  console.log(`${members} members in chunks of ${chunk} (${Math.ceil(members / chunk)} chunks), workers ${worker.label}`);
  const answers: unknown[] = [];
  for (const count of [1, 2]) {
    while (workers.length < count) workers.push(await startQueueWorker(cluster.url, worker));
    const load = loadavg()[0]!.toFixed(1);
    const start = performance.now();
    const id = await enqueuePortfolioEvaluation(queue, job, chunk);
    const view = await waitForChunkedJob(queue, id, { timeoutMs, intervalMs: 100 });
    const seconds = (performance.now() - start) / 1000;
    if (view.state !== 'completed') throw new Error(`job ${view.state}: ${view.error}`);
    answers.push(view.result);
    console.log(`${count} worker process${count > 1 ? 'es' : ''}: ${seconds.toFixed(1)} s wall (${(seconds * 1000 / members).toFixed(1)} ms a member), load average ${load} at the start`);
  }
  console.log(`answers equal: ${isDeepStrictEqual(answers[0], answers[1])}`);
  await queue.close();
} finally {
  await stopQueueWorkers(workers);
  cluster.stop();
}
