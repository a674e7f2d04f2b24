/**
 * The studio's end-to-end tests: the real web host (`spl studio --web`) over a copy of the
 * sample workspace, with a small cluster to browse (etcd and two nodes: support/cluster.ts),
 * driven in Debian's Chromium. Playwright downloads no browser here; one worker, because the
 * tests share the host, its workspace and the cluster (a test may kill node A).
 */
import { defineConfig } from '@playwright/test';

// CI (.ci/run) asks for a JSON report beside the console output, to print one summary line.
const reports = process.env.SPL_TEST_REPORTS;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: './test-results',
  globalSetup: './support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: reports ? [['list'], ['json', { outputFile: `${reports}/e2e.json` }]] : [['list']],
  use: {
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'dark',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
});
