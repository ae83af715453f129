import type pg from 'pg';

/** The PostgreSQL schema of the chunked jobs (pg-boss keeps its own, `pgboss`, beside it). */
export const CHUNKED_JOBS_SCHEMA = 'chunked_jobs';

/**
 * The chunked jobs' own tables, version 1: a job (its kind, what combining needs, how many chunks,
 * its state and, once every chunk is in, its result) and each chunk's pg-boss job id and result.
 * Results are JSON text, not jsonb: kept exactly as the chunk's worker wrote them (decimal strings, key
 * order). Version 2 adds each chunk's units of work (members) and the units its worker reports done so
 * far, so a job's progress moves within a chunk, and the id of the HTTP job a chunked job runs (any
 * service process finds it by that id). Version 3 adds when a chunk was first taken by a worker (a job
none of whose chunks was taken is still waiting: `queued`) and what the HTTP answer of the job needs
besides its result (the as-of date, the request's language), so any service process writes that
answer once the last chunk is in. Idempotent (IF NOT EXISTS), so every process applies it at start.
 */
export const CHUNKED_JOBS_MIGRATION = `
create schema if not exists ${CHUNKED_JOBS_SCHEMA};
create table if not exists ${CHUNKED_JOBS_SCHEMA}.job (
  id uuid primary key,
  kind text not null,
  context text not null,
  total integer not null check (total > 0),
  state text not null default 'running' check (state in ('running', 'completed', 'failed', 'cancelled')),
  result text,
  error text,
  created_on timestamptz not null default now(),
  finished_on timestamptz
);
create table if not exists ${CHUNKED_JOBS_SCHEMA}.chunk (
  job_id uuid not null references ${CHUNKED_JOBS_SCHEMA}.job(id) on delete cascade,
  index integer not null,
  boss_id uuid not null,
  result text,
  done_by text,
  attempt integer,
  done_on timestamptz,
  primary key (job_id, index)
);
alter table ${CHUNKED_JOBS_SCHEMA}.chunk add column if not exists units integer not null default 1;
alter table ${CHUNKED_JOBS_SCHEMA}.chunk add column if not exists units_done integer not null default 0;
alter table ${CHUNKED_JOBS_SCHEMA}.job add column if not exists external_id text unique;
alter table ${CHUNKED_JOBS_SCHEMA}.chunk add column if not exists started_on timestamptz;
alter table ${CHUNKED_JOBS_SCHEMA}.job add column if not exists answer_context text;
`;

/** The version CHUNKED_JOBS_MIGRATION brings the schema to (the comment above lists what each adds). */
export const CHUNKED_JOBS_VERSION = 3;

/**
 * Applies the chunked jobs' migration (under an advisory lock, so processes starting together do not race
 * on it) unless the schema is at CHUNKED_JOBS_VERSION already, as its comment records. Skipping matters:
 * `alter table … add column if not exists` takes an exclusive lock on the table before it looks, so a
 * process starting beside workers that hold chunk and job rows would otherwise wait on them, or deadlock
 * with them (PostgreSQL then fails one side).
 */
export async function migrateChunkedJobs(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [CHUNKED_JOBS_SCHEMA]);
    if ((await readChunkedJobsVersion(client)) >= CHUNKED_JOBS_VERSION) return;
    await client.query(`begin; ${CHUNKED_JOBS_MIGRATION}; comment on schema ${CHUNKED_JOBS_SCHEMA} is 'version ${CHUNKED_JOBS_VERSION}'; commit;`);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [CHUNKED_JOBS_SCHEMA]).catch(() => {});
    client.release();
  }
}

/** The version the schema's comment records: 0 when there is no schema or no comment yet (before version 3 none was written). */
async function readChunkedJobsVersion(client: pg.PoolClient): Promise<number> {
  const { rows } = await client.query<{ comment: string | null }>('select obj_description(oid, $2) as comment from pg_namespace where nspname = $1', [CHUNKED_JOBS_SCHEMA, 'pg_namespace']);
  const match = /^version (\d+)$/.exec(rows[0]?.comment ?? '');
  return match ? Number(match[1]) : 0;
}
