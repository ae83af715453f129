import type { JobAnswer, JobProgress, ReportProgress } from './job-kinds.js';
import type { LongJobGate } from './long-job-gate.js';

export type LiveStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Where the runner keeps its jobs (SQLite in the service): written at each change of status, progress throttled. */
export interface JobStore {
  /** The job starts; false when the store says it already ended (cancelled by another process): it is then not run. */
  markRunning(id: string, at: Date): void | boolean | Promise<void | boolean>;
  recordProgress(id: string, progress: JobProgress): void | Promise<void>;
  finish(id: string, outcome: { status: 'succeeded' | 'failed' | 'cancelled'; at: Date; answer?: JobAnswer; failure?: string; progress: JobProgress }): void | Promise<void>;
}

/** The work of a job: it gives the answer, stops early when `signal` aborts, and reports progress as it goes. */
export type PerformJob = (signal: AbortSignal, report: ReportProgress) => Promise<JobAnswer>;

/** A job the runner holds in memory, queued or running: what GET /jobs/{id} and its events read while it lasts. */
export interface LiveJob {
  id: string;
  status: LiveStatus;
  progress: JobProgress;
}

export interface JobRunnerOptions {
  store: JobStore;
  /** Long jobs an owner runs at once (shared with synchronous long requests): more wait queued. */
  gate: LongJobGate;
  clock: () => Date;
  /** Jobs an owner may have waiting; one more is refused (the API answers 429). */
  maxQueuedPerOwner: number;
  /** Progress is written to the store at most this often (the live value is always current). */
  progressWriteIntervalMs?: number;
}

export interface JobRunner {
  /** Queue a job of `owner`; false when the owner already has `maxQueuedPerOwner` waiting (nothing queued). */
  submit(job: { id: string; owner: string; perform: PerformJob }): boolean;
  /** Cancel a queued or running job: true when it was live (it is then cancelled at once, whatever its work still does). */
  /**
   * Cancel a live job: false when it is not live here. Settles once the store has the cancellation (or
   * could not take it, which is logged), so a read of the store after it sees `cancelled` — on a
   * database whose writes are asynchronous (PostgreSQL) as on SQLite.
   */
  cancel(id: string): Promise<boolean>;
  live(id: string): LiveJob | undefined;
  /** Be told each change of a live job (progress, status); returns the function that stops it. */
  watch(id: string, listener: (job: LiveJob) => void): () => void;
  /** Jobs waiting, of one owner. */
  queued(owner: string): number;
  /** Cancel everything (shutdown): running work is aborted, queued jobs never start. */
  close(): void;
}

interface Entry extends LiveJob {
  owner: string;
  perform: PerformJob;
  controller: AbortController;
  listeners: Set<(job: LiveJob) => void>;
  lastWriteMs: number;
}

/**
 * The one job runner: jobs wait per owner (organisation), first in first out, and each starts when the
 * owner has a free long-job slot (the same gate that caps synchronous long requests), so queued jobs
 * never crowd out an organisation's other work; the worker pools below then take work in turn by
 * organisation. Each job ends once — succeeded (a 2xx answer), failed (any other answer, or an error,
 * stored as the failure), or cancelled — and the store has every transition.
 */
export function createJobRunner({ store, gate, clock, maxQueuedPerOwner, progressWriteIntervalMs = 1_000 }: JobRunnerOptions): JobRunner {
  const entries = new Map<string, Entry>();
  const waiting = new Map<string, Entry[]>();
  let closed = false;

  /** A store that cannot write (disk full, closed) must not leave a job half-ended: the live state still moves on, and the next start fails what was left running. */
  /** A store write that fails is reported, never thrown into the job; an asynchronous store's writes are not awaited (the job goes on). */
  /** A store write whose failure is logged, never thrown: settles when the store has it (or refused it). */
  const write = (entry: Entry, what: string, change: () => void | Promise<void>): Promise<void> => {
    const report = (error: unknown) => console.error(`job ${entry.id}: could not record ${what}: ${(error as Error).message}`);
    try {
      return Promise.resolve(change()).catch(report);
    } catch (error) {
      report(error);
      return Promise.resolve();
    }
  };

  /** Each listener told; one that throws (a closed event stream) is reported and does not stop the others or the job. */
  const announce = (entry: Entry) => {
    const snapshot = { id: entry.id, status: entry.status, progress: { ...entry.progress } };
    for (const listener of entry.listeners) {
      try {
        listener(snapshot);
      } catch (error) {
        console.error(`job ${entry.id}: a listener failed: ${(error as Error).message}`);
      }
    }
  };

  const end = (entry: Entry, status: 'succeeded' | 'failed' | 'cancelled', answer?: JobAnswer, failure?: string): Promise<void> => {
    if (!entries.has(entry.id)) return Promise.resolve();
    entries.delete(entry.id);
    entry.status = status;
    const stored = write(entry, 'its end', () => store.finish(entry.id, { status, at: clock(), answer, failure, progress: entry.progress }));
    announce(entry);
    entry.listeners.clear();
    return stored;
  };

  const report = (entry: Entry): ReportProgress => (progress) => {
    if (entry.status !== 'running') return;
    entry.progress = { done: progress.done, total: progress.total };
    const now = clock().getTime();
    if (now - entry.lastWriteMs >= progressWriteIntervalMs || (progress.total !== null && progress.done >= progress.total)) {
      entry.lastWriteMs = now;
      write(entry, 'its progress', () => store.recordProgress(entry.id, entry.progress));
    }
    announce(entry);
  };

  /**
   * The end of a job's work, stored before it is announced: when the store cannot take it (the answer
   * does not write, the disk is full), the error is logged once and the job is stored and announced as
   * failed instead — a job is never left running in the store while its work is over, nor reported
   * succeeded with an answer nobody can read. A job cancelled or stopped meanwhile keeps that end.
   */
  const settle = async (entry: Entry, status: 'succeeded' | 'failed', answer?: JobAnswer, failure?: string): Promise<void> => {
    if (!entries.has(entry.id)) return;
    const progress = { ...entry.progress };
    try {
      await store.finish(entry.id, { status, at: clock(), answer, failure, progress });
    } catch (error) {
      const reason = (error as Error).message;
      console.error(`job ${entry.id}: could not record its end (${status}): ${reason}; it is recorded as failed`);
      status = 'failed';
      answer = undefined;
      failure = `error: its end could not be recorded: ${reason}`;
      write(entry, 'its failure', () => store.finish(entry.id, { status: 'failed', at: clock(), failure, progress }));
    }
    if (!entries.has(entry.id)) return;
    entries.delete(entry.id);
    entry.status = status;
    announce(entry);
    entry.listeners.clear();
  };

  /** The start written to the store: false when the store had the job ended already (a store that cannot write lets it run, as before). */
  const readStart = async (entry: Entry): Promise<boolean> => {
    try {
      return (await store.markRunning(entry.id, clock())) !== false;
    } catch (error) {
      console.error(`job ${entry.id}: could not record its start: ${(error as Error).message}`);
      return true;
    }
  };

  /**
   * The job's work, then its end; the owner's slot is given back whatever happens, and nothing it throws
   * goes unhandled. A job whose record another process ended while it waited here (cancelled through
   * that process) ends cancelled without running.
   */
  const run = async (entry: Entry, leave: () => void, started: Promise<boolean>): Promise<void> => {
    try {
      if (!(await started)) {
        entry.controller.abort(new Error('the job was cancelled'));
        await end(entry, 'cancelled');
        return;
      }
      let answer: JobAnswer;
      try {
        answer = await entry.perform(entry.controller.signal, report(entry));
      } catch (error) {
        await settle(entry, 'failed', undefined, `error: ${(error as Error).message}`);
        return;
      }
      await settle(entry, answer.status >= 200 && answer.status < 300 ? 'succeeded' : 'failed', answer);
    } finally {
      leave();
    }
  };

  const start = (entry: Entry, leave: () => void) => {
    entry.status = 'running';
    entry.lastWriteMs = clock().getTime();
    const started = readStart(entry);
    announce(entry);
    run(entry, leave, started).catch((error: unknown) => console.error(`job ${entry.id}: ${(error as Error).message}`));
  };

  const pump = (owner: string) => {
    const queue = waiting.get(owner);
    while (!closed && queue && queue.length > 0) {
      const leave = gate.tryEnter(owner);
      if (!leave) return;
      start(queue.shift()!, leave);
    }
    if (queue && queue.length === 0) waiting.delete(owner);
  };
  gate.onRelease(pump);

  return {
    submit({ id, owner, perform }) {
      if (closed) return false;
      const queue = waiting.get(owner) ?? [];
      if (queue.length >= maxQueuedPerOwner) return false;
      const entry: Entry = { id, owner, perform, status: 'queued', progress: { done: 0, total: null }, controller: new AbortController(), listeners: new Set(), lastWriteMs: 0 };
      entries.set(id, entry);
      queue.push(entry);
      waiting.set(owner, queue);
      pump(owner);
      return true;
    },
    async cancel(id) {
      const entry = entries.get(id);
      if (!entry) return false;
      const queue = waiting.get(entry.owner);
      const index = queue?.indexOf(entry) ?? -1;
      if (index >= 0) queue!.splice(index, 1);
      entry.controller.abort(new Error('the job was cancelled'));
      await end(entry, 'cancelled');
      return true;
    },
    live: (id) => {
      const entry = entries.get(id);
      return entry ? { id: entry.id, status: entry.status, progress: { ...entry.progress } } : undefined;
    },
    watch(id, listener) {
      const entry = entries.get(id);
      if (!entry) return () => {};
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    queued: (owner) => waiting.get(owner)?.length ?? 0,
    close() {
      closed = true;
      for (const entry of [...entries.values()]) {
        entry.controller.abort(new Error('the service is stopping'));
        end(entry, 'failed', undefined, 'interrupted');
      }
      waiting.clear();
    },
  };
}
