// How Deno is invoked, shared by the function processes and scripts/deno-cache.ts, so the cache the
// script fills is exactly the one the processes read (same DENO_DIR, same config flags).
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../config.ts';
import type { FunctionDef } from './registry.ts';

/** Git-ignored; filled at install so functions start offline later. */
export const denoDir = process.env.DENO_DIR || join(repoRoot, '.deno');

/** The Deno binary from the `deno` npm package (DENO_BIN overrides). */
export function denoBinary(): string {
  if (process.env.DENO_BIN) return process.env.DENO_BIN;
  const local = join(repoRoot, 'node_modules', '.bin', 'deno');
  if (existsSync(local)) return realpathSync(local);
  return 'deno';
}

/**
 * The runtime's own environment: cache location, certificate store and proxies. Nothing else of
 * the host's environment (HOME, PATH, the developer's tokens) reaches a function.
 */
export function denoRuntimeEnv(cacheDir = denoDir): Record<string, string> {
  const env: Record<string, string> = {
    DENO_DIR: cacheDir,
    // Repository package.json files must not turn npm: imports into node_modules lookups.
    DENO_NO_PACKAGE_JSON: '1',
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
    // Machines behind a TLS-inspecting proxy trust its CA through the system store only.
    DENO_TLS_CA_STORE: process.env.DENO_TLS_CA_STORE || 'system',
  };
  for (const k of [
    'DENO_CERT',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'http_proxy',
    'https_proxy',
    'no_proxy',
    'NPM_CONFIG_REGISTRY',
  ]) {
    const v = process.env[k];
    if (v) env[k] = v;
  }
  // A run under a shifted clock (npm run test:clock preloads libfaketime) shifts the functions too, or a
  // signature timestamp from the shifted test runner would look hours stale to a function.
  if (process.env.FAKETIME) {
    for (const k of ['FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC', 'LD_PRELOAD']) {
      const v = process.env[k];
      if (v) env[k] = v;
    }
  }
  return env;
}

/** Flags selecting the function's own deno.json or import map, never a lockfile write. */
export function configFlags(def: Pick<FunctionDef, 'denoConfig' | 'importMap'>): string[] {
  if (def.denoConfig) return ['--config', def.denoConfig, '--no-lock'];
  if (def.importMap) return ['--no-config', '--import-map', def.importMap, '--no-lock'];
  return ['--no-config', '--no-lock'];
}

/**
 * What a function may do: the network, its env, reading files, OS info (npm packages ask for it),
 * writing temporary files. Not: spawning processes or loading native code, as on the edge runtime.
 */
export const PERMISSIONS = [
  '--no-prompt',
  '--allow-net',
  '--allow-env',
  '--allow-read',
  '--allow-sys',
  '--allow-write=/tmp',
];
