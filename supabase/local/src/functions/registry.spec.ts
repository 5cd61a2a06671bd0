import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { Registry } from './registry.ts';

function fixtureDir() {
  const root = mkdtempSync(join(tmpdir(), 'fn-registry-'));
  for (const name of ['hello', '_shared', 'webhook']) {
    mkdirSync(join(root, name));
    writeFileSync(join(root, name, 'index.ts'), 'Deno.serve(() => new Response("ok"));');
  }
  writeFileSync(join(root, 'webhook', 'config.json'), '{ "verify_jwt": false }');
  writeFileSync(join(root, 'hello', 'deno.json'), '{}');
  return root;
}

describe('Registry', () => {
  const root = fixtureDir();
  const registry = new Registry(loadConfig({}), root);

  it('finds a function folder in the extra folder, verify_jwt on by default', () => {
    const def = registry.find('hello');
    expect(def).toMatchObject({ name: 'hello', entrypoint: join(root, 'hello', 'index.ts'), verifyJwt: true });
    expect(def?.denoConfig).toBe(join(root, 'hello', 'deno.json'));
  });

  it('reads verify_jwt from a fixture config.json', () => {
    expect(registry.find('webhook')?.verifyJwt).toBe(false);
  });

  it('does not treat _-prefixed folders, unknown names or path tricks as functions', () => {
    expect(registry.find('_shared')).toBeUndefined();
    expect(registry.find('missing')).toBeUndefined();
    expect(registry.find('..')).toBeUndefined();
    expect(registry.find('hello%2F..')).toBeUndefined();
  });
});
