import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createSimulationPool } from './analysis/simulation/worker-pool.js';
import type { ChunkRunner } from './analysis/simulation/simulate.js';
import type { QueuedJobs } from './api/jobs/queued-jobs.js';
import { createApp } from './api/create-app.js';
import { DEFAULT_APP_CONFIG } from './api/app-config.js';
import { answerClientError } from './api/http/answer-client-error.js';
import { warmUpRequestThread } from './api/warm-up-request-thread.js';
import { CHROMIUM_INSTALL_HINT, isPdfPrinterAvailable } from './export/pdf/print-pdf.js';
import { createWorkerPoolEvaluator, type Evaluator } from './api/evaluation/evaluator.js';
import { currentJobOwner } from './api/middleware/job-owner.js';
import { describeStartupError } from './db/describe-startup-error.js';
import { ensureFirstAdminKey, type BootstrapOutcome } from './db/bootstrap-admin-key.js';
import { describeDatabaseLocation, prepareDatabase } from './db/prepare-database.js';
import { resolveApiKeySecret } from './db/api-key-secret.js';
import { readTemplateFiles } from './db/read-template-files.js';
import { upsertTemplates } from './db/templates.js';
import { readEnv, type Env } from './env.js';

const MODELS_DIRECTORY = fileURLToPath(new URL('../models', import.meta.url));
/** The workbench as `npm install` builds it (web/, `vite build`). */
const WEB_DIRECTORY = fileURLToPath(new URL('../web/dist', import.meta.url));
/** A request that takes longer than this (a client trickling its body) is cut off. */
const REQUEST_TIMEOUT_MS = 30_000;
/** On shutdown, connections still busy after this are closed. */
const SHUTDOWN_GRACE_MS = 5_000;

function announceKey(outcome: BootstrapOutcome): void {
  if (outcome.kind === 'generated') {
    console.log(
      [
        '',
        'No API key existed, so an admin key of the organisation "default" was made.',
        'It is shown this once (only its hash is stored); keep it:',
        '',
        `    ${outcome.key}`,
        '',
        'More keys: npm run cli -- keys create --org <name> --role <admin|modeler|reviewer|budget>',
        '',
      ].join('\n'),
    );
  } else if (outcome.kind === 'from-environment') {
    console.log('ADMIN_API_KEY is now the admin key of the organisation "default".');
  } else if (outcome.adminApiKeyIgnored) {
    console.log('ADMIN_API_KEY ignored: the database already has keys (it only seeds the first one).');
  }
}

/**
 * The durable queue of a service on PostgreSQL (README "Deployment"): opened, QUEUE_WORKERS chunk-worker
 * processes started beside this one, and portfolio jobs routed to it. Its modules (pg-boss, pg, the chunk
 * kinds) are imported here, only when there is a queue, so a service on SQLite starts without loading them.
 */
async function openServiceQueue(settings: NonNullable<Env['durableQueue']>, poolEvaluator: Evaluator): Promise<{ evaluator: Evaluator; queuedJobs: QueuedJobs; routeSimulation(runChunks: ChunkRunner): ChunkRunner; close(): Promise<unknown> }> {
  const [{ openDurableQueue }, { CHUNK_KINDS }, { routePortfolioJobsToQueue }, { routeSimulationJobsToQueue }, { createQueuedJobs }, { locateWorkerScript, startWorkerProcesses }] = await Promise.all([
    import('./jobs/queue/open-durable-queue.js'),
    import('./api/evaluation/durable-chunk-kinds.js'),
    import('./api/evaluation/durable-evaluator.js'),
    import('./api/evaluation/route-simulation-jobs.js'),
    import('./api/jobs/queued-jobs.js'),
    import('./jobs/queue/start-worker-processes.js'),
  ]);
  const queue = await openDurableQueue(settings.url, CHUNK_KINDS, { settings: settings.settings });
  const workers = settings.workers > 0
    ? startWorkerProcesses(settings.workers, { script: locateWorkerScript(import.meta.url) }) // they inherit this environment: the same QUEUE_DATABASE_URL / DATABASE_URL
    : undefined;
  console.log(`durable job queue on PostgreSQL: portfolio, simulation and sensitivity jobs in chunks, ${settings.workers} worker process(es) started here`);
  return {
    evaluator: routePortfolioJobsToQueue(poolEvaluator, queue),
    queuedJobs: createQueuedJobs(queue),
    routeSimulation: (runChunks) => routeSimulationJobsToQueue(runChunks, queue),
    close: () => Promise.all([workers?.stop(), queue.close()]),
  };
}

async function main(): Promise<void> {
  const env = readEnv();
  let database: Awaited<ReturnType<typeof prepareDatabase>>;
  const databaseName = describeDatabaseLocation(env);
  let apiKeySecret: string;
  try {
    database = await prepareDatabase(env);
    const at = new Date().toISOString();
    const changed = await upsertTemplates(database.db, readTemplateFiles(MODELS_DIRECTORY), at);
    if (changed > 0) console.log(`templates: ${changed} added or updated from models/`);
    apiKeySecret = resolveApiKeySecret({ configured: env.apiKeySecret, databasePath: env.databasePath });
    announceKey(await ensureFirstAdminKey(database.db, { adminApiKey: env.adminApiKey, at, apiKeySecret }));
  } catch (error) {
    throw new Error(describeStartupError(error, databaseName));
  }

  // Both pools take jobs in turn by organisation (the request's, currentJobOwner), each within its time budget.
  // FAIR_SHARES=off: every job has the same owner, so the pools serve first come, first served (for comparison only).
  const shares = env.organisationShares;
  const ownerOf = env.fairShares ? currentJobOwner : () => 'everyone';
  const poolEvaluator = createWorkerPoolEvaluator(env.evaluationWorkers, { jobTimeoutMs: env.budgets.evaluationMs, analysisTimeoutMs: env.budgets.analysisMs, ownerOf, shares });
  // With a durable queue (PostgreSQL), portfolio evaluations and stresses run as jobs go there in chunks that
  // any worker process of any service takes; this service starts QUEUE_WORKERS of them beside itself.
  const durable = env.durableQueue ? await openServiceQueue(env.durableQueue, poolEvaluator) : undefined;
  const evaluator = durable?.evaluator ?? poolEvaluator;
  const closeQueue = () => (durable?.close() ?? Promise.resolve()).catch((error: Error) => console.error(`queue: ${error.message}`));
  // Simulation chunks run on worker threads, one per core, started on the first simulation.
  const simulationPool = createSimulationPool(undefined, { chunkBudgetMs: env.budgets.simulationChunkMs, runBudgetMs: env.budgets.simulationRunMs, ownerOf, shares });
  const app = await createApp({
    db: database.db,
    evaluator,
    ...(durable ? { queuedJobs: durable.queuedJobs } : {}),
    // A simulation run as a job goes to the durable queue too (in parts of 1,000 draws); at once, to the pool.
    runSimulationChunks: durable ? durable.routeSimulation(simulationPool.runChunks) : simulationPool.runChunks,
    // The file the write probe of /health checks (free space, permissions); PostgreSQL has no file of ours.
    databasePath: env.databaseUrl ? undefined : env.databasePath,
    config: { webRoot: WEB_DIRECTORY, longJobsPerOrganisation: env.longJobsPerOrganisation, healthProbeTtlMs: env.healthProbeTtlMs, chromiumPath: env.chromiumPath, apiKeySecret, jobResultTtlSeconds: env.jobResultTtlSeconds, queuedJobsPerOrganisation: env.queuedJobsPerOrganisation,
      jobBudgetsMs: { evaluation: env.budgets.evaluationMs, analysis: env.budgets.analysisMs, simulationChunk: env.budgets.simulationChunkMs, simulationRun: env.budgets.simulationRunMs },
      linkSigningSecret: env.linkSigningSecret ?? '', termSheetLinkDefaultTtlSeconds: env.termSheetLinkDefaultTtlSeconds, termSheetLinkMaxTtlSeconds: env.termSheetLinkMaxTtlSeconds, publicBaseUrl: env.publicBaseUrl,
      instanceId: env.instanceId, sharesPerDeal: env.sharesPerDeal, shareOrganisationsPerOrganisation: env.shareOrganisationsPerOrganisation,
      sharedLimits: env.sharedLimits },
  });
  if (!isPdfPrinterAvailable({ chromiumPath: env.chromiumPath })) {
    console.log(`PDF term sheets are off: no Chromium at ${env.chromiumPath} (GET …/term-sheet.pdf answers 503; everything else works). To turn them on: ${CHROMIUM_INSTALL_HINT}`);
  }
  // The router's matcher and the time zone's formatter are built now, not by the first requests (warm-up-request-thread.ts).
  void warmUpRequestThread(app, DEFAULT_APP_CONFIG.timeZone).catch((error: Error) => console.error(`warm-up: ${error.message}`));
  const server = serve({ fetch: app.fetch, port: env.port, hostname: env.host, serverOptions: { requestTimeout: REQUEST_TIMEOUT_MS } }, (info) => {
    console.log(`listening on http://${env.host}:${info.port}  (database ${databaseName}; API docs at /docs)`);
  }) as Server;
  server.on('clientError', answerClientError);
  server.on('error', (error) => {
    console.error(`cannot listen on ${env.host}:${env.port}: ${error.message}`);
    void evaluator.close();
    void simulationPool.close();
    void closeQueue();
    void database.close();
    process.exit(1);
  });

  let closing = false;
  const shutDown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: finishing requests in flight, then closing the database`);
    server.close(() => {
      void Promise.all([evaluator.close(), simulationPool.close(), closeQueue()])
        .finally(() => database.close())
        .finally(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', () => shutDown('SIGTERM'));
  process.on('SIGINT', () => shutDown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`cannot start: ${(error as Error).message}`);
  process.exit(1);
});
