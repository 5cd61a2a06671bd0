// A function importing an npm package that is not in the Deno cache when the stack starts boots: the
// stack fetches every function's dependencies at start (and after its files change) with the
// machine's certificate settings, so a TLS-inspecting proxy does not turn the first call into
// 503 BOOT_ERROR. `npm test` gives the fixture functions a Deno cache of their own, emptied each run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';

describe('functions: npm dependencies', () => {
  it('boots a function whose npm: import was not cached when the stack started', async () => {
    const { data, error } = await anonClient().functions.invoke('npm-import', { body: {} });
    expect(error).toBeNull();
    expect(data).toEqual({ odd: true, even: false });
  }, 60_000);

  it("fetched the package into the fixtures' own cache, not the shared one", () => {
    const privateDir = process.env.STACK_EXTRA_FUNCTIONS_DENO_DIR;
    expect(privateDir).toBeTruthy();
    expect(existsSync(join(privateDir!, 'npm', 'registry.npmjs.org', 'is-odd', '3.0.1'))).toBe(true);
  });
});
