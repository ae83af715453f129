import { defineConfig } from 'vitest/config';
import { postgresAvailable } from './tests/helpers/postgres-cluster.js';

/**
 * Two projects. `sqlite`: every test, the db and API suites on SQLite in memory. `postgres`: the db and
 * API suites again, each test app on a fresh PostgreSQL database of one throwaway cluster
 * (tests/helpers/postgres-global-setup.ts, tests/helpers/test-database.ts). Tests about SQLite's own
 * file (permissions, WAL, a read-only file) stay in the SQLite project; tests of PostgreSQL alone
 * (tests/**\/postgres-*.db.test.ts, tests/**\/*.pg.test.ts: the durable queue, the CLI on PostgreSQL) run
 * only in the PostgreSQL one. Without PostgreSQL installed the
 * second project is left out with a message — except under CI=true, where it must run.
 */
const SQLITE_ONLY: string[] = [];
const POSTGRES_ONLY = ['tests/**/postgres-*.db.test.ts', 'tests/**/*.pg.test.ts'];
const withPostgres = postgresAvailable();
if (!withPostgres) console.warn('PostgreSQL is not installed (apt-get install postgresql): the PostgreSQL project of the db and API suites is skipped');

// The JSON report is what .ci/run reads to print its closing "N passed, N failed" line (both projects in one report).
export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    outputFile: { json: 'reports/vitest.json' },
    testTimeout: 30_000,
    // Hooks that evaluate templates and build workbooks take tens of seconds on a loaded 2-core machine.
    hookTimeout: 120_000,
    projects: [
      // The benchmarks run once, in the sqlite project: a project left to inherit them would run every bench again.
      { extends: true, test: { name: 'sqlite', include: ['tests/**/*.test.ts'], exclude: POSTGRES_ONLY, benchmark: { include: ['tests/bench/**/*.bench.ts'] } } },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/db/**/*.db.test.ts', 'tests/api/**/*.db.test.ts', 'tests/**/*.pg.test.ts'],
                exclude: SQLITE_ONLY,
                // No benchmarks here (vitest's default would pick up tests/bench/*.bench.ts a second time).
                benchmark: { include: [] },
                env: { TEST_DATABASE_ENGINE: 'postgres' },
                globalSetup: ['tests/helpers/postgres-global-setup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
