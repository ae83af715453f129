import { defineConfig } from 'vitest/config';

// The bounded mutation run (npm run mutate:pinned, stryker.pinned.config.json): the hand-worked tests of
// the files it mutates, and nothing else, so a mutant survives unless a test that states its numbers
// catches it.
export default defineConfig({
  test: {
    include: [
      'tests/engine/contributions.test.ts',
      'tests/engine/payback.test.ts',
      'tests/engine/income-tax.test.ts',
      'tests/finance/allocate-largest-remainder.test.ts',
    ],
    testTimeout: 60_000,
  },
});
