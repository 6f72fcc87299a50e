import { defineConfig } from 'vitest/config';

// Every test file gets its own database cloned from a template migrated once per run; with
// TEST_DATABASE_URL the same suites run on a PostgreSQL server instead of embedded PGlite.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'browser',
          include: ['web/tests/**/*.test.ts'],
          globalSetup: ['server/src/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // CI runs these beside the PostgreSQL pass: a page may take a few seconds to settle.
          expect: { poll: { timeout: 10_000 } },
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
