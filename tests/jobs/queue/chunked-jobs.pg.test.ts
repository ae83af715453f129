import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueuePortfolioEvaluation, portfolioChunkKind } from '../../../src/api/evaluation/portfolio-chunk-kind.js';
import { evaluatePortfolioMembers } from '../../../src/api/evaluation/portfolio-jobs.js';
import type { ChunkKind } from '../../../src/jobs/queue/chunk-kinds.js';
import { cancelChunkedJob, enqueueChunkedJob, readChunkedJob, waitForChunkedJob } from '../../../src/jobs/queue/chunked-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';
import { makePortfolioJob } from '../../helpers/portfolio-job.js';

/** Sums the chunk's numbers as integers: a kind whose combined result is worked by hand below. */
const sumKind: ChunkKind<number[], number, { offset: number }, number> = {
  name: 'sum-test',
  runChunk: (numbers) => numbers.reduce((s, n) => s + n, 0),
  combine: ({ offset }, sums) => sums.reduce((s, n) => s + n, offset),
};
const failingKind: ChunkKind<number, number, null, number> = {
  name: 'fail-test',
  runChunk: (n) => {
    throw new Error(`chunk input ${n} is not accepted`);
  },
  combine: () => 0,
};
const kinds = [portfolioChunkKind, sumKind, failingKind];
const fast = { retryLimit: 1, retryDelaySeconds: 0, pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1, chunkExpireSeconds: 60 };

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/chunked-jobs.pg.test.ts is skipped');

describe.skipIf(!postgresAvailable())('chunked jobs on the durable queue (in this process)', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let producer: DurableQueue;
  let worker: DurableQueue;
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    producer = await openDurableQueue(database.url, kinds, { settings: fast });
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await producer?.close();
    if (database?.ok) await database.stop();
  });

  it('cancels a job before any worker takes it: nothing of it is worked', { timeout: 60_000 }, async () => {
    const id = await enqueueChunkedJob(producer, sumKind, { offset: 0 }, [[1], [2], [3]]);
    expect(await readChunkedJob(producer, id)).toMatchObject({ state: 'running', progress: { done: 0, total: 3 } });
    expect(await cancelChunkedJob(producer, id)).toBe(true);
    expect(await cancelChunkedJob(producer, id)).toBe(false); // no longer running
    const chunkStates = await producer.pool.query<{ state: string }>('select b.state from chunked_jobs.chunk c join pgboss.job b on b.id = c.boss_id where c.job_id = $1', [id]);
    expect(chunkStates.rows.map((r) => r.state)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    // The worker starts afterwards (the next tests'): the cancelled job keeps no result.
    worker = await openDurableQueue(database.ok ? database.url : '', kinds, { settings: fast });
    await startChunkWorkers(worker, kinds, { workerName: 'in-test' });
    const other = await enqueueChunkedJob(producer, sumKind, { offset: 0 }, [[5]]);
    await waitForChunkedJob(producer, other, { timeoutMs: 30_000 });
    expect(await readChunkedJob(producer, id)).toMatchObject({ state: 'cancelled', progress: { done: 0, total: 3 } });
  });

  it('combines the chunks in order once all are in; progress is chunks done of total', { timeout: 60_000 }, async () => {
    // (1+2) + (3+4+5) + 6 + offset 100 = 121.
    const seen: string[] = [];
    const id = await enqueueChunkedJob(producer, sumKind, { offset: 100 }, [[1, 2], [3, 4, 5], [6]]);
    const view = await waitForChunkedJob(producer, id, { timeoutMs: 30_000, intervalMs: 50, onProgress: (d, t) => seen.push(`${d}/${t}`) });
    expect(view).toMatchObject({ state: 'completed', progress: { done: 3, total: 3 }, result: 121 });
    expect(seen.at(-1)).toBe('3/3');
    expect(await readChunkedJob(producer, '00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  it('fails the job with the chunk\'s error once its retries are spent', { timeout: 60_000 }, async () => {
    const id = await enqueueChunkedJob(producer, failingKind, null, [7]);
    const view = await waitForChunkedJob(producer, id, { timeoutMs: 45_000 });
    expect(view).toMatchObject({ state: 'failed', progress: { done: 0, total: 1 }, error: 'chunk 0: chunk input 7 is not accepted' });
    // The job fails as the last try throws; pg-boss records the chunk's failure just after.
    const readTries = () => producer.pool.query<{ retry_count: number; state: string }>('select b.retry_count, b.state from chunked_jobs.chunk c join pgboss.job b on b.id = c.boss_id where c.job_id = $1', [id]);
    let tries = await readTries();
    for (let i = 0; i < 100 && tries.rows[0]?.state !== 'failed'; i++) tries = await new Promise((r) => setTimeout(r, 100)).then(readTries);
    expect(tries.rows).toEqual([{ retry_count: 1, state: 'failed' }]); // the first try and retryLimit 1 more
  });

  it('evaluates a portfolio in parts to the same answer as one process, and a member that does not read comes back at its path', { timeout: 240_000 }, async () => {
    const job = makePortfolioJob(12);
    const id = await enqueuePortfolioEvaluation(producer, job, 5); // parts of 5, 5 and 2
    const view = await waitForChunkedJob(producer, id, { timeoutMs: 200_000 });
    expect(view.progress).toEqual({ done: 3, total: 3 });
    expect(view.result).toEqual(evaluatePortfolioMembers(job));
    expect((view.result as { ok: boolean }).ok).toBe(true);

    const broken = makePortfolioJob(6);
    broken.members[4]!.content = JSON.stringify({ ...JSON.parse(broken.members[4]!.content), discountRate: 'abc' });
    const brokenId = await enqueuePortfolioEvaluation(producer, broken, 3);
    const brokenView = await waitForChunkedJob(producer, brokenId, { timeoutMs: 200_000 });
    expect(brokenView.state).toBe('completed');
    const answer = brokenView.result as { ok: false; problems: { path: string }[]; total: number };
    expect(answer.ok).toBe(false);
    expect(answer.problems.map((p) => p.path)).toEqual(['members[4].deal.discountRate']);
  });
});
