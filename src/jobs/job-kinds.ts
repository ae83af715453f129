/**
 * The long operations a client may run as a job (`Prefer: respond-async`), one name each. A job is the
 * same request answered later: its kind only says what it is, for lists, progress bars and logs.
 */
export const JOB_KINDS = ['simulation', 'goal-seek', 'sensitivity', 'stress', 'term-sheet', 'portfolio-evaluation', 'portfolio-workbook', 'portfolio-stress'] as const;
export type LongJobKind = (typeof JOB_KINDS)[number];

/** What part of a job is done: `total` is null while it is not known yet (a job still queued, a tool that cannot count ahead). */
export interface JobProgress {
  done: number;
  total: number | null;
}

/** Where long work tells how far it got: called as often as it likes (the runner throttles what it stores). */
export type ReportProgress = (progress: JobProgress) => void;

/** The answer a job gave: the HTTP status, headers and body the same request would have answered synchronously. */
export interface JobAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}
