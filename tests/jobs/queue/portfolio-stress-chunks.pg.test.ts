import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PORTFOLIO_SHOCKS } from '../../../src/analysis/portfolio/portfolio-shocks.js';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { enqueuePortfolioEvaluation } from '../../../src/api/evaluation/portfolio-chunk-kind.js';
import { evaluatePortfolioMembers } from '../../../src/api/evaluation/portfolio-jobs.js';
import { enqueuePortfolioStress, portfolioStressChunkKind } from '../../../src/api/evaluation/portfolio-stress-chunk-kind.js';
import { stressPortfolioMembers, type PortfolioStressJob } from '../../../src/api/evaluation/portfolio-stress-jobs.js';
import type { ChunkKind } from '../../../src/jobs/queue/chunk-kinds.js';
import { enqueueChunkedJob, readChunkedJob, waitForChunkedJob } from '../../../src/jobs/queue/chunked-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';
import { makePortfolioJob } from '../../helpers/portfolio-job.js';

/** A chunk that reports `units` done of its list, then waits for the test's word: progress within a chunk, seen while it is held. */
let release: () => void = () => {};
const held = new Promise<void>((resolve) => (release = resolve));
const heldKind: ChunkKind<{ items: number[]; reportAt: number }, number, null, number> = {
  name: 'held-test',
  countUnits: ({ items }) => items.length,
  runChunk: async ({ items, reportAt }, report) => {
    await report(reportAt);
    await held;
    return items.length;
  },
  combine: (_context, counts) => counts.reduce((s, n) => s + n, 0),
};
/** The stress kind as registered, recording what its chunks report (the worker writes each into the chunk's row). */
const reported: number[] = [];
const recordingStressKind: typeof portfolioStressChunkKind = {
  ...portfolioStressChunkKind,
  runChunk: (data, report) => portfolioStressChunkKind.runChunk(data, async (done) => {
    reported.push(done);
    await report(done);
  }),
};
const kinds = [...CHUNK_KINDS.filter((k) => k.name !== recordingStressKind.name), recordingStressKind, heldKind];
const fast = { retryLimit: 1, retryDelaySeconds: 0, pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1, chunkExpireSeconds: 120 };

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/portfolio-stress-chunks.pg.test.ts is skipped');

describe.skipIf(!postgresAvailable())('portfolio stress and progress within a chunk on the durable queue', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let queue: DurableQueue;
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    queue = await openDurableQueue(database.url, kinds, { settings: fast });
    await startChunkWorkers(queue, kinds, { workerName: 'in-test' });
  }, 180_000);
  afterAll(async () => {
    release();
    await queue?.close();
    if (database?.ok) await database.stop();
  });

  it('counts the units a worker reports inside a chunk it still holds: progress is the sum over the chunks', { timeout: 60_000 }, async () => {
    // Two chunks of 4 and 3 items: 7 units. Whichever is taken first reports 2 of its units, then waits;
    // one worker per kind, so the other waits queued at 0. Units done 2 of 7, chunks done 0 of 2.
    const id = await enqueueChunkedJob(queue, heldKind, null, [{ items: [1, 2, 3, 4], reportAt: 2 }, { items: [5, 6, 7], reportAt: 2 }]);
    let view = await readChunkedJob(queue, id);
    expect(view).toMatchObject({ state: 'running', progress: { done: 0, total: 2 }, units: { done: 0, total: 7 } });
    for (let i = 0; i < 300 && view?.units.done === 0; i++) view = await new Promise((r) => setTimeout(r, 100)).then(() => readChunkedJob(queue, id));
    await new Promise((r) => setTimeout(r, 1500)); // time for a second chunk to be taken, were it to be
    expect(await readChunkedJob(queue, id)).toMatchObject({ state: 'running', progress: { done: 0, total: 2 }, units: { done: 2, total: 7 } });
    release();
    const done = await waitForChunkedJob(queue, id, { timeoutMs: 30_000, intervalMs: 50 });
    // Results in: each chunk counts whole, 4 + 3 = 7, whatever its worker last reported; the combined result is 4 + 3 items.
    expect(done).toMatchObject({ state: 'completed', progress: { done: 2, total: 2 }, units: { done: 7, total: 7 }, result: 7 });
  });

  it('stresses a portfolio in chunks to exactly the figures of one process, counting members as it goes', { timeout: 400_000 }, async () => {
    const job: PortfolioStressJob = { ...makePortfolioJob(7), shocks: DEFAULT_PORTFOLIO_SHOCKS };
    const seen: number[] = [];
    reported.length = 0;
    const id = await enqueuePortfolioStress(queue, job, 3); // chunks of 3, 3 and 1 members
    let view = await readChunkedJob(queue, id);
    expect(view).toMatchObject({ state: 'running', progress: { done: 0, total: 3 }, units: { done: 0, total: 7 } });
    while (view?.state === 'running') {
      if (seen.at(-1) !== view.units.done) seen.push(view.units.done);
      await new Promise((r) => setTimeout(r, 50));
      view = await readChunkedJob(queue, id);
    }
    expect(view).toMatchObject({ state: 'completed', progress: { done: 3, total: 3 }, units: { done: 7, total: 7 } });
    // Steps of 2 members: each chunk of 3 reports 2 then 3, the chunk of 1 reports 1 (in whatever order the chunks were taken).
    expect([...reported].sort()).toEqual([1, 2, 2, 3, 3]);
    // One worker, so no retry: the members counted only ever grow.
    expect(seen.every((d, i) => i === 0 || d >= seen[i - 1]!)).toBe(true);

    const alone = stressPortfolioMembers(job);
    if (!alone.ok) throw new Error(JSON.stringify(alone.problems));
    const result = view!.result as typeof alone;
    expect(result.ok).toBe(true);
    // The same answer as one process: per shock, its extra subsidy by year and level, each bond's coverage, the breaches and the limits, every figure a decimal string.
    for (const [i, shock] of result.result.shocks.entries()) expect(shock, shock.name).toEqual(alone.result.shocks[i]);
    expect(result).toEqual(alone);
    expect(JSON.stringify(result)).toMatch(/"\d+\.\d{2}"/);
  });

  it('fails a stress at the path of a member that does not read, as one process does, and evaluates nothing of that chunk', { timeout: 200_000 }, async () => {
    const job: PortfolioStressJob = { ...makePortfolioJob(4), shocks: DEFAULT_PORTFOLIO_SHOCKS.slice(0, 2) };
    job.members[2]!.content = JSON.stringify({ ...JSON.parse(job.members[2]!.content), discountRate: 'abc' });
    const id = await enqueuePortfolioStress(queue, job, 2);
    const view = await waitForChunkedJob(queue, id, { timeoutMs: 180_000 });
    expect(view.state).toBe('completed');
    expect(view.result).toEqual(stressPortfolioMembers(job));
    expect((view.result as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['members[2].deal.discountRate']);
  });

  it('still evaluates a portfolio in chunks (steps of 10 inside a chunk of 25) to the one-process answer', { timeout: 300_000 }, async () => {
    const job = makePortfolioJob(27);
    const id = await enqueuePortfolioEvaluation(queue, job, 25);
    const view = await waitForChunkedJob(queue, id, { timeoutMs: 280_000 });
    expect(view).toMatchObject({ state: 'completed', units: { done: 27, total: 27 } });
    expect(view.result).toEqual(evaluatePortfolioMembers(job));
  });

  it('names the stress chunk kind as the worker process registers it', () => {
    expect(CHUNK_KINDS.map((k) => k.name)).toEqual(['portfolio-part', 'portfolio-stress-part', 'simulation-draws', 'sensitivity-part']);
    expect(portfolioStressChunkKind.countUnits!({ ...makePortfolioJob(3), shocks: [] })).toBe(3);
  });
});
