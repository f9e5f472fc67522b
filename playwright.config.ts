import { defineConfig } from '@playwright/test';

// Browser journeys in Debian's Chromium (Playwright cannot download one
// here): `scripts/test.mjs` sets CHROMIUM_PATH. Two projects, each with its own
// server on 127.0.0.1: the built course site, served from a sub-path as on
// GitHub Pages and cross-origin isolated as `npm start` serves it
// (site-interrupt.spec.ts also serves it without the headers), and a real
// `jupyter lab` with the pip-installed extension.
const SITE_PORT = Number(process.env.ASYNCIO_LAB_SITE_PORT ?? 8765);
// ASYNCIO_LAB_SITE_DIR serves another build of the site (default build/site).
const SITE_DIR = process.env.ASYNCIO_LAB_SITE_DIR ?? 'build/site';
// ASYNCIO_LAB_UI=site|jupyterlab starts only that project's server.
const ONLY = process.env.ASYNCIO_LAB_UI;
const LAB_PORT = Number(process.env.ASYNCIO_LAB_LAB_PORT ?? 8766);

export default defineConfig({
  testDir: 'test/ui',
  timeout: 240_000,
  expect: { timeout: 60_000 },
  workers: 1,
  // One retry in CI, where a journey may meet a loaded machine; a test that
  // needed it is reported as flaky in the list, not hidden.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    video: 'off',
    trace: 'off',
    screenshot: 'only-on-failure',
    viewport: { width: 1366, height: 850 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Any host but this machine fails to resolve: the tests also record
        // and fail on every request that leaves 127.0.0.1.
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'
      ]
    }
  },
  projects: [
    {
      name: 'site',
      testMatch: /\/site[\w-]*\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${SITE_PORT}/course/` }
    },
    {
      name: 'jupyterlab',
      testMatch: /\/jupyterlab[\w-]*\.spec\.ts$/,
      use: { baseURL: `http://127.0.0.1:${LAB_PORT}/` }
    }
  ],
  webServer: [
    {
      name: 'site',
      command: `node scripts/serve.mjs --port ${SITE_PORT} --prefix /course/ --dir ${SITE_DIR}`,
      url: `http://127.0.0.1:${SITE_PORT}/course/`,
      reuseExistingServer: false,
      timeout: 30_000
    },
    {
      name: 'jupyterlab',
      command: `.venv/bin/jupyter lab --config test/ui/jupyter_server_config.py --port ${LAB_PORT}`,
      // A test-only zh_CN language pack (the real one is not in this
      // machine's package mirror), so the UI can switch to Chinese.
      env: { PYTHONPATH: 'test/ui/fixtures/langpack' },
      url: `http://127.0.0.1:${LAB_PORT}/lab`,
      reuseExistingServer: false,
      timeout: 120_000
    }
  ].filter(server => !ONLY || server.name === ONLY)
});
