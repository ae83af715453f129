import { classifyStorageFault, describeStorageFault } from './storage-fault.js';

/**
 * Why the database could not be opened, prepared or migrated, in words an operator can act on: the path
 * and the cause (read-only file system, permissions, disk full, missing folder), or the error itself.
 */
export function describeStartupError(error: unknown, databasePath: string): string {
  const fault = classifyStorageFault(error);
  const message = error instanceof Error ? error.message : String(error);
  if (fault) return `cannot open the database: ${describeStorageFault(fault, databasePath)}. (${message})`;
  return `cannot open the database ${databasePath}: ${message}`;
}
