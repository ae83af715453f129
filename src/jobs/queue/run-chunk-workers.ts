import type PgBoss from 'pg-boss';
import type { AnyChunkKind } from './chunk-kinds.js';
import type { ChunkData } from './chunked-jobs.js';
import type { DurableQueue } from './open-durable-queue.js';
import { CHUNKED_JOBS_SCHEMA as S } from './queue-schema.js';

export interface ChunkWorkerOptions {
  /** Who did a chunk (kept with its result): e.g. host:pid. */
  workerName: string;
  /** Told when this worker takes a chunk, before it works it. */
  onChunkStart?: (chunk: { jobId: string; index: number; attempt: number }) => void;
  onChunkDone?: (chunk: { jobId: string; index: number; jobCompleted: boolean }) => void;
}

/**
 * Takes chunks of every kind from the queue, one at a time per kind (a chunk is CPU work on this
 * thread): a chunk of a job no longer running is dropped; else it is worked and its result recorded,
 * and the worker that records the last chunk combines the job's result. A chunk that throws is retried
 * by pg-boss; on its last try the job fails with its error.
 */
export async function startChunkWorkers(queue: DurableQueue, kinds: readonly AnyChunkKind[], options: ChunkWorkerOptions): Promise<void> {
  for (const kind of kinds) {
    await queue.boss.work<ChunkData>(kind.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: queue.settings.pollingIntervalSeconds }, async (jobs: PgBoss.JobWithMetadata<ChunkData>[]) => {
      for (const job of jobs) await workChunk(queue, kind, job, options);
    });
  }
}

async function workChunk(queue: DurableQueue, kind: AnyChunkKind, job: PgBoss.JobWithMetadata<ChunkData>, options: ChunkWorkerOptions): Promise<void> {
  const { jobId, index, input } = job.data;
  const state = await queue.pool.query<{ state: string }>(`select state from ${S}.job where id = $1`, [jobId]);
  if (state.rows[0]?.state !== 'running') return;
  // Taken: the job is no longer only waiting for workers (its HTTP job reads `running`, not `queued`).
  await queue.pool.query(`update ${S}.chunk set started_on = coalesce(started_on, now()) where job_id = $1 and index = $2`, [jobId, index]);
  options.onChunkStart?.({ jobId, index, attempt: job.retryCount });
  // A retry starts the chunk again: its units count from 0, as its worker reports them (never past a result already in).
  const report = async (done: number) => {
    await queue.pool.query(`update ${S}.chunk set units_done = $3 where job_id = $1 and index = $2 and result is null`, [jobId, index, Math.max(0, Math.trunc(done))]);
  };
  let result: unknown;
  try {
    await report(0);
    result = await kind.runChunk(input, report);
  } catch (error) {
    if (job.retryCount >= job.retryLimit) {
      const message = `chunk ${index}: ${error instanceof Error ? error.message : String(error)}`;
      await queue.pool.query(`update ${S}.job set state = 'failed', error = $2, finished_on = now() where id = $1 and state = 'running'`, [jobId, message]);
    }
    throw error;
  }
  const jobCompleted = await recordChunkResult(queue, kind, { jobId, index, result: JSON.stringify(result), doneBy: options.workerName, attempt: job.retryCount });
  options.onChunkDone?.({ jobId, index, jobCompleted });
}

/**
 * A chunk's result recorded, once (a chunk done twice — retried after its expiry while the first try
 * ran on — keeps its first result), under a lock on the job's row so that exactly one worker sees the
 * last chunk come in and combines them (in chunk order). True when this completed the job.
 */
async function recordChunkResult(queue: DurableQueue, kind: AnyChunkKind, chunk: { jobId: string; index: number; result: string; doneBy: string; attempt: number }): Promise<boolean> {
  const client = await queue.pool.connect();
  try {
    await client.query('begin');
    const job = await client.query<{ state: string; total: number; context: string }>(`select state, total, context from ${S}.job where id = $1 for update`, [chunk.jobId]);
    const row = job.rows[0];
    if (row?.state !== 'running') {
      await client.query('commit');
      return false;
    }
    await client.query(`update ${S}.chunk set result = $3, done_by = $4, attempt = $5, done_on = now() where job_id = $1 and index = $2 and result is null`, [chunk.jobId, chunk.index, chunk.result, chunk.doneBy, chunk.attempt]);
    const results = await client.query<{ result: string | null }>(`select result from ${S}.chunk where job_id = $1 order by index`, [chunk.jobId]);
    if (results.rows.length !== row.total || results.rows.some((r) => r.result === null)) {
      await client.query('commit');
      return false;
    }
    let update: [string, string | null, string | null];
    try {
      const combined = kind.combine(JSON.parse(row.context) as unknown, results.rows.map((r) => JSON.parse(r.result!) as unknown));
      update = ['completed', JSON.stringify(combined), null];
    } catch (error) {
      update = ['failed', null, `combining the chunks: ${error instanceof Error ? error.message : String(error)}`];
    }
    await client.query(`update ${S}.job set state = $2, result = $3, error = $4, finished_on = now() where id = $1`, [chunk.jobId, ...update]);
    await client.query('commit');
    return update[0] === 'completed';
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
