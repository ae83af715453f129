import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The PostgreSQL twin of schema.ts: the same tables, columns, keys, indexes and checks, from which
 * drizzle-kit generates src/db/migrations-pg (`npx drizzle-kit generate --config drizzle.pg.config.ts`).
 * Every column keeps the type it has on SQLite so that a repository reads the same JavaScript values on
 * both databases: ids, times (ISO-8601 UTC, whose text order is time order), JSON and every decimal
 * amount stay TEXT — a decimal is stored as the exact string the engine wrote and read back byte for
 * byte, never as NUMERIC or a float (methodology §1) — integers only for counts and revision numbers,
 * and a job's answer as bytes (bytea, a Buffer in JavaScript as SQLite's BLOB is).
 *
 * The repositories query through the table objects of schema.ts on both databases (drizzle renders a
 * table by its name and its columns by theirs, whatever the dialect that defined them); this file is
 * what the PostgreSQL migrations are made from. tests/db/schema-pg.test.ts checks the two agree.
 */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const organisations = pgTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  createdAt: text('created_at').notNull(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    role: text('role').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    label: text('label'),
    createdAt: text('created_at').notNull(),
    revokedAt: text('revoked_at'),
    lastUsedAt: text('last_used_at'),
    expiresAt: text('expires_at'),
  },
  // api_keys_organisation: an organisation's keys in the order GET /keys lists them (key-lifecycle.ts listKeys).
  (t) => [check('api_keys_role', sql`${t.role} in ('admin', 'modeler', 'reviewer', 'budget')`), index('api_keys_organisation').on(t.organisationId, t.createdAt)],
);

export const deals = pgTable(
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

export const dealRevisions = pgTable(
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

export const scenarios = pgTable(
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

export const shares = pgTable(
  'shares',
  {
    dealId: text('deal_id').notNull().references(() => deals.id),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    createdByKeyId: text('created_by_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dealId, t.organisationId] }), index('shares_organisation').on(t.organisationId)],
);

/** `id` is an identity column: an insert that gives none gets the next number, as SQLite's AUTOINCREMENT does. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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

export const templates = pgTable('templates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  content: text('content').notNull(),
  contentHash: text('content_hash').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const portfolios = pgTable(
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

export const portfolioShares = pgTable(
  'portfolio_shares',
  {
    portfolioId: text('portfolio_id').notNull().references(() => portfolios.id),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    createdByKeyId: text('created_by_key_id').references(() => apiKeys.id),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.portfolioId, t.organisationId] }), index('portfolio_shares_organisation').on(t.organisationId)],
);

export const jobs = pgTable(
  'jobs',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    keyId: text('key_id').references(() => apiKeys.id),
    kind: text('kind').notNull(),
    request: text('request').notNull(),
    status: text('status').notNull(),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    expiresAt: text('expires_at'),
    resultStatus: integer('result_status'),
    resultHeaders: text('result_headers'),
    resultBody: bytea('result_body'),
    failure: text('failure'),
    ownerInstance: text('owner_instance'),
  },
  (t) => [index('jobs_organisation').on(t.organisationId, t.createdAt), index('jobs_status').on(t.status)],
);

export const termSheetLinks = pgTable(
  'term_sheet_links',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    keyId: text('key_id').notNull().references(() => apiKeys.id),
    dealId: text('deal_id').notNull().references(() => deals.id),
    revision: integer('revision').notNull(),
    scenarioId: text('scenario_id'),
    include: text('include'),
    asOf: text('as_of').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
    revokedByKeyId: text('revoked_by_key_id').references(() => apiKeys.id),
  },
  (t) => [index('term_sheet_links_organisation').on(t.organisationId, t.createdAt)],
);

/** The organisation limits shared by every service process (src/limits/organisation-slots.schema.ts): the same columns, TEXT as on SQLite. */
export const organisationSlots = pgTable(
  'organisation_slots',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id').notNull().references(() => organisations.id),
    kind: text('kind', { enum: ['running', 'queued'] }).notNull(),
    instanceId: text('instance_id').notNull(),
    acquiredAt: text('acquired_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('organisation_slots_organisation').on(t.organisationId, t.kind, t.expiresAt)],
);
