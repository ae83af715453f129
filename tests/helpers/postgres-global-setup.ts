/**
 * globalSetup of the `postgres` vitest project: ONE throwaway cluster for the whole run
 * (postgres-cluster.ts; or the cluster of TEST_DATABASE_URL when someone already runs one), a template
 * database migrated once, both handed to the tests (inject('TEST_DATABASE_URL'), test-database.ts), and
 * the cluster stopped and removed at teardown.
 */
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../src/db/open-postgres.js';
import { startPostgresCluster } from './postgres-cluster.js';

const TEMPLATE = 'renovation_template';

export default async function setUp(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.TEST_DATABASE_URL;
  const cluster = given ? { url: given, stop: () => {} } : await startPostgresCluster('postgres_unused');
  const adminUrl = new URL(cluster.url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${TEMPLATE}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  const migrated = await openPostgres(templateUrl.toString(), { maxConnections: 1 });
  await migrated.close(); // no connection may stay on a template that is copied
  project.provide('TEST_DATABASE_URL', adminUrl.toString());
  project.provide('TEST_DATABASE_TEMPLATE', TEMPLATE);
  console.log(`PostgreSQL tests: cluster at ${adminUrl.host}, template database ${TEMPLATE} migrated`);
  return async () => cluster.stop();
}
