import type { ChunkRunner } from '../analysis/simulation/simulate.js';
import type { Principal } from '../db/api-keys.js';
import type { Db } from '../db/open-database.js';
import type { AppConfig } from './app-config.js';
import type { LongJobGate } from '../jobs/long-job-gate.js';
import type { JobRunner } from '../jobs/job-runner.js';
import type { QueuedJobs } from './jobs/queued-jobs.js';
import type { LimitStore } from '../limits/limit-store.js';
import type { StorageHealth } from './health/storage-health.js';
import type { EvaluationCache } from './evaluation/evaluation-cache.js';
import type { Evaluator } from './evaluation/evaluator.js';

/** What every handler reaches through `c.var.deps`: passed into createApp, never imported. */
export interface AppDeps {
  db: Db;
  config: AppConfig;
  /** The only clock of the app: it dates changes and gives the default as-of date. */
  clock: () => Date;
  evaluationCache: EvaluationCache;
  /** Parses, evaluates and serialises deals: inline (tests), or on a pool of worker threads that server.ts sizes from Env.evaluationWorkers (EVALUATION_WORKERS). */
  evaluator: Evaluator;
  /** Where simulation chunks run: worker threads in the server, this thread in tests. */
  runSimulationChunks: ChunkRunner;
  /** Long jobs running per organisation, with the cap of AppConfig.longJobsPerOrganisation. */
  longJobGate: LongJobGate;
  /** Where the long-job and queued-job limits are counted: this process's memory, or the database for every process on it (AppConfig.sharedLimits). */
  limits: LimitStore;
  /** Whether the database can be written (/health; faults requests met). */
  storageHealth: StorageHealth;
  /** Long requests sent with `Prefer: respond-async`, run later as jobs (src/jobs/job-runner.ts). */
  jobs: JobRunner;
  /** The jobs the durable queue runs (PostgreSQL with a queue): their state is read from it by any process; absent, every job is a process's own. */
  queuedJobs?: QueuedJobs;
  /** The app itself: a job is its request answered again, later, by this. */
  dispatch: (request: Request) => Promise<Response>;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** Set by `authenticate` on every route under /api/v1. */
    principal: Principal;
  };
}
