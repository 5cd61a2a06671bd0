import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests beside their sources, and conformance/integration tests that drive a
// running stack (started by tests/run.ts, which passes its URL and keys in the environment).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['supabase/local/**/*.spec.ts', 'functions/**/*.spec.ts', 'web/src/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'conformance',
          include: ['tests/conformance/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          pool: 'forks',
        },
      },
    ],
  },
});
