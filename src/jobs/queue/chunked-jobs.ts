import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { AnyChunkKind } from './chunk-kinds.js';
import type { DurableQueue } from './open-durable-queue.js';
import { CHUNKED_JOBS_SCHEMA as S } from './queue-schema.js';

/** What a chunk's pg-boss job carries: its job, its place, and its whole input. */
export interface ChunkData {
  jobId: string;
  index: number;
  input: unknown;
}

export interface ChunkedJobView {
  id: string;
  kind: string;
  state: 'running' | 'completed' | 'failed' | 'cancelled';
  /** Chunks whose results are in, of `total`. */
  progress: { done: number; total: number };
  /**
   * Units of work (members) done, of all the chunks' units: a chunk whose result is in counts whole,
   * one being worked counts what its worker last reported (back to 0 when a retry starts it again).
   */
  units: { done: number; total: number };
  /** Chunks a worker has taken (done, being worked, or retried): 0 while the job waits for workers. */
  started: number;
  /** When the job completed, failed or was cancelled (ISO 8601); null while it runs. */
  finishedAt: string | null;
  /** The chunks' results combined, once every chunk is in. */
  result?: unknown;
  error?: string;
  /** What the caller gave enqueueChunkedJob as `answerContext` (null when nothing). */
  answerContext: unknown;
}

export interface EnqueueOptions {
  /** The id of the HTTP job this chunked job runs (findChunkedJobId, readChunkedJobOf). */
  externalId?: string;
  /** Plain JSON kept with the job for whoever turns its result into an answer (the HTTP answer's as-of date and language). */
  answerContext?: unknown;
}

/** pg-boss's Db interface on a client in a transaction, so chunks are queued with their job or not at all. */
const onClient = (client: pg.PoolClient) => ({ executeSql: (text: string, values?: unknown[]) => client.query(text, values) });

/**
 * A long job queued as chunks, one pg-boss job each, in one transaction with the job's row: each
 * chunk's input whole in its data (any process's worker can take it), `context` kept for combining.
 */
export async function enqueueChunkedJob(queue: DurableQueue, kind: AnyChunkKind, context: unknown, inputs: readonly unknown[], options: EnqueueOptions = {}): Promise<string> {
  if (inputs.length === 0) throw new Error('a chunked job has at least one chunk');
  const id = randomUUID();
  const { settings } = queue;
  const chunks = inputs.map((input, index) => ({ bossId: randomUUID(), units: kind.countUnits?.(input) ?? 1, data: { jobId: id, index, input } satisfies ChunkData }));
  const client = await queue.pool.connect();
  try {
    await client.query('begin');
    await client.query(`insert into ${S}.job (id, kind, context, total, external_id, answer_context) values ($1, $2, $3, $4, $5, $6)`, [id, kind.name, JSON.stringify(context), inputs.length, options.externalId ?? null, options.answerContext === undefined ? null : JSON.stringify(options.answerContext)]);
    await client.query(`insert into ${S}.chunk (job_id, index, boss_id, units) select $1, i - 1, b, u from unnest($2::uuid[], $3::int[]) with ordinality as t(b, u, i)`, [id, chunks.map((c) => c.bossId), chunks.map((c) => c.units)]);
    await queue.boss.insert(
      chunks.map((c) => ({ id: c.bossId, name: kind.name, data: c.data, expireInSeconds: settings.chunkExpireSeconds, retryLimit: settings.retryLimit, retryDelay: settings.retryDelaySeconds })),
      { db: onClient(client) },
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return id;
}

/** A chunked job's state, progress (chunks done of total) and, when complete, its result; null when there is no such job. */
export async function readChunkedJob(queue: DurableQueue, id: string): Promise<ChunkedJobView | null> {
  return await readChunkedJobWhere(queue, 'j.id = $1', id);
}

/** The chunked job that runs the HTTP job `externalId`, as readChunkedJob reads it; null when that job has none. */
export async function readChunkedJobOf(queue: DurableQueue, externalId: string): Promise<ChunkedJobView | null> {
  return await readChunkedJobWhere(queue, 'j.external_id = $1', externalId);
}

async function readChunkedJobWhere(queue: DurableQueue, where: 'j.id = $1' | 'j.external_id = $1', key: string): Promise<ChunkedJobView | null> {
  const { rows } = await queue.pool.query<{ id: string; kind: string; state: ChunkedJobView['state']; total: number; result: string | null; error: string | null; answer_context: string | null; finished_on: Date | null; done: number; started: number; units_done: number; units_total: number }>(
    `select j.id, j.kind, j.state, j.total, j.result, j.error, j.answer_context, j.finished_on, p.done, p.started, p.units_done, p.units_total from ${S}.job j,
       lateral (select count(*) filter (where c.result is not null)::int as done,
                       count(*) filter (where c.result is not null or c.started_on is not null)::int as started,
                       coalesce(sum(case when c.result is not null then c.units else least(c.units_done, c.units) end), 0)::int as units_done,
                       coalesce(sum(c.units), 0)::int as units_total
                from ${S}.chunk c where c.job_id = j.id) p
     where ${where}`,
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  const { id } = row;
  let { state, error, finished_on: finishedOn } = row;
  if (state === 'running') {
    // A chunk pg-boss gave up on (its workers died or it threw more than retryLimit times) fails the job.
    const lost = await queue.pool.query<{ index: number }>(`select c.index from ${S}.chunk c join pgboss.job b on b.id = c.boss_id where c.job_id = $1 and c.result is null and b.state = 'failed' order by c.index limit 1`, [id]);
    if (lost.rows[0]) {
      error = `chunk ${lost.rows[0].index} failed after ${queue.settings.retryLimit} retries`;
      const failed = await queue.pool.query<{ state: ChunkedJobView['state']; error: string | null; finished_on: Date | null }>(
        `update ${S}.job set state = 'failed', error = $2, finished_on = now() where id = $1 and state = 'running' returning state, error, finished_on`,
        [id, error],
      );
      // Another reader (or the last chunk's worker) may have ended it first: its end stands.
      const ended = failed.rows[0] ?? (await queue.pool.query<{ state: ChunkedJobView['state']; error: string | null; finished_on: Date | null }>(`select state, error, finished_on from ${S}.job where id = $1`, [id])).rows[0]!;
      if (ended.state !== 'failed' || ended.error !== error) return await readChunkedJob(queue, id);
      ({ state, error, finished_on: finishedOn } = ended);
    }
  }
  return {
    id,
    kind: row.kind,
    state,
    progress: { done: row.done, total: row.total },
    units: { done: row.units_done, total: row.units_total },
    started: row.started,
    finishedAt: finishedOn === null ? null : finishedOn.toISOString(),
    ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
    ...(error === null ? {} : { error }),
    answerContext: row.answer_context === null ? null : (JSON.parse(row.answer_context) as unknown),
  };
}

/** Of the HTTP jobs `externalIds`, those a chunked job runs (in any state): theirs is the queue's to tell, not a restarted process's to fail. */
export async function findChunkedExternalIds(queue: DurableQueue, externalIds: readonly string[]): Promise<Set<string>> {
  if (externalIds.length === 0) return new Set();
  const { rows } = await queue.pool.query<{ external_id: string }>(`select external_id from ${S}.job where external_id = any($1::text[])`, [externalIds]);
  return new Set(rows.map((r) => r.external_id));
}

/** The chunked job that runs the HTTP job `externalId` (the id enqueueChunkedJob was given), or null. */
export async function findChunkedJobId(queue: DurableQueue, externalId: string): Promise<string | null> {
  const { rows } = await queue.pool.query<{ id: string }>(`select id from ${S}.job where external_id = $1`, [externalId]);
  return rows[0]?.id ?? null;
}

/** Cancels a running job: its chunks not yet taken are cancelled in pg-boss, and a chunk already taken is dropped when it ends. False when the job is not running. */
export async function cancelChunkedJob(queue: DurableQueue, id: string): Promise<boolean> {
  const updated = await queue.pool.query<{ kind: string }>(`update ${S}.job set state = 'cancelled', finished_on = now() where id = $1 and state = 'running' returning kind`, [id]);
  const kind = updated.rows[0]?.kind;
  if (!kind) return false;
  const { rows } = await queue.pool.query<{ boss_id: string }>(`select boss_id from ${S}.chunk where job_id = $1 and result is null`, [id]);
  if (rows.length > 0) await queue.boss.cancel(kind, rows.map((r) => r.boss_id));
  return true;
}

/** Waits until the job is no longer running (polling every `intervalMs`), telling its progress; throws after `timeoutMs`. */
export async function waitForChunkedJob(queue: DurableQueue, id: string, options: { timeoutMs: number; intervalMs?: number; onProgress?: (done: number, total: number) => void }): Promise<ChunkedJobView> {
  const deadline = performance.now() + options.timeoutMs;
  let last = -1;
  for (;;) {
    const view = await readChunkedJob(queue, id);
    if (!view) throw new Error(`no chunked job ${id}`);
    if (view.progress.done !== last) options.onProgress?.((last = view.progress.done), view.progress.total);
    if (view.state !== 'running') return view;
    if (performance.now() > deadline) throw new Error(`chunked job ${id} still running after ${options.timeoutMs} ms (${view.progress.done}/${view.progress.total} chunks)`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 200));
  }
}
