import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import type { AppConfig } from '../../src/api/app-config.js';
import { createKeyForOrganisation } from '../../src/db/create-key.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { readTemplateFiles } from '../../src/db/read-template-files.js';
import { upsertTemplates } from '../../src/db/templates.js';
import { createHoldingEvaluator } from './helpers/holding-evaluator.js';

/**
 * Two service instances (two createApp, each with its own connection, gate, job runner and instance id)
 * on one SQLite file, as two processes would be: with shared limits (SHARED_LIMITS, the service's
 * default) an organisation's long-job and queued-job allowances are counted once in the database
 * (table organisation_slots), so what one instance used the other refuses with the same problem.
 * Long requests are held open by an evaluator whose decision tools wait until the test lets them go.
 */
const SECRET = 'shared-limits-test-key-secret-0123456789';
const MODELS = fileURLToPath(new URL('../../models', import.meta.url));
const AT = '2026-03-01T02:00:00.000Z';

const opened: OpenDatabase[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) database.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function startTwoInstances(config: Partial<AppConfig>) {
  const folder = mkdtempSync(join(tmpdir(), 'rcp-shared-limits-'));
  folders.push(folder);
  const path = join(folder, 'capital.db');
  const first = openDatabase(path);
  opened.push(first);
  await upsertTemplates(first.db, readTemplateFiles(MODELS), AT);
  const { key } = await createKeyForOrganisation(first.db, { organisation: 'city-a', role: 'modeler', at: AT, apiKeySecret: SECRET });
  const { key: otherKey } = await createKeyForOrganisation(first.db, { organisation: 'city-b', role: 'modeler', at: AT, apiKeySecret: SECRET });
  const second = openDatabase(path);
  opened.push(second);
  const held = createHoldingEvaluator();
  const make = (db: OpenDatabase, instanceId: string) =>
    createApp({ db: db.db, evaluator: held.evaluator, config: { apiKeySecret: SECRET, instanceId, longJobsPerOrganisation: 1, queuedJobsPerOrganisation: 1, ...config } });
  const a = await make(first, 'instance-a');
  const b = await make(second, 'instance-b');
  const call = async (app: typeof a, method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; as?: string } = {}) => {
    const response = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${options.as ?? key}`, ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  };
  const dealId = (await call(a, 'POST', '/api/v1/deals', { body: { template: 'fuzhou-gulou-25y' } })).body.id as string;
  return { a, b, call, dealId, held, otherKey };
}

async function until(condition: () => boolean | Promise<boolean>, what: string) {
  const deadline = Date.now() + 60_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('organisation limits shared by two instances on one SQLite file', { timeout: 180_000 }, () => {
  it('refuses on instance B a long request of the organisation whose one slot instance A uses, with the same 429 problem A gives', async () => {
    const { a, b, call, dealId, held, otherKey } = await startTwoInstances({ sharedLimits: true });
    const running = call(a, 'POST', `/api/v1/deals/${dealId}/stress`);
    await until(() => held.started() === 1, 'the first stress pack to start on A');

    const fromB = await call(b, 'POST', `/api/v1/deals/${dealId}/stress`);
    const fromA = await call(a, 'POST', `/api/v1/deals/${dealId}/stress`);
    expect(fromB.status).toBe(429);
    expect(fromB.headers.get('content-type')).toContain('application/problem+json');
    expect(fromB.headers.get('retry-after')).toBe('10');
    expect(fromB.body).toMatchObject({ code: 'TOO_MANY_LONG_JOBS', status: 429 });
    // A's request holds the organisation's one slot: one running, limit 1 (counted in the database, not in B).
    expect(fromB.body.detail).toBe('贵组织已有 1 个长任务（模拟、目标求解、敏感性、压力测试、片区组合）在运行，达到上限 1。请在 10 秒后重试。');
    // The same problem, field for field, whichever instance refuses.
    expect(fromB.body).toEqual(fromA.body);
    // Another organisation's allowance is its own: its request starts (and waits with the first).
    const other = call(b, 'POST', `/api/v1/deals/${(await call(b, 'POST', '/api/v1/deals', { as: otherKey, body: { template: 'fuzhou-gulou-25y' } })).body.id}/stress`, { as: otherKey });
    await until(() => held.started() === 2, 'the other organisation\'s stress pack to start on B');

    held.release();
    expect((await running).status).toBe(200);
    expect((await other).status).toBe(200);
    // The slot came back to the database: B may now run one.
    expect((await call(b, 'POST', `/api/v1/deals/${dealId}/stress`)).status).toBe(200);
  });

  it('counts the organisation\'s waiting jobs across instances, and a job on B waits for the slot A holds', async () => {
    const { a, b, call, dealId, held } = await startTwoInstances({ sharedLimits: true });
    const running = call(a, 'POST', `/api/v1/deals/${dealId}/stress`);
    await until(() => held.started() === 1, 'the stress pack to start on A');

    // B's own gate is free, but the organisation's one slot is A's: B's job is accepted and waits.
    const accepted = await call(b, 'POST', `/api/v1/deals/${dealId}/stress`, { headers: { Prefer: 'respond-async' } });
    expect(accepted.status).toBe(202);
    // It holds the organisation's one queue place until it has a slot, so a second job is refused — on A too.
    const refused = await call(a, 'POST', `/api/v1/deals/${dealId}/stress`, { headers: { Prefer: 'respond-async' } });
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_QUEUED_JOBS', status: 429 });
    expect(refused.body.detail).toMatch(/\b1\b.*\b1\b/);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(held.started()).toBe(1); // still waiting for A's slot after two polls

    held.release();
    expect((await running).status).toBe(200);
    const location = accepted.headers.get('location')!;
    await until(async () => (await call(b, 'GET', location)).body.status === 'succeeded', 'the job on B to succeed');
    expect(held.started()).toBe(2);
    // Both places and both slots were given back: a job is accepted on A and runs.
    const again = await call(a, 'POST', `/api/v1/deals/${dealId}/stress`, { headers: { Prefer: 'respond-async' } });
    expect(again.status).toBe(202);
    await until(async () => (await call(a, 'GET', again.headers.get('location')!)).body.status === 'succeeded', 'the job on A to succeed');
  });

  it('without shared limits (SHARED_LIMITS=off) each instance counts only its own — the single-process behaviour', async () => {
    const { a, b, call, dealId, held } = await startTwoInstances({ sharedLimits: false });
    const running = call(a, 'POST', `/api/v1/deals/${dealId}/stress`);
    await until(() => held.started() === 1, 'the stress pack to start on A');
    expect((await call(a, 'POST', `/api/v1/deals/${dealId}/stress`)).status).toBe(429);
    const onB = call(b, 'POST', `/api/v1/deals/${dealId}/stress`);
    await until(() => held.started() === 2, 'B\'s stress pack to start despite A\'s');
    held.release();
    expect((await running).status).toBe(200);
    expect((await onB).status).toBe(200);
  });
});
