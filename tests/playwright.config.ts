// Browser tests: Debian's Chromium driven by Playwright, against a real portal server that
// `cargo xtask test` starts (PORTAL_URL). No browser is ever downloaded.
import { defineConfig } from '@playwright/test';

const baseURL = process.env.PORTAL_URL;
if (!baseURL) {
  throw new Error('PORTAL_URL is not set: run the browser tests through `cargo xtask test`');
}

export default defineConfig({
  testDir: './e2e',
  outputDir: '../target/playwright-results',
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
