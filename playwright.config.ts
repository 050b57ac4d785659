import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3790);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

/**
 * Browser tests against Debian's chromium, on a server this run starts on a fresh embedded database with the
 * demo data. One worker: the tests share that server and change its data.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_PORT ? `test-results/e2e-${PORT}` : 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `rm -rf tmp/e2e-data-${PORT} && node bin/tend.js serve`,
    url: `${BASE_URL}/api/v1/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: `tmp/e2e-data-${PORT}`,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: BASE_URL,
      ...(process.env.E2E_WEB_DIR ? { TEND_WEB_DIR: process.env.E2E_WEB_DIR } : {}),
    },
  },
});
