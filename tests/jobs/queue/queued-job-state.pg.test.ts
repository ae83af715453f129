import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/api/create-app.js';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { eq } from 'drizzle-orm';
import { findJob, insertJob } from '../../../src/db/jobs.js';
import { dealRevisions, jobs } from '../../../src/db/schema.js';
import type { DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { startChunkWorkers } from '../../../src/jobs/queue/run-chunk-workers.js';
import { NOW, TEST_API_KEY_SECRET, type TestApp } from '../../api/helpers/test-app.js';
import { buildDealInput } from '../../helpers/build-deal.js';
import { readEvents } from '../../helpers/read-events.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openTwoAppsOnOneQueue, type TwoAppsOnOneQueue } from './helpers-two-apps.js';
import { waitForJobEnd } from '../../api/helpers/wait-for-job.js';

if (!postgresAvailable()) console.warn('PostgreSQL is not installed: tests/jobs/queue/queued-job-state.pg.test.ts is skipped');

const DEMAND = { shocks: [{ id: 'demand-20', name: '需求 −20%', changes: [{ driver: { driver: 'revenue' }, change: '-0.2' }] }] };
const MEMBERS = 4;

/**
 * Two service apps (A and B, instances "a" and "b") on one database and one durable queue, as two
 * processes would be: a portfolio stress job accepted by A is the queue's, so B tells it — `queued`
 * while no worker has taken a chunk, its members done as they move, its end and answer written from the
 * chunks' combined result — and B cancels one. A is kept from ever ending its jobs itself (it reads the
 * queue once a minute): every end seen here is written by B's reads. A started again (same instance)
 * does not call the queue's jobs interrupted. The workers run in this process.
 */
describe.skipIf(!postgresAvailable())('queued jobs told by any process', () => {
  let setup: TwoAppsOnOneQueue;
  let queue: DurableQueue;
  let a: TestApp;
  let b: TwoAppsOnOneQueue['b'];
  let path: string;
  const callB = (method: string, url: string) => setup.callB(method, url);
  const chunkedStateOf = (jobId: string) => setup.chunkedStateOf(jobId);

  beforeAll(async () => {
    setup = await openTwoAppsOnOneQueue({ config: { jobEventsPollMs: 50 } });
    ({ queue, a, b } = setup);
    const members = [];
    for (let i = 0; i < MEMBERS; i++) members.push({ dealId: (await a.call('POST', '/api/v1/deals', { key: 'modeler', body: buildDealInput({ name: `道路 ${i + 1}` }) })).body.id });
    const portfolio = await a.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members, budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '10000000', growthRate: '0' } } });
    expect(portfolio.status, JSON.stringify(portfolio.body)).toBe(201);
    path = `/api/v1/portfolios/${portfolio.body.id}/stress?asOf=2026-01-01`;
  }, 180_000);
  afterAll(async () => {
    await setup?.close();
  });

  it('answers 202 with the chunks already queued, says `queued` through B while no worker runs, and B cancels it: the record and the chunks in pg-boss', { timeout: 120_000 }, async () => {
    const accepted = await a.call('POST', path, { key: 'modeler', body: DEMAND, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    // Queued before the 202: a process killed right after it loses nothing.
    expect(await chunkedStateOf(accepted.body.id)).toBe('running');
    expect(accepted.body.status).toBe('queued');
    const location = accepted.headers.get('location')!;
    const read = await callB('GET', location);
    // One chunk of 4 members (MEMBERS_PER_STRESS_CHUNK is 25), none taken: 0 of 4.
    expect(read.body.status).toBe('queued');
    expect(read.body.progress).toEqual({ done: 0, total: MEMBERS, fraction: 0 });

    const cancelled = await callB('DELETE', location);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await chunkedStateOf(accepted.body.id)).toBe('cancelled');
    const boss = await queue.pool.query<{ state: string }>('select b.state from chunked_jobs.chunk c join chunked_jobs.job j on j.id = c.job_id join pgboss.job b on b.id = c.boss_id where j.external_id = $1', [accepted.body.id]);
    expect(boss.rows.map((r) => r.state)).toEqual(['cancelled']);
    // A, whose runner still holds the job (asleep on the queue), reads it cancelled too, and cannot cancel it again.
    expect((await a.call('GET', location, { key: 'modeler' })).body.status).toBe('cancelled');
    expect((await a.call('DELETE', location, { key: 'modeler' })).status).toBe(409);
  });

  it('keeps a queued job through a restart of A, streams its progress from B to the end, and B writes the one-process answer', { timeout: 240_000 }, async () => {
    const direct = await a.call('POST', path, { key: 'modeler', body: DEMAND });
    expect(direct.status).toBe(200);
    const accepted = await a.call('POST', path, { key: 'modeler', body: DEMAND, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const id = accepted.body.id as string;
    const location = accepted.headers.get('location')!;

    // A starts again on the same database: its job of its own pools (a simulation it left queued) is interrupted, the queue's job is not.
    const [{ organisationId }] = (await a.db.select({ organisationId: jobs.organisationId }).from(jobs).where(eq(jobs.id, id))) as [{ organisationId: string }];
    await insertJob(a.db, { id: 'job_left_by_a', organisationId, keyId: null, kind: 'simulation', request: 'POST /api/v1/deals/x/simulate', createdAt: NOW.toISOString(), ownerInstance: 'a' });
    await createApp({ db: a.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'a' }, clock: () => NOW, queuedJobs: createQueuedJobs(queue) });
    expect((await findJob(a.db, organisationId, 'job_left_by_a'))!.failure).toBe('interrupted');
    expect((await findJob(a.db, organisationId, id))!.status).not.toBe('failed');
    expect((await callB('GET', location)).body.status).toBe('queued');

    // B's event stream: its first event says queued; then the workers start.
    const stream = readEvents(await b.request(`${location}/events`, { headers: { Authorization: `Bearer ${a.keys.modeler}` } }));
    const first = (await stream.next())!;
    expect(first.event).toBe('progress');
    expect(first.data.status).toBe('queued');
    await startChunkWorkers(queue, CHUNK_KINDS, { workerName: 'in-test' });
    const events = [first, ...(await stream.rest())];

    // Progress never goes back and reaches 4 of 4 (a chunk reports after each STRESS_PROGRESS_STEP = 2 members); one `done`, last, succeeded.
    const done = events.map((e) => e.data.progress.done);
    for (let i = 1; i < done.length; i++) expect(done[i]!).toBeGreaterThanOrEqual(done[i - 1]!);
    expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
    const last = events.at(-1)!;
    expect(last.event).toBe('done');
    expect(last.data.status).toBe('succeeded');
    expect(last.data.progress).toEqual({ done: MEMBERS, total: MEMBERS, fraction: 1 });
    expect(events.some((e) => e.data.status === 'running' || e.data.progress.done > 0)).toBe(true);

    // B wrote the end (A reads the queue only once a minute): the record holds the same answer the request gives at once.
    const record = (await findJob(a.db, organisationId, id))!;
    expect(record.status).toBe('succeeded');
    expect(record.resultStatus).toBe(200);
    expect(JSON.parse(record.resultHeaders!)).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(record.resultBody!.toString('utf8'))).toEqual(direct.body);
    const result = await b.request(`${location}/result`, { headers: { Authorization: `Bearer ${a.keys.modeler}` } });
    expect(result.status).toBe(200);
    expect(await result.json()).toEqual(direct.body);
    expect((await a.call('GET', location, { key: 'modeler' })).body.status).toBe('succeeded');
  });

  it('writes through B the 422 a member that does not evaluate gets, in the language the request asked for, as the request answers it at once', { timeout: 240_000 }, async () => {
    // A portfolio of two fresh deals, one of whose stored texts is spoilt (discountRate "abc"): the stress fails at that member's path.
    const members = [];
    for (const name of ['好', '坏']) members.push({ dealId: (await a.call('POST', '/api/v1/deals', { key: 'modeler', body: buildDealInput({ name }) })).body.id as string });
    const [stored] = await a.db.select({ content: dealRevisions.content }).from(dealRevisions).where(eq(dealRevisions.dealId, members[1]!.dealId));
    await a.db.update(dealRevisions).set({ content: JSON.stringify({ ...JSON.parse(stored!.content), discountRate: 'abc' }) }).where(eq(dealRevisions.dealId, members[1]!.dealId));
    const portfolio = await a.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '坏成员', members, budget: { kind: 'growth', baseYear: 2026, baseExpenditure: '10000000', growthRate: '0' } } });
    const spoilt = `/api/v1/portfolios/${portfolio.body.id}/stress?asOf=2026-01-01`;
    const english = { 'Accept-Language': 'en' };
    const direct = await a.call('POST', spoilt, { key: 'modeler', body: DEMAND, headers: english });
    expect(direct.status, JSON.stringify(direct.body)).toBe(422);
    expect(direct.body.errors.map((e: { path: string }) => e.path)).toEqual(['members[1].deal.discountRate']);

    const accepted = await a.call('POST', spoilt, { key: 'modeler', body: DEMAND, headers: { ...english, Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    const firstRead = await callB('GET', location);
    const job = await waitForJobEnd(firstRead, () => callB('GET', location), { timeoutMs: 200_000, intervalMs: 100 });
    expect(job.body.status).toBe('failed');
    const record = (await findJob(a.db, (await a.db.select({ o: jobs.organisationId }).from(jobs).where(eq(jobs.id, accepted.body.id)))[0]!.o, accepted.body.id))!;
    expect(record.resultStatus).toBe(422);
    expect(JSON.parse(record.resultHeaders!)).toEqual({ 'content-type': direct.headers.get('content-type'), 'content-language': 'en' });
    expect(JSON.parse(record.resultBody!.toString('utf8'))).toEqual(direct.body);
  });
});

