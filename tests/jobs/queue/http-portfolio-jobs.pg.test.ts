import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { routePortfolioJobsToQueue } from '../../../src/api/evaluation/durable-evaluator.js';
import { createInlineEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import { createTestApp, type TestApp } from '../../api/helpers/test-app.js';
import { buildBondDealInput } from '../../helpers/bond-deal.js';
import { buildDealInput } from '../../helpers/build-deal.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';
import { waitForJobEnd } from '../../api/helpers/wait-for-job.js';

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/http-portfolio-jobs.pg.test.ts is skipped');

const DEMAND = { shocks: [{ id: 'demand-20', name: '需求 −20%', changes: [{ driver: { driver: 'revenue' }, change: '-0.2' }] }] };

/**
 * A portfolio stress submitted over HTTP as a job (Prefer: respond-async) to an app whose evaluator
 * routes portfolio jobs to the durable queue: the job runs as chunks on PostgreSQL under its own id,
 * taken by chunk workers (in this process here), and answers exactly what the same request answers at
 * once on this thread. A synchronous request never touches the queue.
 */
describe.skipIf(!postgresAvailable())('portfolio jobs over HTTP on the durable queue', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let queue: DurableQueue;
  let t: TestApp;
  let portfolioId: string;
  let garageId: string;
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    queue = await openDurableQueue(database.url, CHUNK_KINDS, { settings: { pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1 } });
    await startChunkWorkers(queue, CHUNK_KINDS, { workerName: 'in-test' });
    t = await createTestApp({}, { evaluator: routePortfolioJobsToQueue(createInlineEvaluator(), queue, { pollIntervalMs: 100 }), queuedJobs: createQueuedJobs(queue) });
    const garage = (garageId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { ...buildBondDealInput({}, { earmark: { streams: [{ stream: 'park' }] } }), name: '车库' } })).body.id);
    const road = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: buildDealInput({ name: '道路' }) })).body.id;
    portfolioId = (await t.call('POST', '/api/v1/portfolios', {
      key: 'modeler',
      body: { name: '片区压力测试', members: [{ dealId: garage }, { dealId: road }], budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '10000000', growthRate: '0' } },
    })).body.id;
  }, 180_000);
  afterAll(async () => {
    t?.close();
    await queue?.close();
    if (database?.ok) await database.stop();
  });

  it('runs a stress job as chunks on the queue, with members as progress and the answer of the request at once', { timeout: 240_000 }, async () => {
    const path = `/api/v1/portfolios/${portfolioId}/stress?asOf=2026-01-01`;
    const direct = await t.call('POST', path, { key: 'modeler', body: DEMAND });
    expect(direct.status).toBe(200);
    expect((await queue.pool.query('select count(*)::int as n from chunked_jobs.job')).rows[0].n).toBe(0); // at once: never on the queue

    const accepted = await t.call('POST', path, { key: 'modeler', body: DEMAND, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    const job = await waitForJobEnd(accepted, () => t.call('GET', location, { key: 'modeler' }), { timeoutMs: 200_000, intervalMs: 100 });
    expect(job.body.status).toBe('succeeded');
    expect(job.body.progress).toEqual({ done: 2, total: 2, fraction: 1 });
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(direct.body);
    // It ran on the queue, under the HTTP job's id.
    const chunked = await queue.pool.query<{ state: string; kind: string }>('select state, kind from chunked_jobs.job where external_id = $1', [accepted.body.id]);
    expect(chunked.rows).toEqual([{ state: 'completed', kind: 'portfolio-stress-part' }]);
  });

  it('cancels the chunked job on the queue when the HTTP job is cancelled (DELETE)', { timeout: 120_000 }, async () => {
    const accepted = await t.call('POST', `/api/v1/portfolios/${portfolioId}/stress?asOf=2026-01-01`, { key: 'modeler', body: {}, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const readState = () => queue.pool.query<{ state: string }>('select state from chunked_jobs.job where external_id = $1', [accepted.body.id]);
    for (let i = 0; i < 100 && (await readState()).rows.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const cancelled = await t.call('DELETE', accepted.headers.get('location')!, { key: 'modeler' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    let state = (await readState()).rows[0]?.state;
    for (let i = 0; i < 100 && state === 'running'; i++) state = await new Promise((r) => setTimeout(r, 50)).then(readState).then((r) => r.rows[0]?.state);
    // Cancelled before the last chunk came in (the standard set is six evaluations a member); a job that won the race is completed.
    expect(['cancelled', 'completed']).toContain(state);
  });
  it('runs a sensitivity job as its parts on the queue (base, each tornado driver, each switching driver) to the answer of the request at once', { timeout: 240_000 }, async () => {
    const path = `/api/v1/deals/${garageId}/sensitivity?asOf=2026-01-01`;
    const body = { steps: ['-0.1', '0.1'], delaySteps: [1] };
    // The stress job cancelled by the test before gives its organisation's long-job slot back once its wait
    // unwinds (after DELETE answered): until then a long request answers 429 with Retry-After, so ask again.
    let direct = await t.call('POST', path, { key: 'modeler', body });
    for (let i = 0; i < 150 && direct.status === 429; i++) direct = await new Promise((r) => setTimeout(r, 200)).then(() => t.call('POST', path, { key: 'modeler', body }));
    expect(direct.status).toBe(200);
    const accepted = await t.call('POST', path, { key: 'modeler', body, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    const job = await waitForJobEnd(accepted, () => t.call('GET', location, { key: 'modeler' }), { timeoutMs: 200_000, intervalMs: 100 });
    expect(job.body.status).toBe('succeeded');
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.body).toEqual(direct.body);
    // One part for the base, one per tornado row, one per switching driver (each row of `switching` names its driver).
    const tornadoRows = direct.body.result.tornado.length as number;
    const switchingDrivers = new Set((direct.body.result.switching as { driver: string }[]).map((s) => s.driver)).size;
    expect(tornadoRows).toBeGreaterThan(1);
    const chunked = await queue.pool.query<{ state: string; kind: string; total: number }>('select state, kind, total from chunked_jobs.job where external_id = $1', [accepted.body.id]);
    expect(chunked.rows).toEqual([{ state: 'completed', kind: 'sensitivity-part', total: 1 + tornadoRows + switchingDrivers }]);
    expect(job.body.progress).toEqual({ done: chunked.rows[0]!.total, total: chunked.rows[0]!.total, fraction: 1 });
  });

  it('answers a sensitivity job whose driver the deal does not have with the problem at its path, queueing nothing', { timeout: 120_000 }, async () => {
    const before = (await queue.pool.query('select count(*)::int as n from chunked_jobs.job')).rows[0].n;
    const accepted = await t.call('POST', `/api/v1/deals/${garageId}/sensitivity?asOf=2026-01-01`, { key: 'modeler', body: { drivers: [{ driver: 'volume', stream: 'nope' }] }, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    // A queued kind's 202 waits for its chunks or its end: this one may already say failed; its problem is in the job's own view.
    let job = await t.call('GET', accepted.headers.get('location')!, { key: 'modeler' });
    for (let i = 0; i < 200 && ['queued', 'running'].includes(job.body.status); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await t.call('GET', accepted.headers.get('location')!, { key: 'modeler' });
    }
    expect(job.body.status).toBe('failed');
    expect(JSON.stringify(job.body)).toContain('drivers[0]');
    expect((await queue.pool.query('select count(*)::int as n from chunked_jobs.job')).rows[0].n).toBe(before);
  });
});
