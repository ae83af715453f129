import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDbJobStore } from '../../src/api/jobs/job-store.js';
import type { QueuedJobs } from '../../src/api/jobs/queued-jobs.js';
import { findJob, finishJob, insertJob, markJobRunning } from '../../src/db/jobs.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { ensureOrganisation } from '../../src/db/organisations.js';
import { openTestDb } from '../helpers/test-database.js';

const AT = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-01T00:05:00.000Z';
let database: OpenDatabase;
let organisationId: string;
beforeEach(async () => {
  database = await openTestDb();
  organisationId = (await ensureOrganisation(database.db, 'fuzhou-soe', AT)).organisation.id;
});
afterEach(() => database.close());

const insert = (id: string) => insertJob(database.db, { id, organisationId, keyId: null, kind: 'portfolio-stress', request: 'POST /api/v1/portfolios/p/stress', createdAt: AT, ownerInstance: 'a' });
const answer = (text: string) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(text) });
/** The queue as a service sees it, holding exactly the jobs `held`. */
const queueHolding = (held: string[]): QueuedJobs => ({ read: async () => null, cancel: async () => false, findQueued: async (ids) => new Set(ids.filter((id) => held.includes(id))) });

/**
 * A job ends once, whoever ends it: several service processes may write the end of one job (the one
 * running it, one that read its end from the durable queue, one that cancelled it), and the database
 * keeps the first end written.
 */
describe('the end of a job, written once', () => {
  it('keeps the first end: a later succeeded does not overwrite a cancellation, nor a start a finished job', async () => {
    await insert('job_1');
    expect(await finishJob(database.db, 'job_1', { status: 'cancelled', at: AT, expiresAt: LATER })).toBe(true);
    expect(await finishJob(database.db, 'job_1', { status: 'succeeded', at: AT, expiresAt: LATER, answer: answer('{"late":true}') })).toBe(false);
    await markJobRunning(database.db, 'job_1', AT);
    const job = (await findJob(database.db, organisationId, 'job_1'))!;
    expect(job.status).toBe('cancelled');
    expect(job.resultBody).toBeNull();
  });

  it('leaves a failure of its runner unwritten for a job the durable queue holds, but writes its success and the failure of any other job', async () => {
    await insert('job_queued');
    await insert('job_own');
    const store = createDbJobStore(database.db, 60, queueHolding(['job_queued']));
    const at = new Date(AT);
    await store.finish('job_queued', { status: 'failed', at, failure: 'error: the queue is closed', progress: { done: 0, total: 2 } });
    await store.finish('job_own', { status: 'failed', at, failure: 'error: boom', progress: { done: 0, total: 2 } });
    expect((await findJob(database.db, organisationId, 'job_queued'))!.status).toBe('queued');
    expect((await findJob(database.db, organisationId, 'job_own'))!.failure).toBe('error: boom');
    await store.finish('job_queued', { status: 'succeeded', at, answer: answer('{"ok":1}'), progress: { done: 2, total: 2 } });
    const done = (await findJob(database.db, organisationId, 'job_queued'))!;
    expect(done.status).toBe('succeeded');
    // Kept 60 s from its end.
    expect(done.expiresAt).toBe('2026-03-01T00:01:00.000Z');
  });
});
