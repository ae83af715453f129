import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organisations } from '../db/schema.js';

/**
 * The organisation limits shared by every service process on one database (README "Deployment"):
 * one row per long job running (`running`) or waiting as a job (`queued`), held by the process
 * `instanceId` until `expiresAt`. The holder renews the lease while it holds the slot and deletes the
 * row when it gives it back; a row whose process died stops counting when its lease runs out, and a
 * process starting again deletes its own rows at once. Times are ISO-8601 TEXT in UTC, as elsewhere.
 * PostgreSQL: the same columns as text in a pgTable of the same name and index.
 */
export const organisationSlots = sqliteTable(
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
