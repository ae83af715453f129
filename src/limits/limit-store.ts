import type { JobRunner } from '../jobs/job-runner.js';
import type { LongJobGate } from '../jobs/long-job-gate.js';

/** Whose limits: the organisation, by id (the shared table) and by name (this process's gate and runner). */
export interface LimitOwner {
  organisationId: string;
  organisationName: string;
}

/** A slot held: give it back once (again is nothing). */
export interface LimitClaim {
  release(): Promise<void>;
}

/** At the limit: how many the organisation holds now (the 429's `running` or `queued`). */
export interface LimitRefusal {
  refused: true;
  count: number;
}

export const isRefusal = (outcome: LimitClaim | LimitRefusal): outcome is LimitRefusal => 'refused' in outcome;

/**
 * Where an organisation's long jobs running and jobs waiting are counted against
 * AppConfig.longJobsPerOrganisation and queuedJobsPerOrganisation (README "Deployment"): in this
 * process's memory (createMemoryLimitStore, one process per database) or in the database, shared by
 * every process on it (createDatabaseLimitStore, SHARED_LIMITS=on).
 */
export interface LimitStore {
  /** Whether other processes on the database see the counts. */
  readonly shared: boolean;
  /** A long request answered now: a slot, or the refusal (429 TOO_MANY_LONG_JOBS). */
  tryClaimRunning(owner: LimitOwner): Promise<LimitClaim | LimitRefusal>;
  /**
   * A job the runner starts (it already holds this process's slot): the shared store waits until the
   * organisation has a slot free across processes; rejects when `signal` aborts (the job cancelled).
   */
  waitForRunning(owner: LimitOwner, signal: AbortSignal): Promise<LimitClaim>;
  /** A job about to be queued: a place in the organisation's queue, or the refusal (429 TOO_MANY_QUEUED_JOBS). */
  tryClaimQueued(owner: LimitOwner): Promise<LimitClaim | LimitRefusal>;
  /** Stop renewing leases (the app closing); rows are left to expire. */
  close(): void;
}

const NOTHING_HELD: LimitClaim = { release: async () => {} };

/**
 * Today's single-process behaviour: the process's long-job gate counts running jobs (shared with the
 * job runner, which takes its slots itself, so a job needs nothing more here), the runner counts the
 * jobs waiting.
 */
export function createMemoryLimitStore({ gate, jobs, queuedJobsPerOrganisation }: { gate: LongJobGate; jobs: Pick<JobRunner, 'queued'>; queuedJobsPerOrganisation: number }): LimitStore {
  return {
    shared: false,
    async tryClaimRunning(owner) {
      const leave = gate.tryEnter(owner.organisationName);
      if (!leave) return { refused: true, count: gate.running(owner.organisationName) };
      return { release: async () => leave() };
    },
    waitForRunning: async () => NOTHING_HELD,
    async tryClaimQueued(owner) {
      const queued = jobs.queued(owner.organisationName);
      return queued >= queuedJobsPerOrganisation ? { refused: true, count: queued } : NOTHING_HELD;
    },
    close() {},
  };
}
