import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePortfolioEvaluation, portfolioChunkKind } from '../../../src/api/evaluation/portfolio-chunk-kind.js';
import { evaluatePortfolioMembers } from '../../../src/api/evaluation/portfolio-jobs.js';
import { waitForChunkedJob } from '../../../src/jobs/queue/chunked-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';
import { makePortfolioJob } from '../../helpers/portfolio-job.js';
import { startWorker, type Worker } from '../../helpers/queue-worker-process.js';

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/durable-queue.pg.test.ts is skipped');

/**
 * Issue 19: a worker process killed while it holds a chunk loses nothing. Two `npm run worker`
 * processes on one PostgreSQL, a portfolio of 40 members in 8 chunks of 5; the first worker is killed
 * (SIGKILL) as soon as it takes a chunk. Its chunk stays taken until its expiry (10 s here), then goes
 * back to the queue, and the other worker finishes the job: every chunk in, and the combined answer
 * the same, member figure for member figure to the 分, as one process evaluating the portfolio.
 */
describe.skipIf(!postgresAvailable())('the durable queue across worker processes', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let queue: DurableQueue;
  const workers: Worker[] = [];
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    queue = await openDurableQueue(database.url, [portfolioChunkKind], { settings: { chunkExpireSeconds: 10, retryLimit: 3, retryDelaySeconds: 0, maintenanceIntervalSeconds: 1 } });
  }, 180_000);
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await queue?.close();
    if (database?.ok) await database.stop();
  });

  it('finishes a portfolio job on the other worker after one is killed holding a chunk, with the one-process answer', { timeout: 300_000 }, async () => {
    if (!database.ok) return;
    const [a, b] = [startWorker(database.url), startWorker(database.url)];
    workers.push(a, b);
    await Promise.all([a.waitFor(/worker \S+ ready/, 120_000), b.waitFor(/worker \S+ ready/, 120_000)]);

    const job = makePortfolioJob(40);
    const id = await enqueuePortfolioEvaluation(queue, job, 5);
    const taken = await a.waitFor(/chunk taken: job \S+ chunk (\d+) attempt 1/, 120_000);
    a.child.kill('SIGKILL');
    const killedChunk = Number(taken[1]);

    const progress: string[] = [];
    const view = await waitForChunkedJob(queue, id, { timeoutMs: 240_000, onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect(a.child.signalCode ?? (await new Promise((r) => a.child.once('exit', (_c, s) => r(s))))).toBe('SIGKILL');
    expect(view.state).toBe('completed');
    expect(view.progress).toEqual({ done: 8, total: 8 });
    expect(progress.at(-1)).toBe('8/8');

    // The killed worker's chunk was done again, by the other worker, on a later try.
    const chunks = await queue.pool.query<{ index: number; done_by: string; attempt: number }>('select index, done_by, attempt from chunked_jobs.chunk where job_id = $1 order by index', [id]);
    expect(chunks.rows).toHaveLength(8);
    const redone = chunks.rows.find((c) => c.index === killedChunk)!;
    expect(redone.done_by).toMatch(new RegExp(`:${b.child.pid}$`));
    expect(redone.attempt).toBeGreaterThanOrEqual(1);

    // The same answer as one process, member by member (figures to the 分 as decimal strings) and whole.
    const alone = evaluatePortfolioMembers(job);
    if (!alone.ok) throw new Error(JSON.stringify(alone.problems));
    const result = view.result as typeof alone;
    expect(result.ok).toBe(true);
    expect(result.result.members.map((m) => m.label)).toEqual(job.members.map((m) => m.label));
    for (const [i, member] of result.result.members.entries()) expect(member.metrics, member.label).toEqual(alone.result.members[i]!.metrics);
    expect(result).toEqual(alone);
  });
});
