import { sql } from 'drizzle-orm';
import { accessSync, constants, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Db } from './open-database.js';
import { classifyStorageFault, type StorageFault } from './storage-fault.js';

const ROLLBACK = Symbol('roll the probe back');

/**
 * Can the database be written right now? A cheap check, for /health:
 * 1. the file and its folder are writable (access W_OK: EROFS on a read-only file system, EACCES by mode);
 * 2. the file system has at least `minFreeBytes` free (statfs: a disk about to fill is reported before a write fails);
 * 3. SQLite takes the write lock and allocates pages (BEGIN IMMEDIATE, a scratch table and 8 kB, rolled back:
 *    SQLITE_READONLY, SQLITE_FULL at the page limit, a lock held past the busy timeout).
 * On PostgreSQL (no file of ours: `path` is undefined) step 3 is a transaction that takes a transaction id
 * (refused on a read-only server or standby: 25006) and writes 8 kB to a scratch temporary table (a full
 * disk: 53100), rolled back; a server that cannot be reached fails it as `unavailable`.
 * Nothing is left behind. The fault found, or undefined when writes should succeed.
 */
export async function probeWritable(db: Db, path: string | undefined, minFreeBytes: number): Promise<StorageFault | undefined> {
  if (path !== undefined && path !== ':memory:') {
    const file = resolve(path);
    try {
      accessSync(dirname(file), constants.W_OK);
      accessSync(file, constants.W_OK);
    } catch (error) {
      const fault = classifyStorageFault(error);
      if (fault) return fault;
    }
    try {
      const fs = statfsSync(dirname(file));
      if (fs.bavail * fs.bsize < minFreeBytes) return { cause: 'disk-full', code: 'ENOSPC' };
    } catch {
      // statfs is not available everywhere; the SQLite probe below still runs.
    }
  }
  try {
    await db.transaction(async (tx) => {
      if (db.engine === 'postgres') {
        await tx.run(sql`SELECT txid_current()`);
        await tx.run(sql`CREATE TEMPORARY TABLE _write_probe (x bytea) ON COMMIT DROP`);
        await tx.run(sql`INSERT INTO _write_probe VALUES (decode(repeat('00', 8192), 'hex'))`);
      } else {
        await tx.run(sql`CREATE TABLE IF NOT EXISTS _write_probe (x BLOB)`);
        await tx.run(sql`INSERT INTO _write_probe VALUES (zeroblob(8192))`);
      }
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) return classifyStorageFault(error) ?? { cause: 'io', code: (error as { code?: string }).code ?? 'UNKNOWN' };
  }
  return undefined;
}
