import { defineConfig, devices } from '@playwright/test';

// End-to-end tests drive the BUILT app (`node build`) in Debian's Chromium against a running stack.
// The build must be made with ORIGIN=http://127.0.0.1:<WEB_PORT> (`npm run test:e2e` does that), since
// adapter-node bakes the origin in for its CSRF check. The stack comes from the environment:
// SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_SERVICE_ROLE_KEY and INBOX_URL.
const port = Number(process.env.WEB_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const outputDir = process.env.E2E_OUTPUT_DIR ?? 'test-results/e2e';
// The geocoder at the world's edge: the local Nominatim stand-in (tests/support/nominatim-fake.ts), 1000 above the app.
const geocoderPort = port + 1000;
// The driver map's raster tiles, from a local tile-server stand-in (tests/support/tile-fake.ts), 2000 above the app.
const tilePort = port + 2000;

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: `${outputDir}/artifacts`,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The machine is small and shared; two browsers at a time are plenty.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list'], ['json', { outputFile: `${outputDir}/results.json` }]],
  use: {
    baseURL,
    screenshot: 'on',
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
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: [
    {
      command: `node tests/support/nominatim-fake.ts ${geocoderPort}`,
      url: `http://127.0.0.1:${geocoderPort}/search?format=jsonv2&q=York+Way`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `node tests/support/tile-fake.ts ${tilePort}`,
      url: `http://127.0.0.1:${tilePort}/0/0/0.png`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'node build',
      url: `${baseURL}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        // Certificates and photos go up through form actions; the buckets allow up to 20 MiB.
        BODY_SIZE_LIMIT: '25M',
        // Trust the client address the tests send (see tests/e2e/fixtures.ts), as behind a proxy.
        ADDRESS_HEADER: 'x-forwarded-for',
        XFF_DEPTH: '1',
        PUBLIC_SUPABASE_URL: process.env.SUPABASE_URL ?? '',
        PUBLIC_SUPABASE_ANON_KEY: process.env.SUPABASE_ANON_KEY ?? '',
        // Invitation e-mails go to the test stack's inbox.
        SMTP_HOST: process.env.SMTP_HOST ?? '',
        SMTP_PORT: process.env.SMTP_PORT ?? '',
        GEOCODER_URL: `http://127.0.0.1:${geocoderPort}`,
        PUBLIC_MAP_TILE_URL: `http://127.0.0.1:${tilePort}/{z}/{x}/{y}.png`,
        PUBLIC_MAP_TILE_ATTRIBUTION: '© PawCentral test tiles',
      },
    },
  ],
});
