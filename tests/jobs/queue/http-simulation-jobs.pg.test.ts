import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulationPool, type SimulationPool } from '../../../src/analysis/simulation/worker-pool.js';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { routeSimulationJobsToQueue } from '../../../src/api/evaluation/route-simulation-jobs.js';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { createTestApp, type TestApp } from '../../api/helpers/test-app.js';
import { startWorker, type Worker } from '../../helpers/queue-worker-process.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';
import { waitForJobEnd } from '../../api/helpers/wait-for-job.js';

/**
 * Issue 19: a Monte Carlo simulation submitted over HTTP as a job (Prefer: respond-async) to an app
 * whose simulations route to the durable queue, as the server's do on PostgreSQL: its 1,500 draws
 * (15 chunks of 100) go to the queue in parts of 3 chunks, taken by two `npm run worker` processes
 * (src/worker.ts, each drawing on a float64 thread as the server's pool does), and the job answers
 * exactly what the same request answers at once on this process's simulation pool — every percentile,
 * histogram bin and probability, the same JSON.
 */
describe('simulation jobs over HTTP on the durable queue, worked by two worker processes', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let queue: DurableQueue;
  let pool: SimulationPool;
  let t: TestApp;
  let dealId: string;
  const workers: Worker[] = [];
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    queue = await openDurableQueue(database.url, CHUNK_KINDS, { settings: { pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1 } });
    pool = createSimulationPool(2);
    // As the server on PostgreSQL: simulation jobs are the queue's (QUEUED_JOB_KINDS), so DELETE cancels their chunks through QueuedJobs.
    t = await createTestApp({}, { runSimulationChunks: routeSimulationJobsToQueue(pool.runChunks, queue, { pollIntervalMs: 100, perPart: 3 }), queuedJobs: createQueuedJobs(queue) });
    dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'shenzhen-elevator' } })).body.id;
    workers.push(startWorker(database.url), startWorker(database.url));
    await Promise.all(workers.map((w) => w.waitFor(/worker \S+ ready: .*simulation-draws/, 150_000)));
  }, 240_000);
  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => (w.child.exitCode !== null || w.child.signalCode !== null ? undefined : new Promise((r) => w.child.once('exit', r)))));
    t?.close();
    await pool?.close();
    await queue?.close();
    await database?.stop();
  }, 60_000);

  it('answers the job with exactly the synchronous answer for the seed, the draws made in the worker processes', { timeout: 300_000 }, async () => {
    const path = `/api/v1/deals/${dealId}/simulate?asOf=2026-03-01`;
    const body = { draws: 1500, seed: 20_261_208 };
    const direct = await t.call('POST', path, { key: 'modeler', body });
    expect(direct.status).toBe(200);
    expect(direct.body.result.draws).toBe(1500);
    expect(direct.body.result.validDraws + Object.values(direct.body.result.invalidDraws as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(1500);
    // At once: never on the queue.
    expect((await queue.pool.query('select count(*)::int as n from chunked_jobs.job')).rows[0].n).toBe(0);

    const accepted = await t.call('POST', path, { key: 'modeler', body, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    const job = await waitForJobEnd(accepted, () => t.call('GET', location, { key: 'modeler' }), { timeoutMs: 280_000, intervalMs: 200 });
    expect(job.body.status).toBe('succeeded');
    // Progress in simulation chunks of 100 draws: 15 of 15.
    expect(job.body.progress).toEqual({ done: 15, total: 15, fraction: 1 });
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(direct.body);

    // It ran on the queue under the HTTP job's id, in ⌈15 / 3⌉ = 5 parts, each worked by one of the worker processes.
    const chunked = await queue.pool.query<{ id: string; state: string; kind: string }>('select id, state, kind from chunked_jobs.job where external_id = $1', [accepted.body.id]);
    expect(chunked.rows.map(({ state, kind }) => ({ state, kind }))).toEqual([{ state: 'completed', kind: 'simulation-draws' }]);
    const parts = await queue.pool.query<{ units: number; done_by: string }>('select units, done_by from chunked_jobs.chunk where job_id = $1 order by index', [chunked.rows[0]!.id]);
    expect(parts.rows.map((p) => p.units)).toEqual([3, 3, 3, 3, 3]);
    const workerPids = workers.map((w) => String(w.child.pid));
    for (const part of parts.rows) expect(workerPids).toContain(part.done_by.split(':').at(-1));
  });

  it('answers another seed otherwise (the equality above is not vacuous)', { timeout: 120_000 }, async () => {
    const path = `/api/v1/deals/${dealId}/simulate?asOf=2026-03-01`;
    const [a, b] = await Promise.all([t.call('POST', path, { key: 'modeler', body: { draws: 100, seed: 1 } }), t.call('POST', path, { key: 'modeler', body: { draws: 100, seed: 2 } })]);
    expect(a.status).toBe(200);
    expect(b.body.result.percentiles).not.toEqual(a.body.result.percentiles);
  });
  it('cancels the queued parts when the HTTP job is cancelled (DELETE): the parts not yet taken are never drawn', { timeout: 120_000 }, async () => {
    // 20,000 draws: 200 chunks in 67 parts of 3; cancelled as soon as the parts are on the queue.
    const accepted = await t.call('POST', `/api/v1/deals/${dealId}/simulate?asOf=2026-03-01`, { key: 'modeler', body: { draws: 20_000, seed: 5 }, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const readJob = () => queue.pool.query<{ id: string; state: string }>('select id, state from chunked_jobs.job where external_id = $1', [accepted.body.id]);
    for (let i = 0; i < 200 && (await readJob()).rows.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const cancelled = await t.call('DELETE', accepted.headers.get('location')!, { key: 'modeler' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    let row = (await readJob()).rows[0];
    for (let i = 0; i < 100 && row?.state === 'running'; i++) row = await new Promise((r) => setTimeout(r, 50)).then(readJob).then((r) => r.rows[0]);
    expect(row?.state).toBe('cancelled');
    // Of 67 parts at most the two the workers held can have been drawn; pg-boss holds the rest cancelled.
    const parts = await queue.pool.query<{ result: string | null; state: string }>('select c.result, b.state from chunked_jobs.chunk c join pgboss.job b on b.id = c.boss_id where c.job_id = $1', [row!.id]);
    expect(parts.rows).toHaveLength(67);
    expect(parts.rows.filter((p) => p.result !== null).length).toBeLessThanOrEqual(2);
    expect(parts.rows.filter((p) => p.state === 'cancelled').length).toBeGreaterThanOrEqual(65);
  });
});
