/** Settings of the HTTP app; the server fills them from the environment, tests from literals. */
export interface AppConfig {
  /** Largest accepted request body, in bytes (a 25-year deal is about 10 kB). */
  bodyLimitBytes: number;
  /** How many evaluation results are kept in memory, by content hash and as-of date… */
  evaluationCacheEntries: number;
  /** …and how large they may be together, as JSON characters (a 25-year result is about 53 000). */
  evaluationCacheJsonChars: number;
  /** Time zone of "today", the default as-of date of an evaluation. */
  timeZone: string;
  /** Folder of the built workbench (web/dist), served at `/`; null serves no page. */
  webRoot: string | null;
}

export const DEFAULT_APP_CONFIG: AppConfig = {
  bodyLimitBytes: 2 * 1024 * 1024,
  evaluationCacheEntries: 500,
  evaluationCacheJsonChars: 32 * 1024 * 1024,
  timeZone: 'Asia/Shanghai',
  webRoot: null,
};
