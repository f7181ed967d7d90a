import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Builds in tests make their own child each time; test/cli/server.test.ts turns the build server on.
    env: { WENJI_SERVER: '0' },
  },
});
