import { defineConfig } from 'vitest/config';

// `npm test`: API and unit tests on in-memory PGlite (or TEST_DATABASE_URL). e2e has its own config.
// The server runs in UTC whatever the machine's zone (platform/calendar/process-timezone.ts); so do the tests.
process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['apps/**/*.test.ts', 'packages/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
  },
});
