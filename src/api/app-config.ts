import { DEFAULT_CHROMIUM_PATH, DEFAULT_PDF_TIMEOUT_MS } from '../export/pdf/print-pdf.js';

/** Settings of the HTTP app; the server fills them from the environment, tests from literals. */
export interface AppConfig {
  /** Largest accepted request body, in bytes (a 25-year deal is about 10 kB). */
  bodyLimitBytes: number;
  /** Deepest accepted nesting of a JSON body (a deal is about 6 levels): deeper is 400 before parsing. */
  jsonMaxDepth: number;
  /** How many evaluation results are kept in memory, by content hash and as-of date… */
  evaluationCacheEntries: number;
  /** …and how large they may be together, as JSON characters (a 25-year result is about 53 000). */
  evaluationCacheJsonChars: number;
  /** Time zone of "today", the default as-of date of an evaluation. */
  timeZone: string;
  /** Long jobs (decision tools, simulations, portfolios, term sheets with analysis sheets) an organisation may run at once; one more is 429. */
  longJobsPerOrganisation: number;
  /** The Retry-After of that 429, in seconds. */
  longJobRetryAfterSeconds: number;
  /** How long /health keeps its database write probe (ms). */
  healthProbeTtlMs: number;
  /** Free disk space below which /health reports the disk full (bytes). */
  minFreeDiskBytes: number;
  /** How often a key's `last_used_at` is written at most (a write per request would be a disk sync per request). */
  keyLastUsedResolutionMs: number;
  /** Secret of the HMAC that signs term-sheet links; when empty, createApp derives one from apiKeySecret (term-sheet-links/link-token.ts). */
  linkSigningSecret: string;
  /** How long a term-sheet link works when the request names no expiry, and the longest it may ask for. */
  termSheetLinkDefaultTtlSeconds: number;
  termSheetLinkMaxTtlSeconds: number;
  /** Origin put in front of signed links (`https://planner.example.org`); by default the request's own origin. */
  publicBaseUrl: string | null;
  /** Folder of the built workbench (web/dist), served at `/`; null serves no page. */
  webRoot: string | null;
  /** Chromium that prints the PDF term sheet (CHROMIUM_PATH); missing, the PDF route answers 503 and nothing else changes. */
  chromiumPath: string;
  /** A PDF still printing after this is abandoned (503). */
  pdfTimeoutMs: number;
  /** How long a finished job's answer is kept (GET /jobs/{id}/result), seconds; after it, 410. */
  jobResultTtlSeconds: number;
  /** GET /jobs/{id}/events of a job this process does not run (the durable queue's, another process's) reads its record this often, ms. */
  jobEventsPollMs: number;
  /** A job for the durable queue answers 202 once its chunks are queued (so a process killed after the 202 loses nothing), or after this long, ms. */
  queuedJobAcceptWaitMs: number;
  /** Jobs an organisation may have waiting to start; one more is 429 TOO_MANY_QUEUED_JOBS. */
  queuedJobsPerOrganisation: number;
  /** Secret the API keys are hashed with (HMAC-SHA-256, src/db/api-key-secret.ts); when empty, createApp makes a random one and no stored key opens. */
  apiKeySecret: string;
  /** This process among those sharing the database (INSTANCE_ID): its jobs are its own to fail as interrupted when it starts again. */
  instanceId: string;
  /** The pools' time budgets, ms, as the server gives them to its pools (src/env.ts): stated in /openapi.json. */
  jobBudgetsMs: JobBudgetsMs;
  /** Organisations one deal (or one portfolio) may be shared with; one more is 422 TOO_MANY_SHARES. */
  sharesPerDeal: number;
  /** Different organisations an organisation may share its deals and portfolios with, all together; a share to one more is 422 TOO_MANY_SHARES. */
  shareOrganisationsPerOrganisation: number;
  /** Count the organisation limits (long jobs running, jobs waiting) in the database, shared by every process on it (SHARED_LIMITS), rather than in this process's memory. */
  sharedLimits: boolean;
}

/** Time budgets of pool jobs, ms: an evaluation or term sheet, a decision tool or portfolio, a simulation chunk, a whole simulation run. */
export interface JobBudgetsMs {
  evaluation: number;
  analysis: number;
  simulationChunk: number;
  simulationRun: number;
}

export const DEFAULT_APP_CONFIG: AppConfig = {
  bodyLimitBytes: 2 * 1024 * 1024,
  jsonMaxDepth: 64,
  evaluationCacheEntries: 500,
  evaluationCacheJsonChars: 32 * 1024 * 1024,
  timeZone: 'Asia/Shanghai',
  longJobsPerOrganisation: 2,
  longJobRetryAfterSeconds: 10,
  healthProbeTtlMs: 5_000,
  minFreeDiskBytes: 16 * 1024 * 1024,
  keyLastUsedResolutionMs: 60_000,
  linkSigningSecret: '',
  termSheetLinkDefaultTtlSeconds: 24 * 60 * 60,
  termSheetLinkMaxTtlSeconds: 7 * 24 * 60 * 60,
  publicBaseUrl: null,
  webRoot: null,
  chromiumPath: DEFAULT_CHROMIUM_PATH,
  pdfTimeoutMs: DEFAULT_PDF_TIMEOUT_MS,
  jobResultTtlSeconds: 24 * 60 * 60,
  jobEventsPollMs: 1_000,
  queuedJobAcceptWaitMs: 10_000,
  queuedJobsPerOrganisation: 20,
  apiKeySecret: '',
  jobBudgetsMs: { evaluation: 30_000, analysis: 120_000, simulationChunk: 30_000, simulationRun: 180_000 },
  instanceId: 'default',
  sharesPerDeal: 50,
  shareOrganisationsPerOrganisation: 200,
  sharedLimits: false,
};
