import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSimulationPool, type SimulationPool } from '../../src/analysis/simulation/worker-pool.js';
import { createTestApp, listErrors, type TestApp } from './helpers/test-app.js';

// Long work as jobs (Prefer: respond-async): the app itself answers the request later. Simulations run
// on the real simulation pool (worker threads, float64), evaluations on the inline evaluator.
let pool: SimulationPool;
let t: TestApp;
let dealId: string;
beforeAll(() => {
  pool = createSimulationPool(2);
});
afterAll(() => pool.close());
beforeEach(async () => {
  t = await createTestApp({}, { runSimulationChunks: pool.runChunks });
  dealId = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
});
afterEach(async () => {
  // Jobs still running are cancelled before the database closes, as a stopping server would leave them.
  for (const job of (await t.call('GET', '/api/v1/jobs?limit=100', { key: 'admin' })).body.items ?? []) if (['queued', 'running'].includes(job.status)) await t.call('DELETE', job.links.self, { key: 'admin' });
  t.close();
});

const ASYNC = { Prefer: 'respond-async' };
const SIMULATION = { draws: 300, seed: 7 };

/** Poll a job until it is no longer queued or running. */
async function waitForJob(location: string, key: import('./helpers/test-app.js').KeyName = 'modeler') {
  // Polled until a deadline, not a count: on a loaded 2-core machine a 300-draw run can take tens of seconds.
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const reply = await t.call('GET', location, { key });
    if (!['queued', 'running'].includes(reply.body.status)) return reply;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`job ${location} did not finish`);
}

describe('a simulation as a job', { timeout: 180_000 }, () => {
  it('answers 202 with Location, reports progress by chunk, and its result equals the synchronous answer', async () => {
    const accepted = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: SIMULATION, headers: ASYNC });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('preference-applied')).toBe('respond-async');
    const location = accepted.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/jobs\/job_[0-9a-f]{16}$/);
    expect(accepted.body).toMatchObject({ id: location.split('/').pop(), kind: 'simulation', request: { method: 'POST', path: `/api/v1/deals/${dealId}/simulate` } });
    expect(['queued', 'running']).toContain(accepted.body.status);

    const done = await waitForJob(location);
    expect(done.body.status).toBe('succeeded');
    // 300 draws run as 3 chunks of 100 (run-chunk.ts): the progress counts them.
    expect(done.body.progress).toEqual({ done: 3, total: 3, fraction: 1 });
    expect(done.body.links.result).toBe(`${location}/result`);
    expect(done.body.answer).toEqual({ status: 200, contentType: 'application/json' });

    const sync = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: SIMULATION });
    expect(sync.status).toBe(200);
    expect(done.body.result).toEqual(sync.body);
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.status).toBe(200);
    expect(result.body).toEqual(sync.body);
    expect(result.body.result.draws).toBe(300);
  });

  it('can be cancelled while it runs: cancelled at once, no result, and the organisation\'s long-job slot comes back', async () => {
    const accepted = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 5_000, seed: 1 }, headers: ASYNC });
    const location = accepted.headers.get('location')!;
    const cancelled = await t.call('DELETE', location, { key: 'modeler' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.links.result).toBeNull();
    const result = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(result.status).toBe(409);
    expect(result.body.code).toBe('JOB_CANCELLED');
    expect((await t.call('DELETE', location, { key: 'modeler' })).body.code).toBe('JOB_ALREADY_FINISHED');
    // With a cap of 2 long jobs, three more in a row succeed only if the cancelled run gave its slot back.
    for (let i = 0; i < 3; i++) expect((await t.call('POST', `/api/v1/deals/${dealId}/stress`, { key: 'modeler' })).status).toBe(200);
    // The stored record says cancelled too (the list reads the database).
    const listed = await t.call('GET', '/api/v1/jobs', { key: 'modeler' });
    expect(listed.body.items.map((j: { id: string; status: string }) => [j.id, j.status])).toEqual([[accepted.body.id, 'cancelled']]);
  });

  it('streams its progress as Server-Sent Events, ending with done', async () => {
    const accepted = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 400, seed: 3 }, headers: ASYNC });
    const response = await t.app.request(`${accepted.headers.get('location')}/events`, { headers: { Authorization: `Bearer ${t.keys.modeler}` } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    const events = [...text.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => ({ event: m[1], job: JSON.parse(m[2]!) }));
    expect(events.at(-1)!.event).toBe('done');
    expect(events.at(-1)!.job.status).toBe('succeeded');
    const progress = events.filter((e) => e.event === 'progress').map((e) => e.job.progress.done);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress); // never goes back
    expect(events.at(-1)!.job.progress).toMatchObject({ done: 4, total: 4 });
  });
});

describe('who sees and cancels a job', { timeout: 120_000 }, () => {
  it('is visible to its organisation only: another organisation\'s job answers exactly like an unknown one', async () => {
    const location = (await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: SIMULATION, headers: ASYNC })).headers.get('location')!;
    await waitForJob(location);
    const unknown = await t.call('GET', '/api/v1/jobs/job_0000000000000000', { key: 'strangerAdmin' });
    for (const path of [location, `${location}/result`, `${location}/events`]) {
      const foreign = await t.call('GET', path, { key: 'strangerAdmin' });
      expect(foreign.status, path).toBe(404);
      expect(foreign.body.code).toBe('NOT_FOUND');
      expect(foreign.body.title).toBe(unknown.body.title);
    }
    expect((await t.call('DELETE', location, { key: 'strangerAdmin' })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/jobs', { key: 'strangerAdmin' })).body.items).toEqual([]);
    // Any key of the organisation reads it (a reviewer too).
    expect((await t.call('GET', location, { key: 'reviewer' })).body.status).toBe('succeeded');
  });

  it('is cancelled only by the key that submitted it or an admin: a reviewer key is read-only', async () => {
    const location = (await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 5_000 }, headers: ASYNC })).headers.get('location')!;
    const refused = await t.call('DELETE', location, { key: 'reviewer' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('JOB_NOT_YOURS');
    expect((await t.call('DELETE', location, { key: 'admin' })).body.status).toBe('cancelled');
  });

  it('does not exist for a deal the key cannot see: 404 at once, no job made', async () => {
    const reply = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'strangerAdmin', body: SIMULATION, headers: ASYNC });
    expect(reply.status).toBe(404);
    expect(reply.body.code).toBe('NOT_FOUND');
    expect((await t.call('GET', '/api/v1/jobs', { key: 'strangerAdmin' })).body.items).toEqual([]);
  });
});

describe('what a job answers', { timeout: 120_000 }, () => {
  it('keeps a bad request\'s problem as the failed job\'s answer, by path, as the synchronous call gives it', async () => {
    const location = (await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 0 }, headers: { ...ASYNC, 'Accept-Language': 'en' } })).headers.get('location')!;
    const failed = await waitForJob(location);
    expect(failed.body.status).toBe('failed');
    const sync = await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: { draws: 0 }, headers: { 'Accept-Language': 'en' } });
    expect(sync.status).toBe(422);
    expect(failed.body.answer).toEqual({ status: 422, contentType: expect.stringContaining('application/problem+json') });
    expect(failed.body.problem.errors).toEqual(sync.body.errors);
    expect(failed.body.problem.detail).toBe(sync.body.detail); // in the submitter's language
    const replay = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(replay.status).toBe(sync.status);
    expect(listErrors(replay)).toEqual(listErrors(sync));
  });

  it('runs a term sheet with analysis sheets and a portfolio\'s evaluation and workbook as jobs; short calls stay synchronous', async () => {
    const sheet = await t.call('GET', `/api/v1/deals/${dealId}/term-sheet.xlsx?include=stress`, { key: 'modeler', headers: ASYNC });
    expect(sheet.status).toBe(202);
    expect(sheet.body.kind).toBe('term-sheet');
    const sheetJob = await waitForJob(sheet.headers.get('location')!);
    expect(sheetJob.body.answer.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sheetJob.body.result).toBeUndefined(); // a workbook only by the link
    const file = await t.app.request(sheetJob.body.links.result, { headers: { Authorization: `Bearer ${t.keys.modeler}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip: PK

    // Without include= a term sheet is one evaluation: the preference is ignored, 200 at once.
    const short = await t.app.request(`/api/v1/deals/${dealId}/term-sheet.xlsx`, { headers: { Authorization: `Bearer ${t.keys.modeler}`, ...ASYNC } });
    expect(short.status).toBe(200);
    expect(short.headers.get('preference-applied')).toBeNull();
    // An evaluation is short: no job.
    expect((await t.call('POST', `/api/v1/deals/${dealId}/evaluate`, { key: 'modeler', headers: ASYNC })).status).toBe(200);

    const other = (await t.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'xiangtan-heping' } })).body.id;
    const portfolio = (await t.call('POST', '/api/v1/portfolios', { key: 'modeler', body: { name: '片区', members: [{ dealId }, { dealId: other }] } })).body.id;
    const evaluation = await t.call('POST', `/api/v1/portfolios/${portfolio}/evaluate`, { key: 'modeler', headers: ASYNC });
    expect(evaluation.body.kind).toBe('portfolio-evaluation');
    const evaluated = await waitForJob(evaluation.headers.get('location')!);
    expect(evaluated.body.status).toBe('succeeded');
    expect(evaluated.body.progress).toEqual({ done: 2, total: 2, fraction: 1 }); // members evaluated of members
    const sync = await t.call('POST', `/api/v1/portfolios/${portfolio}/evaluate`, { key: 'modeler' });
    expect(evaluated.body.result).toEqual(sync.body);
    const workbook = await t.call('GET', `/api/v1/portfolios/${portfolio}/term-sheet.xlsx`, { key: 'modeler', headers: ASYNC });
    expect(workbook.body.kind).toBe('portfolio-workbook');
    expect((await waitForJob(workbook.headers.get('location')!)).body.answer.status).toBe(200);
  });

  it('keeps the answer for the stated time (24 h by default), then 410 while the record stays', async () => {
    const location = (await t.call('POST', `/api/v1/deals/${dealId}/simulate`, { key: 'modeler', body: SIMULATION, headers: ASYNC })).headers.get('location')!;
    const done = await waitForJob(location);
    expect(Date.parse(done.body.resultExpiresAt) - Date.parse(done.body.finishedAt)).toBe(24 * 3600 * 1000);
    t.advanceClock(24 * 3600 * 1000 + 1);
    const gone = await t.call('GET', `${location}/result`, { key: 'modeler' });
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('JOB_RESULT_EXPIRED');
    const record = await t.call('GET', location, { key: 'modeler' });
    expect(record.body).toMatchObject({ status: 'succeeded', resultExpired: true, links: { result: null } });
    expect(record.body.result).toBeUndefined();
  });

  it('refuses more queued jobs than the organisation\'s limit with 429 and Retry-After; other organisations are unaffected', async () => {
    const small = await createTestApp({ longJobsPerOrganisation: 1, queuedJobsPerOrganisation: 1 }, { runSimulationChunks: pool.runChunks });
    try {
      const id = (await small.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
      const send = () => small.call('POST', `/api/v1/deals/${id}/simulate`, { key: 'modeler', body: { draws: 3_000 }, headers: ASYNC });
      expect((await send()).status).toBe(202); // running
      expect((await send()).status).toBe(202); // queued
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('TOO_MANY_QUEUED_JOBS');
      expect(refused.headers.get('retry-after')).toBe('10');
      // The running job holds the organisation's one long-job slot: a synchronous long call is 429 as before.
      expect((await small.call('POST', `/api/v1/deals/${id}/stress`, { key: 'modeler' })).body.code).toBe('TOO_MANY_LONG_JOBS');
      for (const job of (await small.call('GET', '/api/v1/jobs', { key: 'modeler' })).body.items) await small.call('DELETE', job.links.self, { key: 'modeler' });
    } finally {
      small.close();
    }
  });
});

describe('jobs across a restart', () => {
  it('reports a job that was running when the service stopped as failed (JOB_INTERRUPTED), never lost', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'rcp-jobs-'));
    try {
      const first = await createTestApp({}, { databasePath: join(dir, 'jobs.db'), runSimulationChunks: pool.runChunks });
      const id = (await first.call('POST', '/api/v1/deals', { key: 'modeler', body: { template: 'fuzhou-gulou-25y' } })).body.id;
      const location = (await first.call('POST', `/api/v1/deals/${id}/simulate`, { key: 'modeler', body: { draws: 50_000 }, headers: ASYNC })).headers.get('location')!;
      expect((await first.call('GET', location, { key: 'modeler' })).body.status).toBe('running');
      const modelerKey = first.keys.modeler;
      first.close(); // the process is gone: nothing ends the job
      const second = await createTestApp({}, { databasePath: join(dir, 'jobs.db') });
      try {
        const reply = await second.call('GET', location, { key: null, headers: { Authorization: `Bearer ${modelerKey}`, 'Accept-Language': 'en' } });
        expect(reply.status).toBe(200);
        expect(reply.body.status).toBe('failed');
        expect(reply.body.problem.code).toBe('JOB_INTERRUPTED');
        expect(reply.body.problem.detail).toContain('Submit the request again');
        const result = await second.call('GET', `${location}/result`, { key: null, headers: { Authorization: `Bearer ${modelerKey}` } });
        expect(result.status).toBe(503);
        expect(result.body.code).toBe('JOB_INTERRUPTED');
      } finally {
        second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
