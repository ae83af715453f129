import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import { createKeyForOrganisation } from '../../src/db/create-key.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { readTemplateFiles } from '../../src/db/read-template-files.js';
import { upsertTemplates } from '../../src/db/templates.js';
import { createHoldingEvaluator } from './helpers/holding-evaluator.js';
import { openTestDb } from '../helpers/test-database.js';

/**
 * A term-sheet link with analysis sheets (`include=stress`) is a long job of its maker's organisation,
 * counted in the same shared slots as every other long request (SHARED_LIMITS, the service's default):
 * two service instances (two createApp with their own connection, gate and instance id) on one database
 * — a SQLite file, or in the PostgreSQL run one PostgreSQL database — as two processes would be. With
 * longJobsPerOrganisation 1 the organisation's one slot is held by whichever instance runs first;
 * the other refuses both a link download and a stress pack with 429 until it is given back.
 * The long work is held open by an evaluator whose stress packs and analysis term sheets wait for the test.
 */
const SECRET = 'link-shared-limits-key-secret-0123456789';
const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const AT = '2026-03-01T02:00:00.000Z';
/** The 429's detail (zh-CN, the default language): the organisation has 1 long job running, at its limit of 1. */
const RUNNING_ONE_OF_ONE = /已有 1 个长任务.*达到上限 1。/;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const opened: OpenDatabase[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startTwoInstances() {
  const folder = mkdtempSync(join(tmpdir(), 'rcp-link-limits-'));
  folders.push(folder);
  const path = join(folder, 'capital.db');
  const first = await openTestDb({ path });
  opened.push(first);
  await upsertTemplates(first.db, readTemplateFiles(MODELS), AT);
  const { key } = await createKeyForOrganisation(first.db, { organisation: 'city-a', role: 'modeler', at: AT, apiKeySecret: SECRET });
  const second = await openTestDb({ path });
  opened.push(second);
  const held = createHoldingEvaluator();
  const make = (db: OpenDatabase, instanceId: string) =>
    createApp({ db: db.db, evaluator: held.evaluator, clock: () => new Date(AT), config: { apiKeySecret: SECRET, instanceId, longJobsPerOrganisation: 1, queuedJobsPerOrganisation: 1, sharedLimits: true } });
  const a = await make(first, 'instance-a');
  const b = await make(second, 'instance-b');
  const call = async (app: typeof a, method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  /** A link opened as a browser would: no key, the URL's path only. */
  const download = async (app: typeof a, url: string) => {
    const response = await app.request(new URL(url).pathname);
    const type = response.headers.get('content-type') ?? '';
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, type, body: type.includes('json') ? JSON.parse(bytes.toString('utf8')) : null };
  };
  const dealId = (await call(a, 'POST', '/api/v1/deals', { template: 'fuzhou-gulou-25y' })).body.id as string;
  const makeLink = async (include?: string) => {
    const made = await call(a, 'POST', `/api/v1/deals/${dealId}/term-sheet-links`, include === undefined ? {} : { include });
    expect(made.status).toBe(201);
    return made.body.url as string;
  };
  return { a, b, call, download, dealId, held, makeLink };
}

async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('term-sheet links in the organisation limits shared by two instances', { timeout: 240_000 }, () => {
  it('a link download with a stress sheet on A holds the organisation\'s one slot: B refuses a stress pack and the same download with 429', async () => {
    const { a, b, call, download, dealId, held, makeLink } = await startTwoInstances();
    const url = await makeLink('stress');
    const running = download(a, url);
    await until(() => held.started() === 1, 'the download on A to start its stress sheet');

    const stressOnB = await call(b, 'POST', `/api/v1/deals/${dealId}/stress`);
    expect(stressOnB.status).toBe(429);
    // One running (A's download, counted in the database, not in B's memory), limit 1.
    expect(stressOnB.body).toMatchObject({ code: 'TOO_MANY_LONG_JOBS', status: 429 });
    expect(stressOnB.body.detail).toMatch(RUNNING_ONE_OF_ONE);
    const linkOnB = await download(b, url);
    expect(linkOnB.status).toBe(429);
    // The same problem as the stress pack's, field for field but the path it answers.
    expect({ ...linkOnB.body, instance: undefined }).toEqual({ ...stressOnB.body, instance: undefined });
    expect(held.started()).toBe(1); // neither refused request started any work

    held.release();
    const done = await running;
    expect(done.status).toBe(200);
    expect(done.type).toBe(XLSX);
    // The slot went back to the database: B now runs the same download.
    expect((await download(b, url)).status).toBe(200);
    expect(held.started()).toBe(2);
  });

  it('a stress pack running on A makes B refuse a download with analysis sheets, but not one without (a short job, no slot)', async () => {
    const { a, b, call, download, dealId, held, makeLink } = await startTwoInstances();
    const withStress = await makeLink('stress');
    const plain = await makeLink();
    const running = call(a, 'POST', `/api/v1/deals/${dealId}/stress`);
    await until(() => held.started() === 1, 'the stress pack to start on A');

    const refused = await download(b, withStress);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_LONG_JOBS', status: 429 });
    expect(refused.body.detail).toMatch(RUNNING_ONE_OF_ONE);
    const short = await download(b, plain);
    expect(short.status).toBe(200);
    expect(short.type).toBe(XLSX);

    held.release();
    expect((await running).status).toBe(200);
    expect((await download(b, withStress)).status).toBe(200);
  });
});
