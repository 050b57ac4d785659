import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Scale-out is several processes on one PostgreSQL: without a server to test on, that file has nothing to run.
    exclude: process.env.TEST_DATABASE_URL
      ? []
      : ['test/cli/scale-out-jobs.test.ts', 'test/cli/report-cli-postgres.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
