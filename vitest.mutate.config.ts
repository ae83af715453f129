import { defineConfig } from 'vitest/config';

// The tests a mutation run (npm run mutate, stryker.config.json) judges src/engine and src/finance by:
// the engine's and the finance primitives' own tests. A mutant that only an API or export test would
// catch counts as surviving here, on purpose: the engine's numbers must be pinned by the engine's tests.
export default defineConfig({
  test: {
    include: ['tests/engine/**/*.test.ts', 'tests/finance/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
