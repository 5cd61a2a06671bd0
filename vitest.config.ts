import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests beside their sources, conformance/integration tests that drive a
// running stack (started by tests/run.ts, which passes its URL and keys in the environment), and drills
// that disrupt that stack (`*.drill.test.ts`), run after the other two.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            'supabase/local/**/*.spec.ts',
            'functions/**/*.spec.ts',
            'web/src/**/*.spec.ts',
            'tests/unit/**/*.spec.ts',
          ],
          environment: 'node',
          setupFiles: ['tests/support/fast-check-seed.ts'],
        },
      },
      {
        test: {
          name: 'conformance',
          sequence: { groupOrder: 0 },
          include: ['tests/conformance/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/**/*.drill.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
          pool: 'forks',
        },
      },
      {
        // Drills disrupt the shared stack (they restart its Postgres), so they run alone, after the rest.
        test: {
          name: 'drill',
          include: ['tests/**/*.drill.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 90_000,
          pool: 'forks',
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
