/**
 * Faults of the storage an operator must fix (not a bug, not the client's doing): the disk is full, the
 * database is read-only (file mode, directory, read-only file system), or another process held the write
 * lock past the busy timeout. Each has a cause in words; the API answers them 503, start-up names them.
 */
export type StorageFaultCause = 'disk-full' | 'read-only' | 'locked' | 'missing-directory' | 'io';

export interface StorageFault {
  cause: StorageFaultCause;
  /** The code the error carried (SQLITE_FULL, EROFS, …), for the log. */
  code: string;
}

const BY_CODE: [RegExp, StorageFaultCause][] = [
  [/^(SQLITE_FULL|ENOSPC|EDQUOT)$/, 'disk-full'],
  [/^(SQLITE_READONLY.*|EROFS|EACCES|EPERM|SQLITE_PERM|SQLITE_AUTH)$/, 'read-only'],
  [/^(SQLITE_BUSY.*|SQLITE_LOCKED.*)$/, 'locked'],
  [/^(ENOENT|ENOTDIR|SQLITE_CANTOPEN.*)$/, 'missing-directory'],
  [/^(SQLITE_IOERR.*|EIO|SQLITE_CORRUPT.*|SQLITE_NOTADB)$/, 'io'],
];

/** The storage fault an error is (looking through drizzle's wrapping `cause`s), or undefined for any other error. */
export function classifyStorageFault(error: unknown): StorageFault | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
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
  }
}
