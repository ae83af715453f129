import { randomBytes } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { closeUnreadBodies } from './http/close-unread-bodies.js';
import { runChunksInProcess, type ChunkRunner } from '../analysis/simulation/simulate.js';
import type { Db } from '../db/open-database.js';
import { DEFAULT_APP_CONFIG, type AppConfig } from './app-config.js';
import type { AppDeps, AppEnv } from './app-env.js';
import { createAnalysisRouter } from './analysis/index.js';
import { createPortfoliosRouter } from './portfolios/index.js';
import { createAuditLogRouter } from './audit-log/index.js';
import { createRouter } from './create-router.js';
import { createDealsRouter } from './deals/index.js';
import { createDocsRouter } from './docs/index.js';
import { createProblemTypesRouter } from './docs/problem-types.js';
import { createEvaluationCache } from './evaluation/evaluation-cache.js';
import { createInlineEvaluator, type Evaluator } from './evaluation/evaluator.js';
import { createEvaluateRouter } from './evaluate/index.js';
import { createHealthRouter } from './health/index.js';
import { createKeysRouter } from './keys/index.js';
import { createJobsRouter } from './jobs/index.js';
import { createDbJobStore, settleJobsAtStart } from './jobs/job-store.js';
import type { QueuedJobs } from './jobs/queued-jobs.js';
import { createJobRunner } from '../jobs/job-runner.js';
import { reportChunkProgress } from './jobs/report-progress.js';
import { respondAsync } from './middleware/respond-async.js';
import { createMeRouter } from './me/index.js';
import { createLongJobGate } from '../jobs/long-job-gate.js';
import { createDatabaseLimitStore } from '../limits/database-limit-store.js';
import { createMemoryLimitStore } from '../limits/limit-store.js';
import { createStorageHealth } from './health/storage-health.js';
import { authenticate } from './middleware/authenticate.js';
import { bindJobOwner } from './middleware/job-owner.js';
import { LONG_JOB_ROUTES, limitLongJobs } from './middleware/limit-long-jobs.js';
import { limitBody } from './middleware/limit-body.js';
import { limitJsonDepth } from './middleware/limit-json-depth.js';
import { registerOpenApiDocument } from './openapi-document.js';
import { handleError, handleNotFound } from './problems/handle-error.js';
import { createRevisionsRouter } from './revisions/index.js';
import { createScenariosRouter } from './scenarios/index.js';
import { createSharesRouter } from './shares/index.js';
import { createTemplatesRouter } from './templates/index.js';
import { createTermSheetsRouter } from './term-sheets/index.js';
import { authenticateLink, createTermSheetLinksRouter } from './term-sheet-links/index.js';
import { deriveLinkSecret } from './term-sheet-links/link-token.js';
import { serveWebApp } from './web/serve-web-app.js';

export interface CreateAppOptions {
  db: Db;
  config?: Partial<AppConfig>;
  /** The clock the app reads (tests pass a fixed one). */
  clock?: () => Date;
  /** Who evaluates deals: the server passes a pool of worker threads; by default, the request's thread. */
  evaluator?: Evaluator;
  /** Where simulation chunks run (the server passes a worker-thread pool); this thread by default. */
  runSimulationChunks?: ChunkRunner;
  /** The jobs the durable queue runs (server.ts on PostgreSQL: createQueuedJobs), read by any process; absent, each job is its process's own. */
  queuedJobs?: QueuedJobs;
  /** The database file, for /health's disk checks (omitted: only the SQLite write probe runs). */
  databasePath?: string;
}

/** The HTTP app: /health, /openapi.json, /docs and the resources under /api/v1 (DESIGN.md "HTTP contract"), and the workbench at `/` when `config.webRoot` names its build. */
export async function createApp({ db, config, clock = () => new Date(), evaluator = createInlineEvaluator(), runSimulationChunks = runChunksInProcess, databasePath, queuedJobs }: CreateAppOptions) {
  const fullConfig: AppConfig = { ...DEFAULT_APP_CONFIG, ...config };
  // No key secret given: a random one, so nothing is hashed with an empty key (no stored key then opens).
  if (fullConfig.apiKeySecret === '') fullConfig.apiKeySecret = randomBytes(32).toString('base64url');
  // No link secret given: one derived from the key secret, so links live as long as the keys' hashes do.
  if (fullConfig.linkSigningSecret === '') fullConfig.linkSigningSecret = deriveLinkSecret(fullConfig.apiKeySecret);
  const longJobGate = createLongJobGate(fullConfig.longJobsPerOrganisation);
  // Jobs a previous run of the service left unfinished are reported failed, never silently lost.
  // Not those the durable queue runs: their chunks live on, and any process reads their end from the queue.
  await settleJobsAtStart(db, fullConfig.instanceId, clock(), fullConfig.jobResultTtlSeconds, queuedJobs);
  const jobs = createJobRunner({ store: createDbJobStore(db, fullConfig.jobResultTtlSeconds, queuedJobs), gate: longJobGate, clock, maxQueuedPerOwner: fullConfig.queuedJobsPerOrganisation });
  const { longJobsPerOrganisation, queuedJobsPerOrganisation, instanceId } = fullConfig;
  const limits = fullConfig.sharedLimits
    ? await createDatabaseLimitStore({ db, gate: longJobGate, longJobsPerOrganisation, queuedJobsPerOrganisation, instanceId })
    : createMemoryLimitStore({ gate: longJobGate, jobs, queuedJobsPerOrganisation });
  let dispatch: (request: Request) => Promise<Response> = () => Promise.reject(new Error('the app is not built yet'));
  const deps: AppDeps = {
    db,
    config: fullConfig,
    clock,
    evaluationCache: createEvaluationCache({ maxEntries: fullConfig.evaluationCacheEntries, maxJsonChars: fullConfig.evaluationCacheJsonChars }),
    evaluator,
    runSimulationChunks: reportChunkProgress(runSimulationChunks),
    longJobGate,
    jobs,
    ...(queuedJobs ? { queuedJobs } : {}),
    limits,
    dispatch: (request) => dispatch(request),
    storageHealth: createStorageHealth({ db, path: databasePath, ttlMs: fullConfig.healthProbeTtlMs, minFreeBytes: fullConfig.minFreeDiskBytes }),
  };

  const app = createRouter();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use(createMiddleware<AppEnv>(async (c, next) => {
    c.set('deps', deps);
    await next();
  }));
  app.use(closeUnreadBodies);
  app.use(limitBody(fullConfig.bodyLimitBytes));
  app.use(limitJsonDepth(fullConfig.jsonMaxDepth));
  app.use(serveWebApp(fullConfig.webRoot));

  const api = createRouter();
  api.use('/term-sheet-links/:token', authenticateLink);
  api.use(authenticate);
  api.use(bindJobOwner);
  for (const path of LONG_JOB_ROUTES) api.use(path, respondAsync, limitLongJobs);
  for (const createResourceRouter of [createAnalysisRouter, createEvaluateRouter, createTemplatesRouter, createDealsRouter, createRevisionsRouter, createScenariosRouter, createSharesRouter, createTermSheetsRouter, createPortfoliosRouter, createMeRouter, createKeysRouter, createAuditLogRouter, createJobsRouter, createTermSheetLinksRouter]) {
    api.route('/', createResourceRouter());
  }

  app.route('/', createHealthRouter());
  app.route('/', createProblemTypesRouter());
  app.route('/', createDocsRouter());
  app.route('/api/v1', api);
  registerOpenApiDocument(app, fullConfig);
  dispatch = async (request) => app.fetch(request);
  return app;
}

