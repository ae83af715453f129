/**
 * A kind of chunked job: how one chunk is worked (its input is self-contained in the chunk's data, so
 * any process can take it) and how the chunks' results combine into the job's result. Results and
 * contexts are plain JSON data (decimal strings), stored as JSON text between the two.
 */
export interface ChunkKind<Data = unknown, Result = unknown, Context = unknown, Combined = unknown> {
  /** The queue's name in pg-boss: letters, digits, dashes. */
  name: string;
  /**
   * Works one chunk. `report(done)` tells how many of the chunk's units (countUnits) are done so far;
   * the worker records it in the chunk's row and the job's progress is the sum over its chunks. A
   * chunk that reports awaits it (the write happens between two steps of its work).
   */
  runChunk(data: Data, report: ReportChunkUnits): Result | Promise<Result>;
  /** How many units of work (members, …) a chunk is, for progress; 1 when the kind does not say. */
  countUnits?(data: Data): number;
  /** The job's result from every chunk's result, in chunk order, and the job's context. */
  combine(context: Context, results: Result[]): Combined;
}

/** Tells the units of the chunk done so far (0 … its units). */
export type ReportChunkUnits = (done: number) => Promise<void>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChunkKind = ChunkKind<any, any, any, any>;

/** Kinds by name; a name given twice is a mistake in the caller's wiring. */
export function registerChunkKinds(kinds: readonly AnyChunkKind[]): Map<string, AnyChunkKind> {
  const byName = new Map<string, AnyChunkKind>();
  for (const kind of kinds) {
    if (!/^[a-z0-9-]+$/.test(kind.name)) throw new Error(`a chunk kind's name is lower-case letters, digits and dashes, not "${kind.name}"`);
    if (byName.has(kind.name)) throw new Error(`chunk kind "${kind.name}" is registered twice`);
    byName.set(kind.name, kind);
  }
  return byName;
}
