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
});
