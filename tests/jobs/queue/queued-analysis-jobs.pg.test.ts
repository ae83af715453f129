import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import type { DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import type { TestApp } from '../../api/helpers/test-app.js';
import { waitForJobEnd } from '../../api/helpers/wait-for-job.js';
import { buildDealInput } from '../../helpers/build-deal.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openTwoAppsOnOneQueue, type TwoAppsOnOneQueue } from './helpers-two-apps.js';

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/queued-analysis-jobs.pg.test.ts is skipped');

/**
 * Issue 19: simulation and sensitivity jobs are the durable queue's (QUEUED_JOB_KINDS), as portfolio
 * jobs are. Two apps (A and B) on one database and queue; A reads the queue once a minute, so it never
 * writes an end within a test: every end seen here is written by B from the queue's combined result
 * (answer-queued-job.ts), and must equal what the same request answers at once (the draws of a seed
 * are the same wherever they are made; the sensitivity's parts combine into analyseSensitivity's
 * answer). B cancels a job A accepted: the record and the chunks. The workers run in this process.
 */
describe.skipIf(!postgresAvailable())('simulation and sensitivity jobs told by any process', () => {
  let setup: TwoAppsOnOneQueue;
  let queue: DurableQueue;
  let a: TestApp;
  let b: TwoAppsOnOneQueue['b'];
  let dealId: string;
  const callB = (method: string, url: string) => setup.callB(method, url);
  const chunkedStateOf = (jobId: string) => setup.chunkedStateOf(jobId);

  beforeAll(async () => {
    setup = await openTwoAppsOnOneQueue({ simulations: true });
    ({ queue, a, b } = setup);
    dealId = (await a.call('POST', '/api/v1/deals', { key: 'modeler', body: buildDealInput({ name: '电梯' }) })).body.id;
  }, 180_000);
  afterAll(async () => {
    await setup?.close();
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
