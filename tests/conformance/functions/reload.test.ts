import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anonClient } from '../../support/stack.ts';

// The stack serves the fixtures folder (STACK_EXTRA_FUNCTIONS_DIR); this test adds a function of its
// own there under a unique name and removes it afterwards.
const fixtures = fileURLToPath(new URL('../fixtures/functions/', import.meta.url));

async function invokeText(name: string): Promise<string | undefined> {
  const { data, error } = await anonClient().functions.invoke(name, { method: 'GET' });
  return error ? undefined : (data as string);
}

describe('functions: development loop', () => {
  it('serves a function added while the stack runs, and the new code after its file changes', async () => {
    const name = `tmp-reload-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const dir = `${fixtures}${name}`;
    mkdirSync(dir);
    try {
      writeFileSync(`${dir}/index.ts`, `Deno.serve(() => new Response('first'));\n`);
      expect(await invokeText(name)).toBe('first');
      writeFileSync(`${dir}/index.ts`, `Deno.serve(() => new Response('second'));\n`);
      // File events arrive asynchronously; the next call after one restarts the process.
      let seen: string | undefined;
      for (let i = 0; i < 30 && seen !== 'second'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        seen = await invokeText(name);
      }
      expect(seen).toBe('second');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
