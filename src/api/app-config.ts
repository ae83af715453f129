import { DEFAULT_CHROMIUM_PATH, DEFAULT_PDF_TIMEOUT_MS } from '../export/pdf/print-pdf.js';

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
  /** Chromium that prints the PDF term sheet (CHROMIUM_PATH); missing, the PDF route answers 503 and nothing else changes. */
  chromiumPath: string;
  /** A PDF still printing after this is abandoned (503). */
  pdfTimeoutMs: number;
}

export const DEFAULT_APP_CONFIG: AppConfig = {
  bodyLimitBytes: 2 * 1024 * 1024,
  evaluationCacheEntries: 500,
  evaluationCacheJsonChars: 32 * 1024 * 1024,
  timeZone: 'Asia/Shanghai',
  chromiumPath: DEFAULT_CHROMIUM_PATH,
  pdfTimeoutMs: DEFAULT_PDF_TIMEOUT_MS,
};
