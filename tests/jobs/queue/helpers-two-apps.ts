import { runChunksInProcess } from '../../../src/analysis/simulation/simulate.js';
import type { AppConfig } from '../../../src/api/app-config.js';
import { createApp } from '../../../src/api/create-app.js';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { routePortfolioJobsToQueue } from '../../../src/api/evaluation/durable-evaluator.js';
import { createInlineEvaluator } from '../../../src/api/evaluation/evaluator.js';
import { routeSimulationJobsToQueue } from '../../../src/api/evaluation/route-simulation-jobs.js';
import { createQueuedJobs } from '../../../src/api/jobs/queued-jobs.js';
import { openDurableQueue, type DurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { createTestApp, NOW, TEST_API_KEY_SECRET, type TestApp } from '../../api/helpers/test-app.js';
import { openTestDatabase } from '../../helpers/postgres-cluster.js';

export interface TwoAppsOnOneQueue {
  queue: DurableQueue;
  /** A, the test app that accepts the jobs; it reads the queue once a minute, so it never writes a job's end within a test. */
  a: TestApp;
  /** B, a second service on the same database and queue, whose reads write every end seen. */
  b: Awaited<ReturnType<typeof createApp>>;
  /** A request to B with A's modeler key. */
  callB(method: string, url: string): Promise<{ status: number; headers: Headers; body: any }>;
  /** The state of the chunked job that runs HTTP job `jobId`, or undefined when the queue has none. */
  chunkedStateOf(jobId: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * Two service apps (instances "a" and "b") on one new PostgreSQL database and one durable queue, as two
 * processes would be, both sending portfolio jobs (and, with `simulations`, simulation parts of one
 * chunk each) to the queue; no worker runs until the test starts one (startChunkWorkers).
 */
export async function openTwoAppsOnOneQueue({ config = {}, simulations = false }: { config?: Partial<AppConfig>; simulations?: boolean } = {}): Promise<TwoAppsOnOneQueue> {
  const database = await openTestDatabase();
  if (!database.ok) throw new Error(database.reason);
  const queue = await openDurableQueue(database.url, CHUNK_KINDS, { settings: { pollingIntervalSeconds: 1, maintenanceIntervalSeconds: 1 } });
  const queuedJobs = createQueuedJobs(queue);
  const slow = { pollIntervalMs: 60_000 };
  const routes = () => ({
    evaluator: routePortfolioJobsToQueue(createInlineEvaluator(), queue, slow),
    ...(simulations ? { runSimulationChunks: routeSimulationJobsToQueue(runChunksInProcess, queue, { ...slow, perPart: 1 }) } : {}),
    queuedJobs,
  });
  // Each job holds one of A's long-job slots while A waits its minute.
  const a = await createTestApp({ instanceId: 'a', longJobsPerOrganisation: 10, ...config }, routes());
  const b = await createApp({ db: a.db, config: { apiKeySecret: TEST_API_KEY_SECRET, instanceId: 'b', ...config }, clock: () => NOW, ...routes() });
  return {
    queue,
    a,
    b,
    callB: async (method, url) => {
      const response = await b.request(url, { method, headers: { Authorization: `Bearer ${a.keys.modeler}` } });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    },
    chunkedStateOf: async (jobId) => (await queue.pool.query<{ state: string }>('select state from chunked_jobs.job where external_id = $1', [jobId])).rows[0]?.state,
    close: async () => {
      a.close();
      await queue.close();
      database.stop();
    },
  };
}
