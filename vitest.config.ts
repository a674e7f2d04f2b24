import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// CI (.ci/run) asks for a JSON report beside the console output, to print one summary line.
const reports = process.env.SPL_TEST_REPORTS;

export default defineConfig({
  test: {
    reporters: reports ? ['default', ['json', { outputFile: `${reports}/vitest.json` }]] : ['default'],
    // e2e/ belongs to Playwright, not Vitest.
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          // The CLI and interop tests run the built package as a process: build it once, first.
          globalSetup: ['test/support/build-once.ts'],
          setupFiles: ['test/support/isolated-user-data.ts'],
        },
      },
      {
        // The renderer's stores and components run in a simulated DOM (Monaco itself does not).
        extends: true,
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/test/setup.ts'],
        },
      },
    ],
  },
});
