import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChunksInProcess } from '../../../src/analysis/simulation/simulate.js';
import { createApp } from '../../../src/api/create-app.js';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { routePortfolioJobsToQueue } from '../../../src/api/evaluation/durable-evaluator.js';
import { createInlineEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { routeSimulationJobsToQueue } from '../../../src/api/evaluation/route-simulation-jobs.js';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import { createTestApp, NOW, TEST_API_KEY_SECRET, type TestApp } from '../../api/helpers/test-app.js';
import { waitForJobEnd } from '../../api/helpers/wait-for-job.js';
import { buildDealInput } from '../../helpers/build-deal.js';
import { openTestDatabase, postgresAvailable, type TestDatabase } from '../../helpers/postgres-cluster.js';

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/queued-analysis-jobs.pg.test.ts is skipped');

type App = Awaited<ReturnType<typeof createApp>>;
/**
 * Issue 19: simulation and sensitivity jobs are the durable queue's (QUEUED_JOB_KINDS), as portfolio
 * jobs are. Two apps (A and B) on one database and queue; A reads the queue once a minute, so it never
 * writes an end within a test: every end seen here is written by B from the queue's combined result
 * (answer-queued-job.ts), and must equal what the same request answers at once (the draws of a seed
 * are the same wherever they are made; the sensitivity's parts combine into analyseSensitivity's
 * answer). B cancels a job A accepted: the record and the chunks. The workers run in this process.
 */
describe.skipIf(!postgresAvailable())('simulation and sensitivity jobs told by any process', () => {
  let database: TestDatabase;
  let queue: DurableQueue;
  let a: TestApp;
  let b: App;
  let dealId: string;
  const callB = async (method: string, url: string) => {
    const response = await b.request(url, { method, headers: { Authorization: `Bearer ${a.keys.modeler}` } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const chunkedStateOf = async (jobId: string) => (await queue.pool.query<{ state: string }>('select state from chunked_jobs.job where external_id = $1', [jobId])).rows[0]?.state;

  beforeAll(async () => {
    database = await openTestDatabase();
    if (!database.ok) throw new Error(database.reason);
    queue = await openDurableQueue(database.url, CHUNK_KINDS, { settings: { pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1 } });
    const queuedJobs = createQueuedJobs(queue);
    const slow = { pollIntervalMs: 60_000 };
    a = await createTestApp({ instanceId: 'a', longJobsPerOrganisation: 10 }, { evaluator: routePortfolioJobsToQueue(createInlineEvaluator(), queue, slow), runSimulationChunks: routeSimulationJobsToQueue(runChunksInProcess, queue, { ...slow, perPart: 1 }), queuedJobs });
    b = await createApp({ db: a.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'b' }, clock: () => NOW, evaluator: routePortfolioJobsToQueue(createInlineEvaluator(), queue, slow), runSimulationChunks: routeSimulationJobsToQueue(runChunksInProcess, queue, { ...slow, perPart: 1 }), queuedJobs });
    dealId = (await a.call('POST', '/api/v1/deals', { key: 'modeler', body: buildDealInput({ name: '电梯' }) })).body.id;
  }, 180_000);
  afterAll(async () => {
    a?.close();
    await queue?.close();
    if (database?.ok) database.stop();
  });

  it('B cancels a simulation job and a sensitivity job A accepted, before any worker runs: the records and the chunks', { timeout: 120_000 }, async () => {
    for (const [tool, body] of [['simulate', { draws: 200, seed: 7 }], ['sensitivity', { steps: ['-0.1', '0.1'], delaySteps: [1] }]] as const) {
      const accepted = await a.call('POST', `/api/v1/deals/${dealId}/${tool}?asOf=2026-01-01`, { key: 'modeler', body, headers: { Prefer: 'respond-async' } });
      expect(accepted.status).toBe(202);
      // Queued before the 202.
      expect(await chunkedStateOf(accepted.body.id)).toBe('running');
      const location = accepted.headers.get('location')!;
      expect((await callB('GET', location)).body.status).toBe('queued');
      const cancelled = await callB('DELETE', location);
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await chunkedStateOf(accepted.body.id)).toBe('cancelled');
      expect((await a.call('GET', location, { key: 'modeler' })).body.status).toBe('cancelled');
    }
  });

  it('B writes the answers of a simulation job and a sensitivity job A accepted, equal to the synchronous answers', { timeout: 240_000 }, async () => {
    // 300 draws: three simulation chunks of 100, one per queue chunk (perPart 1).
    const cases = [
      { path: `/api/v1/deals/${dealId}/simulate?asOf=2026-01-01`, body: { draws: 300, seed: 20_261_208 }, units: 3 },
      { path: `/api/v1/deals/${dealId}/sensitivity?asOf=2026-01-01`, body: { steps: ['-0.1', '0.1'], delaySteps: [1] }, units: undefined },
    ];
    const accepted = [];
    for (const c of cases) {
      const direct = await a.call('POST', c.path, { key: 'modeler', body: c.body, headers: { 'Accept-Language': 'en' } });
      expect(direct.status, JSON.stringify(direct.body)).toBe(200);
      const job = await a.call('POST', c.path, { key: 'modeler', body: c.body, headers: { 'Accept-Language': 'en', Prefer: 'respond-async' } });
      expect(job.status).toBe(202);
      accepted.push({ ...c, direct, location: job.headers.get('location')! });
    }
    await startChunkWorkers(queue, CHUNK_KINDS, { workerName: 'in-test' });
    for (const c of accepted) {
      const first = await callB('GET', c.location);
      const job = await waitForJobEnd(first, () => callB('GET', c.location), { timeoutMs: 200_000, intervalMs: 100 });
      expect(job.body.status).toBe('succeeded');
      if (c.units !== undefined) expect(job.body.progress).toEqual({ done: c.units, total: c.units, fraction: 1 });
      const result = await callB('GET', `${c.location}/result`);
      expect(result.status).toBe(200);
      expect(result.headers.get('content-type')).toBe(c.direct.headers.get('content-type'));
      expect(result.body).toEqual(c.direct.body);
      expect(result.body.source.dealId).toBe(dealId);
    }
    // The simulation's summary counts every draw: valid plus invalid is 300.
    const simulation = accepted[0]!.direct.body.result;
    expect(simulation.draws).toBe(300);
    expect(simulation.validDraws + Object.values(simulation.invalidDraws as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(300);
  });
});
