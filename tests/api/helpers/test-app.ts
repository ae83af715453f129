import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createApp, type CreateAppOptions } from '../../../src/api/create-app.js';
import type { AppConfig } from '../../../src/api/app-config.js';
import { createKeyForOrganisation } from '../../../src/db/create-key.js';
import { readTemplateFiles } from '../../../src/db/read-template-files.js';
import type { Role } from '../../../src/db/schema.js';
import { upsertTemplates } from '../../../src/db/templates.js';
import { openTestDb } from '../../helpers/test-database.js';

/** The key secret of the test world's app (AppConfig.apiKeySecret). */
export const TEST_API_KEY_SECRET = 'test-world-api-key-secret-0123456789';

const MODELS = fileURLToPath(new URL('../../../models', import.meta.url));
/** 10:00 in Beijing on 1 March 2026: "today" for the as-of date is 2026-03-01. */
export const NOW = new Date('2026-03-01T02:00:00.000Z');

/** The keys of a test world: an SOE that owns deals, a bank it may share with, and a stranger. */
const KEYS = {
  admin: { organisation: 'fuzhou-soe', role: 'admin' },
  modeler: { organisation: 'fuzhou-soe', role: 'modeler' },
  reviewer: { organisation: 'fuzhou-soe', role: 'reviewer' },
  budget: { organisation: 'fuzhou-soe', role: 'budget' },
  bankReviewer: { organisation: 'policy-bank', role: 'reviewer' },
  bankModeler: { organisation: 'policy-bank', role: 'modeler' },
  strangerAdmin: { organisation: 'another-soe', role: 'admin' },
} as const satisfies Record<string, { organisation: string; role: Role }>;
export type KeyName = keyof typeof KEYS;

export interface CallOptions {
  key?: KeyName | null;
  body?: unknown;
  /** A body sent as is (malformed JSON, huge bodies). */
  rawBody?: RequestInit['body'];
  headers?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * The real app on `:memory:` SQLite — or, in the PostgreSQL run, a fresh PostgreSQL database
 * (tests/helpers/test-database.ts) — with the real migrations and the templates of models/.
 */
export async function createTestApp(config: Partial<AppConfig> = {}, options: Pick<CreateAppOptions, 'evaluator' | 'runSimulationChunks' | 'queuedJobs'> & { databasePath?: string } = {}) {
  const database = await openTestDb({ path: options.databasePath });
  const at = NOW.toISOString();
  await upsertTemplates(database.db, readTemplateFiles(MODELS), at);
  const keys = {} as Record<KeyName, string>;
  for (const [name, k] of Object.entries(KEYS) as [KeyName, { organisation: string; role: Role }][]) {
    keys[name] = (await createKeyForOrganisation(database.db, { organisation: k.organisation, role: k.role, at, apiKeySecret: TEST_API_KEY_SECRET })).key;
  }
  let now = NOW.getTime();
  const app = await createApp({ db: database.db, config: { apiKeySecret: TEST_API_KEY_SECRET, ...config }, clock: () => new Date(now), evaluator: options.evaluator, runSimulationChunks: options.runSimulationChunks, queuedJobs: options.queuedJobs });

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? 'admin' : options.key;
    if (key !== null) headers.Authorization = `Bearer ${keys[key]}`;
    let body = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await app.request(path, { method, headers, body });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, headers: response.headers, body: type.includes('json') && text !== '' ? JSON.parse(text) : text };
  }

  /** Move the app's clock on (it starts at NOW). */
  const advanceClock = (ms: number) => {
    now += ms;
  };

  return { app, db: database.db, keys, call, advanceClock, close: () => database.close() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** A template deal as a client would send it. */
export function readTemplate(id: string): Record<string, any> {
  return JSON.parse(readFileSync(`${MODELS}/${id}.json`, 'utf8'));
}

/** The problem codes and paths of a problem+json reply, sorted, for compact assertions. */
export function listErrors(reply: Reply): string[] {
  return (reply.body.errors as { path: string; code: string }[]).map((e) => `${e.path} ${e.code}`).sort();
}
