import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}` },
      { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
    ],
  },
  test: {
    include: [
      'lib/**/*.test.ts',
      'db/**/*.test.ts',
      'bridge/**/*.test.ts',
      'tests/**/*.test.ts',
      'app/**/*.test.ts',
    ],
    environment: 'node',
    // next-auth imports `next/server` without an extension; inlining lets Vite resolve it.
    server: { deps: { inline: ['next-auth'] } },
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/worker-setup.ts'],
    // One shared database and Redis per run: files run one after another, which also keeps
    // timing-sensitive tests (rate limits, TTLs) honest on a 2-core machine.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: 'reports/vitest.json' },
  },
});
