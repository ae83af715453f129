import { createServer } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { findOrganisationByName } from '../../../src/db/organisations.js';
import { insertJob } from '../../../src/db/jobs.js';
import type { DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { createTestApp, NOW, type TestApp } from '../../api/helpers/test-app.js';

/** A port of 127.0.0.1 nothing listens on: one the system gave a server that is then closed. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Issue 19: a job the durable queue runs is read from the queue's database; when that database cannot
 * be reached (here: node-postgres's pool pointed at a closed port, ECONNREFUSED), reading or cancelling
 * the job answers 503 STORAGE_UNAVAILABLE with Retry-After, never a 500. The jobs' own records are in
 * the service's database (SQLite here), which stays reachable.
 */
describe('a queued job when the queue cannot be reached', () => {
  let t: TestApp | undefined;
  let pool: pg.Pool | undefined;
  afterEach(async () => {
    t?.close();
    await pool?.end();
  });

  it('answers GET, its result and DELETE with 503 STORAGE_UNAVAILABLE (cause: unavailable)', { timeout: 60_000 }, async () => {
    pool = new pg.Pool({ connectionString: `postgres://nobody@127.0.0.1:${await findClosedPort()}/none`, connectionTimeoutMillis: 5_000 });
    pool.on('error', () => undefined);
    t = await createTestApp({}, { queuedJobs: createQueuedJobs({ pool } as unknown as DurableQueue) });
    const organisationId = (await findOrganisationByName(t.db, 'fuzhou-soe'))!.id;
    for (const kind of ['simulation', 'sensitivity', 'portfolio-stress'] as const) {
      const id = `job_${kind.replace('-', '_')}`;
      await insertJob(t.db, { id, organisationId, keyId: null, kind, request: `POST /api/v1/deals/deal_x/${kind}`, createdAt: NOW.toISOString(), ownerInstance: 'elsewhere' });
      for (const [method, path] of [['GET', `/api/v1/jobs/${id}`], ['GET', `/api/v1/jobs/${id}/result`], ['DELETE', `/api/v1/jobs/${id}`]] as const) {
        const answer = await t.call(method, path, { key: 'admin', headers: { 'Accept-Language': 'en' } });
        expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(503);
        expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(answer.headers.get('retry-after')).toBe('60');
        expect(answer.body.title).toBe('Storage unavailable');
      }
    }
  });

  it('answers a job it accepted with its 202 even when where it stands cannot be read from the queue', { timeout: 120_000 }, async () => {
    pool = new pg.Pool({ connectionString: `postgres://nobody@127.0.0.1:${await findClosedPort()}/none`, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    t = await createTestApp({ queuedJobAcceptWaitMs: 100 }, { queuedJobs: createQueuedJobs({ pool } as unknown as DurableQueue) });
    const dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
    const accepted = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 20000, seed: 1 } /* long enough to be running when the 202 is written */, headers: { Prefer: 'respond-async' } });
    // Accepted: a job that runs is never answered as if it had not been taken (a client would send it again).
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.headers.get('location')).toBe(`/api/v1/jobs/${accepted.body.id}`);
  });
});
