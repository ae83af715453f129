import { afterEach, describe, expect, it } from 'vitest';
import { settleJobsAtStart } from '../../src/api/jobs/job-store.js';
import { createApp } from '../../src/api/create-app.js';
import { eq } from 'drizzle-orm';
import { insertJob } from '../../src/db/jobs.js';
import { findOrganisationByName } from '../../src/db/organisations.js';
import { jobs } from '../../src/db/schema.js';
import { createTestApp, NOW, TEST_API_KEY_SECRET, type TestApp } from './helpers/test-app.js';

// A process at start fails as interrupted only the jobs it left itself (its INSTANCE_ID), and those of
// no instance (stored before the column); jobs another process on the same database runs stay running.

let t: TestApp;
afterEach(() => t.close());

async function seedJob(id: string, ownerInstance: string | null, status: 'queued' | 'running' | 'succeeded') {
  const organisationId = (await findOrganisationByName(t.db, 'fuzhou-soe'))!.id;
  await insertJob(t.db, { id, organisationId, keyId: null, kind: 'simulation', request: 'POST /api/v1/deals/deal_x/simulate', createdAt: NOW.toISOString(), ownerInstance: ownerInstance ?? 'placeholder' });
  await t.db.update(jobs).set({ ownerInstance, status }).where(eq(jobs.id, id));
}

const statusOf = async (id: string) => (await t.db.select({ status: jobs.status, failure: jobs.failure }).from(jobs).where(eq(jobs.id, id)))[0];

describe('jobs at start', () => {
  it('fail as interrupted only this instance\'s unfinished jobs and those of no instance', async () => {
    t = await createTestApp({ instanceId: 'host-a:8787' });
    await seedJob('job_a_running', 'host-a:8787', 'running');
    await seedJob('job_a_queued', 'host-a:8787', 'queued');
    await seedJob('job_a_done', 'host-a:8787', 'succeeded');
    await seedJob('job_b_running', 'host-b:8787', 'running');
    await seedJob('job_old', null, 'running');
    // Hand-counted: two of host-a's unfinished jobs and the one of no instance.
    expect(await settleJobsAtStart(t.db, 'host-a:8787', NOW, 3600)).toEqual({ interrupted: 3 });
    expect(await statusOf('job_a_running')).toEqual({ status: 'failed', failure: 'interrupted' });
    expect(await statusOf('job_a_queued')).toEqual({ status: 'failed', failure: 'interrupted' });
    expect(await statusOf('job_old')).toEqual({ status: 'failed', failure: 'interrupted' });
    expect(await statusOf('job_a_done')).toEqual({ status: 'succeeded', failure: null });
    expect(await statusOf('job_b_running')).toEqual({ status: 'running', failure: null });
  });

  it('a second app starting on the same database leaves the first one\'s job running; the first restarting reports it JOB_INTERRUPTED', async () => {
    t = await createTestApp({ instanceId: 'host-a:8787' });
    await seedJob('job_a_running', 'host-a:8787', 'running');
    await createApp({ db: t.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'host-b:8787' }, clock: () => NOW });
    expect((await statusOf('job_a_running'))?.status).toBe('running');
    const restarted = await createApp({ db: t.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'host-a:8787' }, clock: () => NOW });
    expect(await statusOf('job_a_running')).toEqual({ status: 'failed', failure: 'interrupted' });
    const job = await (await restarted.request('/api/v1/jobs/job_a_running', { headers: { Authorization: `Bearer ${t.keys.admin}` } })).json();
    expect(job).toMatchObject({ status: 'failed', problem: { code: 'JOB_INTERRUPTED', status: 503 } });
    const result = await restarted.request('/api/v1/jobs/job_a_running/result', { headers: { Authorization: `Bearer ${t.keys.admin}` } });
    expect(result.status).toBe(503);
    expect((await result.json()).code).toBe('JOB_INTERRUPTED');
  });

  it('a job queued through the API names the instance that runs it', async () => {
    t = await createTestApp({ instanceId: 'host-c:1' });
    const deal = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'lugu-package' } })).body.id;
    const accepted = await t.call('POST', `/api/v1/deals/${deal}/simulate`, { body: { draws: 5 }, headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    expect((await t.db.select({ ownerInstance: jobs.ownerInstance }).from(jobs).where(eq(jobs.id, accepted.body.id)))[0]).toEqual({ ownerInstance: 'host-c:1' });
  });
});
