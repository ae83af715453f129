import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHUNK_KINDS } from '../../../src/api/evaluation/durable-chunk-kinds.js';
import { openDurableQueue } from '../../../src/jobs/queue/open-durable-queue.js';
import { CHUNKED_JOBS_VERSION, migrateChunkedJobs } from '../../../src/jobs/queue/queue-schema.js';
import { postgresAvailable } from '../../helpers/postgres-cluster.js';
import { openSharedClusterDatabase } from '../../helpers/test-database.js';

/** The chunked jobs' schema is migrated once; a process starting beside busy workers does not lock their tables. */
describe.skipIf(!postgresAvailable())('the chunked jobs schema (queue-schema.ts)', () => {
  let database: Awaited<ReturnType<typeof openSharedClusterDatabase>>;
  let pool: pg.Pool;
  beforeAll(async () => {
    database = await openSharedClusterDatabase();
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
  });
  afterAll(async () => {
    await pool?.end();
    await database?.stop();
  });

  it('records its version on the schema, and a second start passes while a worker holds a lock on the chunks', { timeout: 60_000 }, async () => {
    await migrateChunkedJobs(pool);
    const comment = await pool.query<{ c: string }>("select obj_description(oid, 'pg_namespace') as c from pg_namespace where nspname = 'chunked_jobs'");
    expect(comment.rows[0]!.c).toBe(`version ${CHUNKED_JOBS_VERSION}`);

    // A worker's open transaction on the chunk table: `alter table … add column if not exists` would wait
    // for it (an exclusive lock is asked for before the column is looked for); a migration at its version
    // asks for none and returns at once.
    const worker = await pool.connect();
    try {
      await worker.query('begin');
      await worker.query('lock table chunked_jobs.chunk in row exclusive mode');
      const second = migrateChunkedJobs(pool).then(() => 'migrated');
      const waited = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000));
      expect(await Promise.race([second, waited])).toBe('migrated');
    } finally {
      await worker.query('rollback');
      worker.release();
    }
  });

  it('opens on a new database in four processes starting at once, each queue made once (no deadlock on pg-boss\'s job table)', { timeout: 120_000 }, async () => {
    const fresh = await openSharedClusterDatabase();
    try {
      const queues = await Promise.all([0, 1, 2, 3].map(() => openDurableQueue(fresh.url, CHUNK_KINDS, { supervise: false })));
      const names = (await queues[0]!.boss.getQueues()).map((q) => q.name).sort();
      expect(names).toEqual(CHUNK_KINDS.map((k) => k.name).sort());
      await Promise.all(queues.map((q) => q.close()));
    } finally {
      await fresh.stop();
    }
  });
});
