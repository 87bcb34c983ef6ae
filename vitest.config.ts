import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // @wix/web-methods ships an ESM entry with an extensionless import; let vite inline it.
    server: { deps: { inline: ['@wix/web-methods'] } },
  },
});
