// Which service answers under which prefix, and whether Kong's key-auth guards it (as in the CLI's
// Kong configuration: auth's browser-facing redirects and storage/functions/realtime check on their own).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mount } from './gateway/server.ts';
import type { ServiceFactory, StackContext } from './gateway/types.ts';

const here = dirname(fileURLToPath(import.meta.url));

const OPEN_AUTH_PATHS = ['/verify', '/callback', '/authorize', '/.well-known/jwks.json'];

const MOUNTS: Array<{ prefix: string; module: string; keyAuth: Mount['keyAuth'] }> = [
  { prefix: '/rest/v1', module: 'rest/index.ts', keyAuth: true },
  { prefix: '/auth/v1', module: 'auth/index.ts', keyAuth: (path) => !OPEN_AUTH_PATHS.includes(path) },
  { prefix: '/storage/v1', module: 'storage/index.ts', keyAuth: false },
  { prefix: '/functions/v1', module: 'functions/index.ts', keyAuth: false },
  { prefix: '/realtime/v1', module: 'realtime/index.ts', keyAuth: false },
];

/** Creates every service whose module exists; each module's `create` export is its factory. */
export async function createServices(ctx: StackContext): Promise<Mount[]> {
  const mounts: Mount[] = [];
  for (const m of MOUNTS) {
    const file = join(here, m.module);
    if (!existsSync(file)) continue;
    const mod = (await import(file)) as { create: ServiceFactory };
    mounts.push({ prefix: m.prefix, keyAuth: m.keyAuth, service: await mod.create(ctx) });
  }
  return mounts;
}

/** Background workers (pg_net's queue drain, …): modules exporting `start(ctx)` → `{ stop() }`. */
const WORKERS = ['net/worker.ts'];

export async function startWorkers(ctx: StackContext): Promise<Array<{ stop(): Promise<void> }>> {
  const out = [];
  for (const w of WORKERS) {
    const file = join(here, w);
    if (!existsSync(file)) continue;
    const mod = (await import(file)) as { start(ctx: StackContext): Promise<{ stop(): Promise<void> }> };
    out.push(await mod.start(ctx));
  }
  return out;
}
