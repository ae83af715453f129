import { and, desc, eq, getTableColumns, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from './open-database.js';
import { jobs, type JobStatus } from './schema.js';

export type StoredJob = typeof jobs.$inferSelect;

export interface NewJob {
  id: string;
  organisationId: string;
  keyId: string | null;
  kind: string;
  request: string;
  createdAt: string;
  /** The process that runs it (AppConfig.instanceId). */
  ownerInstance: string;
}

export async function insertJob(db: DbOrTx, job: NewJob): Promise<void> {
  await db.insert(jobs).values({ ...job, status: 'queued' });
}

/** A job of the organisation, or undefined (another organisation's job is not found, like an unknown one). */
export async function findJob(db: DbOrTx, organisationId: string, id: string): Promise<StoredJob | undefined> {
  const [row] = await db.select().from(jobs).where(and(eq(jobs.id, id), eq(jobs.organisationId, organisationId))).limit(1);
  return row;
}

/** The organisation's jobs, newest first, without their answers' bodies. */
export async function listJobs(db: DbOrTx, organisationId: string, limit: number): Promise<Omit<StoredJob, 'resultBody'>[]> {
  const { resultBody: _body, ...columns } = getTableColumns(jobs);
  return await db.select(columns).from(jobs).where(eq(jobs.organisationId, organisationId)).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit);
}

/** A queued job starts (a job already ended — cancelled through another process — stays ended). */
/**
 * A queued job starts. False when its record was no longer queued: another process ended it first
 * (DELETE through any process writes `cancelled` to the record), so the runner holding it must not run it.
 */
export async function markJobRunning(db: DbOrTx, id: string, at: string): Promise<boolean> {
  const started = await db.update(jobs).set({ status: 'running', startedAt: at }).where(and(eq(jobs.id, id), eq(jobs.status, 'queued'))).returning({ id: jobs.id });
  return started.length > 0;
}

/**
 * A job still queued is cancelled through its record (by any process): true when it was still queued.
 * The runner holding it, in whichever process, then never runs it (markJobRunning finds it ended);
 * a job that started meanwhile is left as it is.
 */
export async function cancelQueuedJob(db: DbOrTx, id: string, at: string, expiresAt: string): Promise<boolean> {
  const cancelled = await db.update(jobs).set({ status: 'cancelled', finishedAt: at, expiresAt }).where(and(eq(jobs.id, id), eq(jobs.status, 'queued'))).returning({ id: jobs.id });
  return cancelled.length > 0;
}

export async function recordJobProgress(db: DbOrTx, id: string, done: number, total: number | null): Promise<void> {
  await db.update(jobs).set({ progressDone: done, progressTotal: total }).where(eq(jobs.id, id));
}

export interface JobAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A job ends: succeeded or failed with the answer it would have given, or cancelled (no answer). It
 * ends once: of several processes ending it (the one that runs it, one that read its end from the
 * durable queue, one that cancelled it), the database keeps the first end. True when this one did.
 */
export async function finishJob(db: DbOrTx, id: string, outcome: { status: Exclude<JobStatus, 'queued' | 'running'>; at: string; expiresAt: string; answer?: JobAnswer; failure?: string; progress?: { done: number; total: number | null } }): Promise<boolean> {
  const ended = await db.update(jobs)
    .set({
      status: outcome.status,
      failure: outcome.failure ?? null,
      finishedAt: outcome.at,
      expiresAt: outcome.expiresAt,
      resultStatus: outcome.answer?.status ?? null,
      resultHeaders: outcome.answer ? JSON.stringify(outcome.answer.headers) : null,
      resultBody: outcome.answer?.body ?? null,
      ...(outcome.progress ? { progressDone: outcome.progress.done, progressTotal: outcome.progress.total } : {}),
    })
    .where(and(eq(jobs.id, id), inArray(jobs.status, ['queued', 'running'])))
    .returning({ id: jobs.id });
  return ended.length > 0;
}

/**
 * At the start of process `ownerInstance`: every job it still has queued or running belonged to its
 * previous run, which has stopped (the key was never stored, so the job cannot be run again); mark it
 * failed as `interrupted`. So are jobs of no instance (stored before jobs named theirs). Jobs of other
 * instances sharing the database are theirs to settle. Jobs `findKept` names (the durable queue runs
them: any process reads their end from it) are not interrupted. Returns how many were.
 */
export async function failInterruptedJobs(db: DbOrTx, ownerInstance: string, at: string, expiresAt: string, findKept: (ids: string[]) => Promise<Set<string>> = async () => new Set()): Promise<number> {
  const left = and(inArray(jobs.status, ['queued', 'running']), or(eq(jobs.ownerInstance, ownerInstance), isNull(jobs.ownerInstance)));
  const candidates = (await db.select({ id: jobs.id }).from(jobs).where(left)).map((row) => row.id);
  if (candidates.length === 0) return 0;
  const kept = await findKept(candidates);
  const interrupted = candidates.filter((id) => !kept.has(id));
  if (interrupted.length === 0) return 0;
  const failed = await db
    .update(jobs)
    .set({ status: 'failed', failure: 'interrupted', finishedAt: at, expiresAt })
    .where(and(left, inArray(jobs.id, interrupted)))
    .returning({ id: jobs.id });
  return failed.length;
}

/** Drop the answers kept past their time (the records stay, saying the answer expired). */
export async function dropExpiredAnswers(db: DbOrTx, now: string): Promise<number> {
  const dropped = await db.update(jobs).set({ resultBody: null }).where(and(isNotNull(jobs.resultBody), lte(jobs.expiresAt, now))).returning({ id: jobs.id });
  return dropped.length;
}
