import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// Portable on purpose (DESIGN.md "Storage"): TEXT ids made by the service, times as ISO-8601 TEXT
// in UTC, JSON and decimals as TEXT, integers only for counts and revision numbers. Moving to
// PostgreSQL changes the driver and these imports, not the shape.

export const ROLES = ['admin', 'modeler', 'reviewer', 'budget'] as const;
export type Role = (typeof ROLES)[number];

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

/** Only the SHA-256 of a key is stored; the key itself is shown once, when it is made. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
    keyHash: text('key_hash').notNull().unique(),
    label: text('label'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    /** Last time the key was presented, to a resolution of a minute (AppConfig.keyLastUsedResolutionMs). */
    lastUsedAt: text('last_used_at'),
    /** After this instant the key is refused (401); null: it does not expire. */
    expiresAt: text('expires_at'),
  },
  // api_keys_organisation: an organisation's keys in the order GET /keys lists them (key-lifecycle.ts listKeys).
  (t) => [check('api_keys_role', sql`${t.role} in ('admin', 'modeler', 'reviewer', 'budget')`), index('api_keys_organisation').on(t.organisationId, t.createdAt)],
);

/** A deal and its head: `currentRevision` names the latest row of `deal_revisions`. */
export const deals = sqliteTable(
  'deals',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    currentRevision: integer('current_revision').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    archivedAt: text('archived_at'),
  },
  (t) => [index('deals_organisation').on(t.organisationId, t.updatedAt)],
);

/** Immutable: rows are inserted, never updated or deleted. `content` is the parsed deal as JSON. */
export const dealRevisions = sqliteTable(
  'deal_revisions',
  {
    dealId: text('deal_id').notNull().references(() => deals.id),
    revision: integer('revision').notNull(),
    content: text('content').notNull(),
    contentHash: text('content_hash').notNull(),
    authorKeyId: text('author_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.revision] }), check('deal_revisions_positive', sql`${t.revision} >= 1`)],
);

/** A named set of overrides (a JSON merge patch, RFC 7396) of one revision of a deal. */
export const scenarios = sqliteTable(
  'scenarios',
  {
    id: text('id').primaryKey(),
    dealId: text('deal_id').notNull().references(() => deals.id),
    name: text('name').notNull(),
    baseRevision: integer('base_revision').notNull(),
    overrides: text('overrides').notNull(),
    authorKeyId: text('author_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [uniqueIndex('scenarios_deal_name').on(t.dealId, t.name).where(sql`${t.deletedAt} is null`)],
);

/** A deal shared read-only with another organisation. */
export const shares = sqliteTable(
  'shares',
  {
    dealId: text('deal_id').notNull().references(() => deals.id),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    createdByKeyId: text('created_by_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.organisationId] }), index('shares_organisation').on(t.organisationId)],
);

/** Every change, who made it and when. `actorKeyId` is null for changes made from the command line. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    organisationId: text('organisation_id').references(() => organisations.id),
    actorKeyId: text('actor_key_id').references(() => apiKeys.id),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    detail: text('detail'),
  },
  // audit_log_subject: a subject's first audit row (a key's `key.created`, listKeys' order) found at once, not
  // by reading every audit row of its organisation.
  (t) => [index('audit_log_organisation').on(t.organisationId, t.id), index('audit_log_subject').on(t.subjectType, t.subjectId, t.id)],
);

/** Deal templates seeded from models/ at start; `content` is the template file's JSON. */
export const templates = sqliteTable('templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  content: text('content').notNull(),
  contentHash: text('content_hash').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * A portfolio (片区打捆) of an organisation: its definition as JSON (members, budget envelope,
 * affordability limits). Deleted portfolios are marked, not removed.
 */
export const portfolios = sqliteTable(
  'portfolios',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    name: text('name').notNull(),
    content: text('content').notNull(),
    authorKeyId: text('author_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('portfolios_organisation').on(t.organisationId, t.updatedAt)],
);

/** A portfolio shared read-only with another organisation (a bureau's portfolio read by a bank). */
export const portfolioShares = sqliteTable(
  'portfolio_shares',
  {
    portfolioId: text('portfolio_id').notNull().references(() => portfolios.id),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    createdByKeyId: text('created_by_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.portfolioId, t.organisationId] }), index('portfolio_shares_organisation').on(t.organisationId)],
);

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A long request run as a job (`Prefer: respond-async`): what was asked, by whom, how far it got and
 * its answer, kept until `expires_at`. The request's key itself is never stored, so a job cannot be
 * rerun after a restart: one its own process (owner_instance) left queued or running is marked failed when
 * that process starts again (src/api/jobs/job-store.ts).
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    keyId: text('key_id').references(() => apiKeys.id),
    kind: text('kind').notNull(),
    /** The request as asked: method and path with its query, e.g. `POST /api/v1/deals/deal_…/simulate`. */
    request: text('request').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    /** After this instant the answer is gone (410); the record stays. */
    expiresAt: text('expires_at'),
    /** The answer: its HTTP status, headers (JSON) and body (bytes; null once expired). */
    resultStatus: integer('result_status'),
    resultHeaders: text('result_headers'),
    resultBody: blob('result_body', { mode: 'buffer' }),
    /** Why the runner itself ended the job, when no answer was made (`interrupted`: the server stopped while it was queued or running). */
    failure: text('failure'),
    /**
     * The service process (its instance id, INSTANCE_ID) that queued the job and runs it in memory. At
     * start a process fails as interrupted only its own unfinished jobs (and those of no instance, from
     * before the column), never the jobs another process sharing the database is running.
     */
    ownerInstance: text('owner_instance'),
  },
  (t) => [index('jobs_organisation').on(t.organisationId, t.createdAt), index('jobs_status').on(t.status)],
);

/**
 * A signed term-sheet link as it was made (term-sheet-links/link-token.ts): what it opens, who made
 * it, until when, and whether it was revoked. The token itself is never stored — it is a credential
 * shown once, like a key; the link's id inside the token finds this row, so one link can be revoked
 * without revoking the key that made it.
 */
export const termSheetLinks = sqliteTable(
  'term_sheet_links',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    keyId: text('key_id').notNull().references(() => apiKeys.id),
    dealId: text('deal_id').notNull().references(() => deals.id),
    revision: integer('revision').notNull(),
    scenarioId: text('scenario_id'),
    /** The analysis sheets, e.g. "stress,sensitivity"; null for none. */
    include: text('include'),
    asOf: text('as_of').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    revokedByKeyId: text('revoked_by_key_id').references(() => apiKeys.id),
  },
  (t) => [index('term_sheet_links_organisation').on(t.organisationId, t.createdAt)],
);
