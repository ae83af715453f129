/**
 * Faults of the storage an operator must fix (not a bug, not the client's doing): the disk is full, the
 * database is read-only (file mode, directory, read-only file system), or another process held the write
 * lock past the busy timeout. Each has a cause in words; the API answers them 503, start-up names them.
 */
export type StorageFaultCause = 'disk-full' | 'read-only' | 'locked' | 'missing-directory' | 'io' | 'unavailable';

export interface StorageFault {
  cause: StorageFaultCause;
  /** The code the error carried (SQLITE_FULL, EROFS, …), for the log. */
  code: string;
}

// PostgreSQL's SQLSTATEs (5 characters) beside SQLite's codes and the system's errno names:
// 53100 disk full, 53200 out of memory; 25006 read-only transaction (a standby, default_transaction_read_only);
// 55P03 lock not available (lock_timeout); 08xxx connection failures, 57P01–57P03 the server shutting
// down or starting, 53300 too many connections; ECONNREFUSED & co. when the server cannot be reached at all.
const BY_CODE: [RegExp, StorageFaultCause][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT|53100)$/, 'disk-full'],
  [/^(SQLITE_READONLY.*|EROFS|EACCES|EPERM|SQLITE_PERM|SQLITE_AUTH|25006)$/, 'read-only'],
  [/^(SQLITE_BUSY.*|SQLITE_LOCKED.*|55P03)$/, 'locked'],
  [/^(ENOENT|ENOTDIR|SQLITE_CANTOPEN.*)$/, 'missing-directory'],
  [/^(SQLITE_IOERR.*|EIO|SQLITE_CORRUPT.*|SQLITE_NOTADB|58030|XX001|XX002)$/, 'io'],
  [/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|08\w{3}|57P0[1-3]|53300|53200)$/, 'unavailable'],
];

/** What node-postgres says when its pool could not connect in time (no code of its own). */
const CONNECTION_TIMEOUT = /timeout exceeded when trying to connect|Connection terminated (unexpectedly|due to connection timeout)|Client has encountered a connection error/i;

/** The storage fault an error is (looking through drizzle's wrapping `cause`s), or undefined for any other error. */
export function classifyStorageFault(error: unknown): StorageFault | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') {
      if (CONNECTION_TIMEOUT.test(e.message)) return { cause: 'unavailable', code: 'CONNECTION_TIMEOUT' };
      continue;
    }
    for (const [pattern, cause] of BY_CODE) if (pattern.test(code)) return { cause, code };
  }
  return undefined;
}

/** What an operator reads: the cause and what to do about it. */
export function describeStorageFault(fault: StorageFault, path?: string): string {
  const where = path ? ` (${path})` : '';
  switch (fault.cause) {
    case 'disk-full':
      return `the disk holding the database${where} is full [${fault.code}]: free space on it (or raise the quota), then retry`;
    case 'read-only':
      return `the database${where} cannot be written [${fault.code}]: the file, its folder or the file system is read-only or not writable by this user; fix the permissions or mount it read-write`;
    case 'locked':
      return `the database${where} stayed locked by another writer past the busy timeout [${fault.code}]: retry; if it persists, look for a process holding a long transaction`;
    case 'missing-directory':
      return `the database${where} cannot be opened [${fault.code}]: its folder does not exist or is not a folder; create it or set DATABASE_PATH`;
    case 'io':
      return `the database${where} failed to read or write [${fault.code}]: the disk or file system reported an I/O error or the file is damaged; check the disk and the file`;
    case 'unavailable':
      return `the database server${where} cannot be reached or is not accepting connections [${fault.code}]: check that PostgreSQL is running and that DATABASE_URL names it, then retry`;
  }
}

/**
 * A write the database refused because another transaction changed the same rows at the same moment:
 * a unique key taken in between (23505), a serialization failure (40001) or a deadlock (40P01) on
 * PostgreSQL, where transactions of several connections run side by side; SQLite's serial transactions
 * (and its SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE) meet it only when another process wrote first. The
 * checks a repository makes inside its transaction give the specific answer (412 stale revision, 409 name
 * taken); this is the database's own guard behind them, answered 409, never 500. Undefined for any other error.
 */
export function classifyWriteConflict(error: unknown): { code: string } | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^(23505|40001|40P01|SQLITE_CONSTRAINT_PRIMARYKEY|SQLITE_CONSTRAINT_UNIQUE)$/.test(code)) return { code };
  }
  return undefined;
}
