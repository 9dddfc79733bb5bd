// End-to-end tests: the release dist/ served on loopback, in Debian's headless Chromium.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  // A retrying assertion waits for the page, not for a fixed time: on a loaded 2-core CI
  // machine (wasm compiling, two workers) 5 s was the only thing between a slow page and a red
  // run. Passing tests take no longer; a failing one reports after 15 s instead of 5.
  expect: { timeout: 15_000 },
  workers: 2,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
