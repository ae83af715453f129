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

/** Applies the chunked jobs' migration (under an advisory lock, so processes starting together do not race on it). */
export async function migrateChunkedJobs(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock(hashtext($1))', [CHUNKED_JOBS_SCHEMA]);
    await client.query(CHUNKED_JOBS_MIGRATION);
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', [CHUNKED_JOBS_SCHEMA]).catch(() => {});
    client.release();
  }
}
