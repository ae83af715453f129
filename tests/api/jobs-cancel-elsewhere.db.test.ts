import { afterEach, describe, expect, it } from 'vitest';
import { runChunksInProcess, type ChunkRunner } from '../../src/analysis/simulation/simulate.js';
import { createApp } from '../../src/api/create-app.js';
import { findJob } from '../../src/db/jobs.js';
import { findOrganisationByName } from '../../src/db/organisations.js';
import { createTestApp, NOW, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

/**
 * Issue 19: several service processes on one database. A job still waiting in process A's own runner
 * (A's long-job slot taken by another job) is cancelled by DELETE through process B, by its record: A's
 * runner, finding the record ended when the slot frees, never runs it. A job running in A's own pools
 * cannot be stopped by B: 409 JOB_RUNNING_ELSEWHERE says so (not "already finished"). Two apps on one
 * database stand for the two processes.
 */
describe('cancelling through another process a job held by a process\'s own runner', () => {
  let a: TestApp | undefined;
  afterEach(() => a?.close());

  it('cancels a waiting job through B by its record (A never runs it) and answers 409 JOB_RUNNING_ELSEWHERE for a running one', { timeout: 120_000 }, async () => {
    // A's simulations, by seed: what A's runner ran.
    const seedsRun: number[] = [];
    const runChunks: ChunkRunner = (deal, request, ...rest) => (seedsRun.push(request.seed), runChunksInProcess(deal, request, ...rest));
    a = await createTestApp({ instanceId: 'a', longJobsPerOrganisation: 1 }, { runSimulationChunks: runChunks });
    const b = await createApp({ db: a.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'b' }, clock: () => NOW });
    const callB = async (method: string, url: string) => {
      const response = await b.request(url, { method, headers: { Authorization: `Bearer ${a!.keys.modeler}`, 'Accept-Language': 'en' } });
      return { status: response.status, body: (await response.json()) as any };
    };
    const dealId = (await a.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'shenzhen-elevator' } })).body.id;
    const path = `/api/v1/deals/${dealId}/simulate?asOf=2026-03-01`;
    // 100,000 draws (1,000 chunks in this thread): running for as long as the test needs; it holds A's one slot.
    const long = await a.call('POST', path, { key: 'modeler', body: { draws: 100_000, seed: 1 }, headers: { Prefer: 'respond-async' } });
    const waiting = await a.call('POST', path, { key: 'modeler', body: { draws: 100, seed: 2 }, headers: { Prefer: 'respond-async' } });
    expect([long.status, waiting.status]).toEqual([202, 202]);
    const longAt = long.headers.get('location')!;
    const waitingAt = waiting.headers.get('location')!;
    let first = await a.call('GET', longAt, { key: 'modeler' });
    for (let i = 0; i < 200 && first.body.status !== 'running'; i++) first = await new Promise((r) => setTimeout(r, 50)).then(() => a!.call('GET', longAt, { key: 'modeler' }));
    expect(first.body.status).toBe('running');
    expect((await callB('GET', waitingAt)).body.status).toBe('queued');

    const running = await callB('DELETE', longAt);
    expect(running.status).toBe(409);
    expect(running.body.errors ?? []).toEqual([]);
    expect(running.body.title).toBe('Job running in another process');

    const cancelled = await callB('DELETE', waitingAt);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // Again: it is over now.
    expect((await callB('DELETE', waitingAt)).status).toBe(409);

    // A frees its slot (the long job cancelled here): its runner takes the waiting job, finds its record ended, and does not run it.
    expect((await a.call('DELETE', longAt, { key: 'modeler' })).body.status).toBe('cancelled');
    const organisationId = (await findOrganisationByName(a.db, 'fuzhou-soe'))!.id;
    const id = waitingAt.split('/').at(-1)!;
    // A later job of the organisation runs (A's slot is free, the runner has gone past the cancelled one).
    const later = await a.call('POST', path, { key: 'modeler', body: { draws: 100, seed: 3 }, headers: { Prefer: 'respond-async' } });
    let end = await a.call('GET', later.headers.get('location')!, { key: 'modeler' });
    for (let i = 0; i < 400 && ['queued', 'running'].includes(end.body.status); i++) end = await new Promise((r) => setTimeout(r, 50)).then(() => a!.call('GET', later.headers.get('location')!, { key: 'modeler' }));
    expect(end.body.status).toBe('succeeded');
    expect(seedsRun).toEqual([1, 3]);
    const record = (await findJob(a.db, organisationId, id))!;
    expect(record.status).toBe('cancelled');
    expect(record.startedAt).toBeNull();
    expect(record.resultStatus).toBeNull();
    expect((await a.call('GET', waitingAt, { key: 'modeler' })).body.status).toBe('cancelled');
  });
});
