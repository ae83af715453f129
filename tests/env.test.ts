import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.js';

/** src/env.ts is the only reader of the environment: defaults, bounds and the message naming a bad setting. */
describe('readEnv', () => {
  it('takes the documented defaults when nothing is set', () => {
    const env = readEnv({}, 2);
    expect(env.port).toBe(8787);
    expect(env.host).toBe('127.0.0.1');
    expect(env.evaluationWorkers).toBe(2);
    expect(env.budgets).toEqual({ evaluationMs: 30_000, analysisMs: 120_000, simulationChunkMs: 30_000, simulationRunMs: 180_000 });
    expect(env.longJobsPerOrganisation).toBe(2);
    // A finished job's answer is kept a day (24 × 3,600 s); 20 jobs may wait per organisation.
    expect(env.jobResultTtlSeconds).toBe(86_400);
    expect(env.queuedJobsPerOrganisation).toBe(20);
    expect(env.fairShares).toBe(true);
  });

  it('turns fair shares off only when asked, and refuses anything but on or off', () => {
    expect(readEnv({ FAIR_SHARES: 'off' }, 2).fairShares).toBe(false);
    expect(readEnv({ FAIR_SHARES: 'ON' }, 2).fairShares).toBe(true);
    expect(() => readEnv({ FAIR_SHARES: 'sometimes' }, 2)).toThrow(/FAIR_SHARES must be on or off; got "sometimes"/);
    // Shared organisation limits are on unless turned off (README "Deployment").
    expect(readEnv({}, 2).sharedLimits).toBe(true);
    expect(readEnv({ SHARED_LIMITS: 'off' }, 2).sharedLimits).toBe(false);
    expect(() => readEnv({ SHARED_LIMITS: 'maybe' }, 2)).toThrow(/SHARED_LIMITS must be on or off; got "maybe"/);
  });

  it('opens a durable queue only with a PostgreSQL: QUEUE_DATABASE_URL first, else a postgres DATABASE_URL', () => {
    expect(readEnv({}, 2).durableQueue).toBeUndefined(); // SQLite alone: the in-process pools
    const pg = 'postgres://u:p@127.0.0.1:5432/renovation';
    expect(readEnv({ DATABASE_URL: pg, API_KEY_SECRET: 'x'.repeat(40) }, 2).durableQueue).toEqual({ url: pg, workers: 2, settings: {} }); // one worker process per evaluation worker
    const other = 'postgres://u:p@10.0.0.9:5432/queue';
    expect(readEnv({ QUEUE_DATABASE_URL: other, EVALUATION_WORKERS: '3', QUEUE_WORKERS: '0', QUEUE_CHUNK_EXPIRE_SECONDS: '60' }, 2).durableQueue).toEqual({ url: other, workers: 0, settings: { chunkExpireSeconds: 60 } });
    expect(() => readEnv({ QUEUE_DATABASE_URL: 'mysql://x' }, 2)).toThrow(/QUEUE_DATABASE_URL must be a PostgreSQL URL/);
    expect(() => readEnv({ QUEUE_DATABASE_URL: other, QUEUE_WORKERS: '-1' }, 2)).toThrow(/QUEUE_WORKERS/);
    expect(() => readEnv({ QUEUE_DATABASE_URL: other, QUEUE_CHUNK_EXPIRE_SECONDS: '5' }, 2)).toThrow(/QUEUE_CHUNK_EXPIRE_SECONDS/);
  });

  it('reads the job settings', () => {
    const env = readEnv({ JOB_RESULT_TTL_SECONDS: '3600', QUEUED_JOBS_PER_ORGANISATION: '0' }, 2);
    expect(env.jobResultTtlSeconds).toBe(3600);
    expect(env.queuedJobsPerOrganisation).toBe(0);
  });

  it('refuses a setting out of its bounds, naming it and the bounds', () => {
    expect(() => readEnv({ JOB_RESULT_TTL_SECONDS: '10' }, 2)).toThrow(/JOB_RESULT_TTL_SECONDS must be a whole number from 60 to 2592000; got "10"/);
    expect(() => readEnv({ QUEUED_JOBS_PER_ORGANISATION: '2.5' }, 2)).toThrow(/QUEUED_JOBS_PER_ORGANISATION must be a whole number/);
    expect(() => readEnv({ PORT: '70000' }, 2)).toThrow(/PORT must be a whole number from 0 to 65535/);
    expect(() => readEnv({ EVALUATION_WORKERS: '0' }, 2)).toThrow(/EVALUATION_WORKERS/);
  });

  it('reads the term-sheet link settings: a day by default, a week at most, the default never above the most', () => {
    const defaults = readEnv({}, 2);
    expect([defaults.linkSigningSecret, defaults.termSheetLinkDefaultTtlSeconds, defaults.termSheetLinkMaxTtlSeconds, defaults.publicBaseUrl]).toEqual([undefined, 86_400, 604_800, null]);
    const env = readEnv({ LINK_SIGNING_SECRET: 'x'.repeat(40), TERM_SHEET_LINK_MAX_TTL_SECONDS: '3600', PUBLIC_BASE_URL: 'https://planner.example.org/' }, 2);
    expect([env.linkSigningSecret, env.termSheetLinkDefaultTtlSeconds, env.termSheetLinkMaxTtlSeconds, env.publicBaseUrl]).toEqual(['x'.repeat(40), 3600, 3600, 'https://planner.example.org']);
    expect(() => readEnv({ TERM_SHEET_LINK_MAX_TTL_SECONDS: '3600', TERM_SHEET_LINK_TTL_SECONDS: '7200' }, 2)).toThrow(/TERM_SHEET_LINK_TTL_SECONDS must be a whole number from 60 to 3600/);
    expect(() => readEnv({ LINK_SIGNING_SECRET: 'short' }, 2)).toThrow(/LINK_SIGNING_SECRET must be at least/);
    expect(() => readEnv({ PUBLIC_BASE_URL: 'https://planner.example.org/app' }, 2)).toThrow(/PUBLIC_BASE_URL must be an http\(s\) origin/);
    expect(() => readEnv({ PUBLIC_BASE_URL: 'planner' }, 2)).toThrow(/PUBLIC_BASE_URL/);
  });

  it('names this process for its jobs: INSTANCE_ID, else the host name and the configured port', () => {
    expect(readEnv({ PORT: '8800' }, 2).instanceId).toBe(`${hostname()}:8800`);
    expect(readEnv({ INSTANCE_ID: 'planner-2' }, 2).instanceId).toBe('planner-2');
    expect(() => readEnv({ INSTANCE_ID: 'has space' }, 2)).toThrow(/INSTANCE_ID must be 1 to 100 printable ASCII characters/);
  });
});
