import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeJobFailure } from '../../src/api/jobs/present-job.js';
import type { JobAnswer } from '../../src/jobs/job-kinds.js';
import { createJobRunner, type JobStore, type LiveJob, type PerformJob } from '../../src/jobs/job-runner.js';
import { createLongJobGate } from '../../src/jobs/long-job-gate.js';

type Finish = Parameters<JobStore['finish']>[1];

/** A store that keeps what it is told, whose `finish` of a succeeded job fails as `failSucceeded` says. */
function recordingStore(failSucceeded: 'no' | 'throws' | 'rejects') {
  const finished: { id: string; outcome: Finish }[] = [];
  const store: JobStore = {
    markRunning: () => {},
    recordProgress: () => {},
    finish: (id, outcome) => {
      if (outcome.status === 'succeeded' && failSucceeded === 'throws') throw new Error('the answer is too large for the disk');
      if (outcome.status === 'succeeded' && failSucceeded === 'rejects') return Promise.reject(new Error('database is locked'));
      finished.push({ id, outcome });
    },
  };
  return { store, finished };
}

const answer: JobAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from('{"ok":true}') };

/** Resolves once the job has ended (its listener saw a final status): every promise of the runner has settled by then. */
function runJob(store: JobStore, perform: PerformJob, watch?: (job: LiveJob) => void) {
  const runner = createJobRunner({ store, gate: createLongJobGate(1), clock: () => new Date('2026-12-07T12:00:00Z'), maxQueuedPerOwner: 5 });
  const seen: LiveJob[] = [];
  const ended = new Promise<LiveJob>((resolve) => {
    expect(runner.submit({ id: 'job_1', owner: 'org', perform })).toBe(true);
    runner.watch('job_1', (job) => {
      seen.push(job);
      if (job.status !== 'queued' && job.status !== 'running') resolve(job);
      watch?.(job);
    });
  });
  return { runner, seen, ended };
}

/** A few turns of the event loop, so a rejection nobody handled would have been reported. */
const settleLoop = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('job runner: every promise handled', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  });

  it.each(['throws', 'rejects'] as const)('a job whose answer cannot be stored (finish %s) ends failed with the reason, logged once, no unhandled rejection', async (how) => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { store, finished } = recordingStore(how);
    const { runner, ended } = runJob(store, async () => answer);
    const end = await ended;
    await settleLoop();
    expect(end.status).toBe('failed');
    expect(runner.live('job_1')).toBeUndefined();
    // The store holds the failure (no answer), so GET /jobs/{id} shows the job failed with its problem.
    expect(finished).toHaveLength(1);
    expect(finished[0]!.outcome.status).toBe('failed');
    expect(finished[0]!.outcome.answer).toBeUndefined();
    expect(finished[0]!.outcome.failure).toMatch(/^error: its end could not be recorded: (the answer is too large for the disk|database is locked)$/);
    expect(describeJobFailure({ id: 'job_1', failure: finished[0]!.outcome.failure! }).code).toBe('JOB_FAILED');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain('job job_1: could not record its end (succeeded)');
    expect(unhandled).toEqual([]);
    // Its slot was given back: the owner can run the next job at once.
    expect(runner.submit({ id: 'job_2', owner: 'org', perform: async () => answer })).toBe(true);
    expect(runner.live('job_2')?.status).toBe('running');
  });

  it('a job whose work throws before returning a promise ends failed with its error', async () => {
    const { store, finished } = recordingStore('no');
    const { ended } = runJob(store, () => {
      throw new Error('no such member');
    });
    expect((await ended).status).toBe('failed');
    await settleLoop();
    expect(finished.map((f) => [f.outcome.status, f.outcome.failure])).toEqual([['failed', 'error: no such member']]);
    expect(unhandled).toEqual([]);
  });

  it('a listener that throws neither stops the job from ending nor escapes as an unhandled rejection', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { store, finished } = recordingStore('no');
    const { ended } = runJob(store, async () => answer, (job) => {
      if (job.status === 'succeeded') throw new Error('the event stream is closed');
    });
    expect((await ended).status).toBe('succeeded');
    await settleLoop();
    expect(finished.map((f) => f.outcome.status)).toEqual(['succeeded']);
    expect(unhandled).toEqual([]);
  });

  it('a job cancelled while its end is being stored stays cancelled', async () => {
    let release!: () => void;
    const finished: string[] = [];
    const store: JobStore = {
      markRunning: () => {},
      recordProgress: () => {},
      finish: (_, outcome) => {
        finished.push(outcome.status);
        if (outcome.status === 'succeeded') return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const { runner, ended } = runJob(store, async () => answer);
    await vi.waitFor(() => expect(finished).toEqual(['succeeded']));
    const cancelling = runner.cancel('job_1');
    release();
    expect(await cancelling).toBe(true);
    expect((await ended).status).toBe('cancelled');
    await settleLoop();
    expect(finished).toEqual(['succeeded', 'cancelled']);
    expect(unhandled).toEqual([]);
  });
});
