/**
 * Province-scale portfolio stress on the durable queue (issue 19): a portfolio of 1,000 members under
 * the 5 standard shocks (each member the base and every shock: 6,000 evaluations), in chunks of 25
 * members, on one worker process, then on two, on the same throwaway PostgreSQL
 * (tests/helpers/postgres-cluster.ts). Each run's wall time is from queueing the job to its combined
 * answer, with the workers already started and idle; both answers must be equal. Each run is bounded
 * (--timeout seconds, default 1800).
 *
 *   npm run bench:queue-stress -- [--members 1000] [--chunk 25] [--timeout 1800]
 *
 * Workers: tests/bench/support/queue-workers.ts (the compiled dist/worker.js when it is up to date, else src/worker.ts through tsx).
 */
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { DEFAULT_PORTFOLIO_SHOCKS } from '../../src/analysis/portfolio/portfolio-shocks.js';
import { CHUNK_KINDS } from '../../src/api/evaluation/durable-chunk-kinds.js';
import { enqueuePortfolioStress } from '../../src/api/evaluation/portfolio-stress-chunk-kind.js';
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
const chunk = option('chunk', 25);
const timeoutMs = option('timeout', 1800) * 1000;
const worker = chooseWorkerEntry(['dist/api/evaluation/portfolio-stress-chunk-kind.js']);

const cluster = await startPostgresCluster('stress_queue_bench');
const workers: ChildProcess[] = [];
try {
  const queue = await openDurableQueue(cluster.url, CHUNK_KINDS);
  const job = { ...makePortfolioJob(members), shocks: DEFAULT_PORTFOLIO_SHOCKS };
  console.log(`${members} members × ${job.shocks.length} shocks in chunks of ${chunk} (${Math.ceil(members / chunk)} chunks), workers ${worker.label}, ${cpus().length} cores`);
  const answers: unknown[] = [];
  for (const count of [1, 2]) {
    while (workers.length < count) workers.push(await startQueueWorker(cluster.url, worker));
    const load = loadavg()[0]!.toFixed(1);
    const start = performance.now();
    const id = await enqueuePortfolioStress(queue, job, chunk);
    let lastPrint = 0;
    const view = await waitForChunkedJob(queue, id, {
      timeoutMs,
      intervalMs: 500,
      onProgress: (done, total) => {
        if (performance.now() - lastPrint > 30_000) {
          lastPrint = performance.now();
          console.log(`  ${done}/${total} chunks after ${((performance.now() - start) / 1000).toFixed(0)} s`);
        }
      },
    });
    const seconds = (performance.now() - start) / 1000;
    if (view.state !== 'completed') throw new Error(`job ${view.state}: ${view.error}`);
    if (!(view.result as { ok: boolean }).ok) throw new Error(`the stress did not evaluate: ${JSON.stringify(view.result).slice(0, 500)}`);
    answers.push(view.result);
    console.log(`${count} worker process${count > 1 ? 'es' : ''}: ${seconds.toFixed(1)} s wall (${((seconds * 1000) / members).toFixed(1)} ms a member), load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end`);
  }
  console.log(`answers equal: ${isDeepStrictEqual(answers[0], answers[1])}`);
  await queue.close();
} finally {
  await stopQueueWorkers(workers);
  cluster.stop();
}
