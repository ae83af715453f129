import PgBoss from 'pg-boss';
import pg from 'pg';
import type { AnyChunkKind } from './chunk-kinds.js';
import { migrateChunkedJobs } from './queue-schema.js';

/**
 * How chunks are retried and watched (README "Durable job queue"):
 * - a chunk a worker holds longer than `chunkExpireSeconds` is taken to be lost (its process died or
 *   hangs) and is put back for another worker: pg-boss's expireIn, checked by its maintenance every
 *   `maintenanceIntervalSeconds` in every process that supervises;
 * - a chunk is tried `retryLimit` more times after the first (a lost worker or a thrown error each
 *   count one), `retryDelaySeconds` apart; then the job fails with the chunk's error;
 * - idle workers ask for a chunk every `pollingIntervalSeconds`.
 * The expiry must exceed the longest chunk on a loaded machine: a chunk of 50 members takes seconds,
 * so 15 minutes leaves room; a chunk that runs on after its expiry is done twice, harmlessly (its
 * result is recorded once).
 */
export interface QueueSettings {
  chunkExpireSeconds: number;
  retryLimit: number;
  retryDelaySeconds: number;
  maintenanceIntervalSeconds: number;
  pollingIntervalSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  chunkExpireSeconds: 15 * 60,
  retryLimit: 3,
  retryDelaySeconds: 2,
  maintenanceIntervalSeconds: 30,
  pollingIntervalSeconds: 1,
};

export interface DurableQueue {
  boss: PgBoss;
  /** The same PostgreSQL, for the chunked jobs' own tables. */
  pool: pg.Pool;
  settings: QueueSettings;
  close(): Promise<void>;
}

/**
 * The durable queue on the PostgreSQL at `url`: pg-boss started (its schema migrated), the chunked
 * jobs' tables migrated, a pg-boss queue for each kind. `supervise: false` leaves expiry and
 * clean-up to the other processes.
 */
export async function openDurableQueue(url: string, kinds: readonly AnyChunkKind[], options: { settings?: Partial<QueueSettings>; supervise?: boolean } = {}): Promise<DurableQueue> {
  const settings = { ...DEFAULT_QUEUE_SETTINGS, ...options.settings };
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const boss = new PgBoss({
    connectionString: url,
    max: 4,
    supervise: options.supervise ?? true,
    schedule: false,
    maintenanceIntervalSeconds: settings.maintenanceIntervalSeconds,
  });
  boss.on('error', (error: Error) => console.error(`queue: ${error.message}`));
  try {
    await migrateChunkedJobs(pool);
    await boss.start();
    await ensureQueues(pool, boss, kinds.map((kind) => kind.name));
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    await pool.end().catch(() => {});
    throw error;
  }
  return {
    boss,
    pool,
    settings,
    close: async () => {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await pool.end();
    },
  };
}

/**
 * Each kind's pg-boss queue, created when missing, one process at a time (an advisory lock): pg-boss
 * makes a queue a partition of its job table, and two processes creating queues at once can deadlock
 * on that table (PostgreSQL then fails one of them: a worker that never starts).
 */
async function ensureQueues(pool: pg.Pool, boss: PgBoss, names: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', ['chunked_jobs.queues']);
    for (const name of names) await ensureQueue(boss, name);
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', ['chunked_jobs.queues']).catch(() => {});
    client.release();
  }
}

/** The kind's pg-boss queue, created when missing (a process of an older release may create it at the same time: one wins). */
async function ensureQueue(boss: PgBoss, name: string): Promise<void> {
  if (await boss.getQueue(name)) return;
  try {
    await boss.createQueue(name, { name, policy: 'standard' });
  } catch (error) {
    if (!(await boss.getQueue(name))) throw error;
  }
}
