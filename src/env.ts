import { availableParallelism, hostname } from 'node:os';
import { MIN_API_KEY_SECRET_LENGTH } from './db/api-key-secret.js';
import { DEFAULT_CHROMIUM_PATH } from './export/pdf/print-pdf.js';

/**
 * The service's settings from the environment. This is the only module that reads `process.env`
 * (DESIGN.md); everything else is handed what it needs.
 */
export interface Env {
  /** SQLite file (created with its folder when missing); unused when `databaseUrl` is set. */
  databasePath: string;
  /** PostgreSQL instead of SQLite (DATABASE_URL=postgres://user:password@host:port/database); undefined: SQLite. */
  databaseUrl: string | undefined;
  /**
   * The durable job queue (README "Deployment"): on the PostgreSQL at QUEUE_DATABASE_URL, else at a
   * postgres DATABASE_URL; undefined (no queue, the in-process pools as before) with SQLite and no
   * QUEUE_DATABASE_URL. `workers`: chunk-worker processes this service starts beside itself
   * (QUEUE_WORKERS, default one per evaluation worker; 0 when `npm run worker` processes elsewhere do the work).
   */
  durableQueue: { url: string; workers: number; settings: WorkerEnv['queue'] } | undefined;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Address to listen on: loopback unless told otherwise (HOST=0.0.0.0 in a container). */
  host: string;
  /** Becomes the first admin key when the database has no key yet. */
  adminApiKey: string | undefined;
  /** Worker threads evaluating deals (EVALUATION_WORKERS); default one per core. */
  evaluationWorkers: number;
  /** Time budgets of pool jobs, ms (README "Fair shares and time budgets"). */
  budgets: {
    /** An evaluation or a term sheet (EVALUATION_JOB_BUDGET_MS, default 30 000). */
    evaluationMs: number;
    /** A goal seek, sensitivity, stress pack or portfolio (ANALYSIS_JOB_BUDGET_MS, default 120 000). */
    analysisMs: number;
    /** One simulation chunk of 100 draws (SIMULATION_CHUNK_BUDGET_MS, default 30 000). */
    simulationChunkMs: number;
    /** A whole simulation run, its waiting included (SIMULATION_RUN_BUDGET_MS, default 180 000). */
    simulationRunMs: number;
  };
  /** Long jobs an organisation may run at once (LONG_JOBS_PER_ORGANISATION, default 2). */
  longJobsPerOrganisation: number;
  /** Jobs an organisation gives per turn of the pools, by organisation name (ORGANISATION_SHARES="city-a=2,bank=1"; others 1). */
  organisationShares: Record<string, number>;
  /** How long /health keeps its write probe, ms (HEALTH_PROBE_TTL_MS, default 5 000). */
  healthProbeTtlMs: number;
  /** Secret the API keys are hashed with (HMAC-SHA-256); API_KEY_SECRET, else generated and kept beside the database. */
  apiKeySecret: string | undefined;
  /** Chromium that prints the PDF term sheet (CHROMIUM_PATH); default /usr/bin/chromium. */
  chromiumPath: string;
  /** Jobs: how long a finished job's answer is kept, seconds (JOB_RESULT_TTL_SECONDS, default 86 400)… */
  jobResultTtlSeconds: number;
  /** …and how many an organisation may have waiting (QUEUED_JOBS_PER_ORGANISATION, default 20). */
  queuedJobsPerOrganisation: number;
  /** Whether the pools take jobs in turn by organisation (FAIR_SHARES, default on) or first come, first served ("off": for comparison, e.g. npm run bench:starvation). */
  fairShares: boolean;
  /** Term-sheet links: the HMAC secret (LINK_SIGNING_SECRET; unset: derived from the API key secret, so links survive restarts)… */
  linkSigningSecret: string | undefined;
  /** …how long a link works unless asked otherwise and at most, seconds (TERM_SHEET_LINK_TTL_SECONDS, default 86 400; TERM_SHEET_LINK_MAX_TTL_SECONDS, default 604 800)… */
  termSheetLinkDefaultTtlSeconds: number;
  termSheetLinkMaxTtlSeconds: number;
  /** …and the origin put in front of them behind a proxy (PUBLIC_BASE_URL, e.g. https://planner.example.org; default: the request's). */
  publicBaseUrl: string | null;
  /** This process among those sharing one database (INSTANCE_ID; default `<host name>:<PORT>`): at start it fails only its own unfinished jobs. */
  instanceId: string;
  /** Organisations one deal or portfolio may be shared with (SHARES_PER_DEAL, default 50)… */
  sharesPerDeal: number;
  /** …and different organisations one organisation may share with, all its deals and portfolios together (SHARE_ORGANISATIONS_PER_ORGANISATION, default 200). */
  shareOrganisationsPerOrganisation: number;
  /** Count the organisation limits (long jobs running, jobs waiting) in the database for every process on it (SHARED_LIMITS, default on), or in this process's memory only ("off": one process per database). */
  sharedLimits: boolean;
}

export const DEFAULT_DATABASE_PATH = './data/capital.db';
export const DEFAULT_PORT = 8787;

/** A whole number from the environment within [min, max], or the default when unset. */
function readWholeNumber(source: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const text = source[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}; got "${text}"`);
  return value;
}

/** "name=2,other=1" → { name: 2, other: 1 }. */
function readShares(text: string | undefined): Record<string, number> {
  const shares: Record<string, number> = {};
  if (text === undefined || text.trim() === '') return shares;
  for (const part of text.split(',')) {
    const match = /^\s*([^=\s][^=]*?)\s*=\s*(\d+)\s*$/.exec(part);
    const weight = match ? Number(match[2]) : NaN;
    if (!match || weight < 1 || weight > 100) throw new Error(`ORGANISATION_SHARES must be "name=share,…" with shares from 1 to 100; got "${part.trim()}"`);
    shares[match[1]!] = weight;
  }
  return shares;
}

/** API_KEY_SECRET: unset or empty means "generate one beside the database"; set, at least MIN_API_KEY_SECRET_LENGTH characters. */
function readApiKeySecret(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.length < MIN_API_KEY_SECRET_LENGTH) throw new Error(`API_KEY_SECRET must be at least ${MIN_API_KEY_SECRET_LENGTH} characters long; got ${text.length}`);
  return text;
}

/** LINK_SIGNING_SECRET: unset or empty means "derive one from the API key secret"; set, as long as an API key secret must be. */
function readLinkSigningSecret(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.length < MIN_API_KEY_SECRET_LENGTH) throw new Error(`LINK_SIGNING_SECRET must be at least ${MIN_API_KEY_SECRET_LENGTH} characters long; got ${text.length}`);
  return text;
}

/** The default lifetime of a term-sheet link may not exceed the longest one. */
function readLinkLifetimes(source: Record<string, string | undefined>) {
  const termSheetLinkMaxTtlSeconds = readWholeNumber(source, 'TERM_SHEET_LINK_MAX_TTL_SECONDS', 7 * 24 * 60 * 60, 60, 365 * 24 * 60 * 60);
  const termSheetLinkDefaultTtlSeconds = readWholeNumber(source, 'TERM_SHEET_LINK_TTL_SECONDS', Math.min(24 * 60 * 60, termSheetLinkMaxTtlSeconds), 60, termSheetLinkMaxTtlSeconds);
  return { termSheetLinkDefaultTtlSeconds, termSheetLinkMaxTtlSeconds };
}

/** PUBLIC_BASE_URL: an http(s) origin, with no path, query or fragment. */
function readPublicBaseUrl(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`PUBLIC_BASE_URL must be an http(s) origin such as https://planner.example.org; got "${text}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new Error(`PUBLIC_BASE_URL must be an http(s) origin such as https://planner.example.org, without a path; got "${text}"`);
  }
  return url.origin;
}

/** INSTANCE_ID: printable, at most 100 characters; unset, the host name and the configured port (two processes on one host listen on different ports). */
function readInstanceId(text: string | undefined, port: number): string {
  if (text === undefined || text === '') return `${hostname()}:${port}`;
  if (!/^[\x21-\x7e]{1,100}$/.test(text)) throw new Error(`INSTANCE_ID must be 1 to 100 printable ASCII characters without spaces; got "${text}"`);
  return text;
}

/**
 * DATABASE_URL: unset or empty means SQLite at DATABASE_PATH; set, a postgres:// (or postgresql://) URL.
 * With PostgreSQL several processes share the database, so they must hash keys with one secret: API_KEY_SECRET
 * is then required (the generated secret of SQLite lives in a file beside the database file).
 */
function readDatabaseUrl(source: Record<string, string | undefined>): string | undefined {
  const text = source.DATABASE_URL?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^postgres(ql)?:\/\/./.test(text)) throw new Error(`DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database (leave it unset for SQLite at DATABASE_PATH); got "${text.replace(/:[^:@/]*@/, ':***@')}"`);
  if (!source.API_KEY_SECRET) throw new Error('API_KEY_SECRET must be set when DATABASE_URL is PostgreSQL: every process sharing the database hashes keys with it (at least 32 characters)');
  return text;
}

export function readEnv(source: Record<string, string | undefined> = process.env, cores = availableParallelism()): Env {
  const port = source.PORT === undefined || source.PORT === '' ? DEFAULT_PORT : Number(source.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a whole number from 0 to 65535; got "${source.PORT}"`);
  const workers = source.EVALUATION_WORKERS === undefined || source.EVALUATION_WORKERS === '' ? cores : Number(source.EVALUATION_WORKERS);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new Error(`EVALUATION_WORKERS must be a whole number from 1 to 64; got "${source.EVALUATION_WORKERS}"`);
  return {
    evaluationWorkers: workers,
    databasePath: source.DATABASE_PATH || DEFAULT_DATABASE_PATH,
    databaseUrl: readDatabaseUrl(source),
    port,
    host: source.HOST || '127.0.0.1',
    adminApiKey: source.ADMIN_API_KEY || undefined,
    budgets: {
      evaluationMs: readWholeNumber(source, 'EVALUATION_JOB_BUDGET_MS', 30_000, 100, 3_600_000),
      analysisMs: readWholeNumber(source, 'ANALYSIS_JOB_BUDGET_MS', 120_000, 100, 3_600_000),
      ...readSimulationBudgets(source),
    },
    longJobsPerOrganisation: readWholeNumber(source, 'LONG_JOBS_PER_ORGANISATION', 2, 1, 1000),
    organisationShares: readShares(source.ORGANISATION_SHARES),
    healthProbeTtlMs: readWholeNumber(source, 'HEALTH_PROBE_TTL_MS', 5_000, 0, 3_600_000),
    apiKeySecret: readApiKeySecret(source.API_KEY_SECRET),
    chromiumPath: source.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH,
    jobResultTtlSeconds: readWholeNumber(source, 'JOB_RESULT_TTL_SECONDS', 24 * 60 * 60, 60, 30 * 24 * 60 * 60),
    queuedJobsPerOrganisation: readWholeNumber(source, 'QUEUED_JOBS_PER_ORGANISATION', 20, 0, 10_000),
    fairShares: readOnOff(source, 'FAIR_SHARES', true),
    linkSigningSecret: readLinkSigningSecret(source.LINK_SIGNING_SECRET),
    ...readLinkLifetimes(source),
    publicBaseUrl: readPublicBaseUrl(source.PUBLIC_BASE_URL),
    instanceId: readInstanceId(source.INSTANCE_ID, port),
    sharesPerDeal: readWholeNumber(source, 'SHARES_PER_DEAL', 50, 1, 100_000),
    shareOrganisationsPerOrganisation: readWholeNumber(source, 'SHARE_ORGANISATIONS_PER_ORGANISATION', 200, 1, 1_000_000),
    sharedLimits: readOnOff(source, 'SHARED_LIMITS', true),
    durableQueue: readServiceQueue(source, workers),
  };
}

/** "on" or "off" (also true/false, 1/0) from the environment, or the default when unset. */
function readOnOff(source: Record<string, string | undefined>, name: string, fallback: boolean): boolean {
  const text = source[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return fallback;
  if (['on', 'true', '1'].includes(text)) return true;
  if (['off', 'false', '0'].includes(text)) return false;
  throw new Error(`${name} must be on or off; got "${source[name]}"`);
}

/** The durable-queue worker's settings (`npm run worker`, src/worker.ts; README "Durable job queue"). */
export interface WorkerEnv {
  /** The PostgreSQL the queue lives in (DATABASE_URL=postgres://…): required. */
  databaseUrl: string;
  /** pg-boss's expiry check every QUEUE_MAINTENANCE_SECONDS (default 30) and idle polling every QUEUE_POLLING_SECONDS (default 1). */
  /** …and a chunk held longer than QUEUE_CHUNK_EXPIRE_SECONDS (default 900) is taken to be lost and given to another worker. */
  queue: { maintenanceIntervalSeconds?: number; pollingIntervalSeconds?: number; chunkExpireSeconds?: number };
  /** A simulation part's budgets, as the service's (SIMULATION_CHUNK_BUDGET_MS per 100 draws, SIMULATION_RUN_BUDGET_MS per part). */
  budgets: { simulationChunkMs: number; simulationRunMs: number };
}

/** The simulation budgets the service and the worker processes read alike. */
function readSimulationBudgets(source: Record<string, string | undefined>): WorkerEnv['budgets'] {
  return {
    simulationChunkMs: readWholeNumber(source, 'SIMULATION_CHUNK_BUDGET_MS', 30_000, 100, 3_600_000),
    simulationRunMs: readWholeNumber(source, 'SIMULATION_RUN_BUDGET_MS', 180_000, 100, 3_600_000),
  };
}

export function readWorkerEnv(source: Record<string, string | undefined> = process.env): WorkerEnv {
  const databaseUrl = source.QUEUE_DATABASE_URL?.trim() || (source.DATABASE_URL?.trim() ?? '');
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error(`QUEUE_DATABASE_URL or DATABASE_URL must be a PostgreSQL URL (postgres://user@host:port/database) for the worker; got "${databaseUrl}"`);
  const queue: WorkerEnv['queue'] = {};
  if (source.QUEUE_MAINTENANCE_SECONDS) queue.maintenanceIntervalSeconds = readWholeNumber(source, 'QUEUE_MAINTENANCE_SECONDS', 30, 1, 3600);
  if (source.QUEUE_POLLING_SECONDS) queue.pollingIntervalSeconds = readWholeNumber(source, 'QUEUE_POLLING_SECONDS', 1, 1, 60);
  if (source.QUEUE_CHUNK_EXPIRE_SECONDS) queue.chunkExpireSeconds = readWholeNumber(source, 'QUEUE_CHUNK_EXPIRE_SECONDS', 900, 10, 86_400);
  return { databaseUrl, queue, budgets: readSimulationBudgets(source) };
}

/** The service's durable queue (Env.durableQueue): its URL, the chunk workers it starts, pg-boss's timings. */
function readServiceQueue(source: Record<string, string | undefined>, evaluationWorkers: number): Env['durableQueue'] {
  const explicit = source.QUEUE_DATABASE_URL?.trim();
  const database = source.DATABASE_URL?.trim();
  const url = explicit || (database && /^postgres(ql)?:\/\//.test(database) ? database : '');
  if (!url) return undefined;
  if (!/^postgres(ql)?:\/\/./.test(url)) throw new Error(`QUEUE_DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/database; got "${url.replace(/:[^:@/]*@/, ':***@')}"`);
  const { queue } = readWorkerEnv({ ...source, QUEUE_DATABASE_URL: url });
  return { url, workers: readWholeNumber(source, 'QUEUE_WORKERS', evaluationWorkers, 0, 64), settings: queue };
}
