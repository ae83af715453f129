import type { Db } from '../../db/open-database.js';
import { probeWritable } from '../../db/probe-writable.js';
import type { StorageFault } from '../../db/storage-fault.js';

/** Whether the database can be written, as /health reports it: a probe cached for `ttlMs`, and the faults requests met. */
export interface StorageHealth {
  check(): Promise<StorageFault | undefined>;
  /** A request's write failed for this reason: /health says so until the next probe finds otherwise. */
  reportFault(fault: StorageFault): void;
}

export interface StorageHealthOptions {
  db: Db;
  /** The database file (undefined or ':memory:' for an in-memory database: only the SQLite probe runs). */
  path?: string;
  /** How long a probe's answer is kept (default 5 s): /health may be polled every second by a load balancer. */
  ttlMs: number;
  /** Free space below which the disk counts as full. */
  minFreeBytes: number;
  /** A monotonic clock in ms (performance.now by default; the app's clock may stand still in tests). */
  now?: () => number;
}

export function createStorageHealth({ db, path, ttlMs, minFreeBytes, now = () => performance.now() }: StorageHealthOptions): StorageHealth {
  let cached: { fault: StorageFault | undefined; at: number } | undefined;
  return {
    async check() {
      const at = now();
      if (!cached || at - cached.at >= ttlMs) cached = { fault: await probeWritable(db, path, minFreeBytes), at };
      return cached.fault;
    },
    reportFault(fault) {
      cached = { fault, at: now() };
    },
  };
}
